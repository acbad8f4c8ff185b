// Which gathering points a device chooses from: only a coordinator of several gets a list; everyone else types.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpaceSummary, UserSummary } from '@schema/protocol.ts';
import { findGatheringPoint, listGatheringPoints, saveEnrolment, updateEnrolmentDetails } from './device.ts';
import { freshUnlockedDb } from './test-support.ts';

beforeEach(freshUnlockedDb);

const space = (name: string): SpaceSummary => ({ id: crypto.randomUUID(), name, retentionDays: 14 });

async function enrol(role: UserSummary['role'], spaces: SpaceSummary[]): Promise<UserSummary> {
  const user: UserSummary = { id: crypto.randomUUID(), name: 'Ірина', role };
  await saveEnrolment({ deviceId: crypto.randomUUID(), refreshSecret: 'secret', accessToken: 'token', expiresIn: 900, user, spaces });
  return user;
}

describe('listGatheringPoints', () => {
  it('is empty on an unenrolled phone, a volunteer phone and a coordinator of one point', async () => {
    expect(await listGatheringPoints()).toEqual([]);
    await enrol('volunteer', [space('Суми')]);
    expect(await listGatheringPoints()).toEqual([]);
    await enrol('coordinator', [space('Суми')]);
    expect(await listGatheringPoints()).toEqual([]);
  });

  it("lists a coordinator's points by name, one per name, and follows changes to the enrolment", async () => {
    const [sumy, chop, sumyAgain] = [space('Суми'), space('Чоп'), space(' суми ')];
    const user = await enrol('coordinator', [sumy, chop, sumyAgain]);
    expect((await listGatheringPoints()).map((p) => p.id)).toEqual([sumy.id, chop.id]);
    const akhtyrka = space('Охтирка');
    await updateEnrolmentDetails(user, [chop, akhtyrka]);
    expect((await listGatheringPoints()).map((p) => p.name)).toEqual(['Охтирка', 'Чоп']);
  });
});

describe('findGatheringPoint', () => {
  const points = [space('Пункт Суми'), space('Харків')];

  it('matches a name whatever its case and surrounding spaces', () => {
    expect(findGatheringPoint(points, '  пункт СУМИ ')).toBe(points[0]);
    expect(findGatheringPoint(points, 'Харків')).toBe(points[1]);
  });

  it('matches nothing for an empty or unknown name, so nothing is ever picked for the user', () => {
    expect(findGatheringPoint(points, '')).toBeUndefined();
    expect(findGatheringPoint(points, 'Пункт')).toBeUndefined();
  });
});
