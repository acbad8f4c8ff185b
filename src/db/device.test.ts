// A device's gathering points come from its enrolment: a volunteer's phone has its one, never asked; only a
// coordinator of several chooses; a new inquiry is filed by the point's id.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpaceSummary, UserSummary } from '@schema/protocol.ts';
import { findGatheringPoint, gatheringPointName, gatheringPointOfNewInquiry, isGatheringPointChosen, listGatheringPoints, saveEnrolment, updateEnrolmentDetails } from './device.ts';
import { ValidationError } from './errors.ts';
import { freshUnlockedDb } from './test-support.ts';

beforeEach(freshUnlockedDb);

const space = (name: string): SpaceSummary => ({ id: crypto.randomUUID(), name, retentionDays: 14 });

async function enrol(role: UserSummary['role'], spaces: SpaceSummary[]): Promise<UserSummary> {
  const user: UserSummary = { id: crypto.randomUUID(), name: 'Ірина', role };
  await saveEnrolment({ deviceId: crypto.randomUUID(), refreshSecret: 'secret', accessToken: 'token', expiresIn: 900, user, spaces });
  return user;
}

describe('listGatheringPoints', () => {
  it('is empty on an unenrolled phone; a volunteer’s one point is not a choice', async () => {
    expect(await listGatheringPoints()).toEqual([]);
    const sumy = space('Суми');
    await enrol('volunteer', [sumy]);
    expect(await listGatheringPoints()).toEqual([sumy]);
    expect(isGatheringPointChosen(await listGatheringPoints())).toBe(false);
  });

  it("lists a coordinator's points by name, as a choice, and follows changes to the enrolment", async () => {
    const [sumy, chop] = [space('Суми'), space('Чоп')];
    const user = await enrol('coordinator', [sumy, chop]);
    expect((await listGatheringPoints()).map((p) => p.id)).toEqual([sumy.id, chop.id]);
    expect(isGatheringPointChosen(await listGatheringPoints())).toBe(true);
    const akhtyrka = space('Охтирка');
    await updateEnrolmentDetails(user, [chop, { ...akhtyrka, name: 'Охтирка, вокзал' }]);
    const points = await listGatheringPoints();
    expect(points.map((p) => p.name)).toEqual(['Охтирка, вокзал', 'Чоп']);
    // A renamed point keeps its id: an inquiry shows the new name.
    expect(gatheringPointName(points, akhtyrka.id.toUpperCase())).toBe('Охтирка, вокзал');
    expect(gatheringPointName(points, sumy.id)).toBeUndefined();
  });
});

describe('gatheringPointOfNewInquiry', () => {
  it('files a volunteer’s inquiry under their one point without asking, whatever the form held', async () => {
    const sumy = space('Суми');
    await enrol('volunteer', [sumy]);
    expect(await gatheringPointOfNewInquiry(undefined)).toEqual({ gatheringPointId: sumy.id, spaceId: sumy.id });
    expect(await gatheringPointOfNewInquiry(crypto.randomUUID())).toEqual({ gatheringPointId: sumy.id, spaceId: sumy.id });
  });

  it('names no point on an unenrolled phone: the server files it under the point it is enrolled to', async () => {
    expect(await gatheringPointOfNewInquiry(undefined)).toEqual({});
    expect(await gatheringPointOfNewInquiry(crypto.randomUUID())).toEqual({});
  });

  it('takes a coordinator’s choice among their points, and refuses none or a point not theirs', async () => {
    const [sumy, chop] = [space('Суми'), space('Чоп')];
    await enrol('coordinator', [sumy, chop]);
    expect(await gatheringPointOfNewInquiry(chop.id)).toEqual({ gatheringPointId: chop.id, spaceId: chop.id });
    for (const chosen of [undefined, '', crypto.randomUUID()]) {
      const refused = gatheringPointOfNewInquiry(chosen);
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({ issues: [{ field: 'inquiry.gatheringPointId', message: 'errors.spaceRequired' }] });
    }
  });
});

describe('findGatheringPoint (values saved before points were ids)', () => {
  const points = [space('Пункт Суми'), space('Харків')];

  it('matches a name whatever its case and surrounding spaces', () => {
    expect(findGatheringPoint(points, '  пункт СУМИ ')).toBe(points[0]);
    expect(findGatheringPoint(points, 'Харків')).toBe(points[1]);
  });

  it('matches nothing for an empty or unknown name, so nothing is ever picked for the user', () => {
    expect(findGatheringPoint(points, '')).toBeUndefined();
    expect(findGatheringPoint(points, '  ')).toBeUndefined();
    expect(findGatheringPoint(points, 'Пункт')).toBeUndefined();
  });
});
