// What a locked phone shows in plain sight: no owner, no gathering point, no device id and no times. The
// enrolment and the sync status are sealed, drafts and outbox rows keep no clock time, and a database written
// by the previous version is brought to that state by the schema upgrade and the first unlock.
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionResponse } from '@schema/protocol.ts';
import { dropDataKey } from '@/crypto/key-holder.ts';
import { db, RodynaDb } from './db.ts';
import { getEnrolment, saveEnrolment } from './device.ts';
import { listDrafts, loadDraft, saveDraft } from './drafts.ts';
import { createInquiry } from './inquiries.ts';
import { getMeta, isSealed } from './meta.ts';
import { getSyncStatus, saveSyncStatus } from './sync-store.ts';
import { freshUnlockedDb, makeIntake } from './test-support.ts';
import { lock, setUpPassphrase, unlock } from './vault.ts';

const SESSION: SessionResponse = {
  deviceId: '0b6a3c3e-5d1f-4a53-9d5c-3f0f6f1e2a10',
  refreshSecret: 'refresh-secret-value-0123456789',
  accessToken: 'x'.repeat(20),
  expiresIn: 900,
  user: { id: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f', name: 'Мирослава Тихоструй', role: 'volunteer' },
  spaces: [{ id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Пункт Ягодин', retentionDays: 14 }],
};

/** Every stored row of the device database as text, the way a reader of the raw storage would see it. */
async function plainText(database: Dexie = db): Promise<string> {
  const parts: string[] = [];
  for (const table of database.tables) parts.push(JSON.stringify(await table.toArray()));
  return parts.join('\n');
}

beforeEach(freshUnlockedDb);

describe('nothing personal or telling outside the seal', () => {
  it('seals the enrolment and the sync status; a locked phone reads neither', async () => {
    await saveEnrolment(SESSION);
    await saveSyncStatus({ lastSyncAt: 1_796_000_000_000, lastAttemptAt: 1_796_000_000_000 });
    expect(isSealed(await getMeta('enrolment'))).toBe(true);
    expect(isSealed(await getMeta('syncStatus'))).toBe(true);
    const text = await plainText();
    for (const secret of [SESSION.deviceId, SESSION.user.name, SESSION.spaces[0]?.name ?? '-', SESSION.refreshSecret, '1796000000000']) {
      expect(text).not.toContain(secret);
    }
    expect((await getEnrolment())?.user.name).toBe(SESSION.user.name);
    expect((await getSyncStatus()).lastSyncAt).toBe(1_796_000_000_000);
    dropDataKey();
    expect(await getEnrolment()).toBeUndefined();
  });

  it('keeps no clock time in draft and outbox rows; drafts still list newest first with their time', async () => {
    const before = Date.now();
    await saveDraft('first', { step: 1 });
    await saveDraft('second', { step: 2 });
    await createInquiry(makeIntake());
    const drafts = await db.drafts.toArray();
    expect(drafts.map((d) => Object.keys(d).sort())).toEqual([['id', 'order', 'sealed'], ['id', 'order', 'sealed']]);
    expect((await db.outbox.toArray()).every((e) => !('createdAt' in e))).toBe(true);
    expect((await db.records.toArray()).every((r) => !('updatedAt' in r))).toBe(true);
    const listed = await listDrafts();
    expect(listed.map((d) => d.id)).toEqual(['second', 'first']);
    expect(listed[0]?.savedAt).toBeGreaterThanOrEqual(before);
    expect(await loadDraft('first')).toEqual({ step: 1 });
    // A control: the reader does see a time where one is stored in the clear.
    await db.meta.put({ key: 'control', value: before });
    expect(await plainText()).toContain(String(before));
  });

  it('upgrades a database of the previous version: draft and outbox times dropped, the enrolment sealed at unlock', async () => {
    await lock();
    dropDataKey();
    db.close();
    await Dexie.delete('rodyna-previous');
    // The previous version's schema and rows, written as it wrote them.
    const previous = new Dexie('rodyna-previous');
    previous.version(1).stores({
      meta: 'key', records: 'id, type, [type+order], pending, seq', outbox: 'mutationSeq, &mutationId', history: 'id, [recordId+order]', drafts: 'id, updatedAt',
    });
    await previous.open();
    await previous.table('drafts').bulkAdd([
      { id: 'older', updatedAt: 1_796_000_000_000, sealed: { iv: new Uint8Array(12), data: new ArrayBuffer(16) } },
      { id: 'newer', updatedAt: 1_796_000_500_000, sealed: { iv: new Uint8Array(12), data: new ArrayBuffer(16) } },
    ]);
    await previous.table('outbox').add({ mutationSeq: 1, mutationId: 'm1', name: 'createInquiry', recordIds: [], createdAt: 1_796_000_000_000, sealed: null });
    previous.close();

    const upgraded = new RodynaDb('rodyna-previous');
    const drafts = await upgraded.drafts.orderBy('order').toArray();
    expect(drafts.map((d) => d.id)).toEqual(['older', 'newer']);
    expect(await plainText(upgraded)).not.toContain('1796000');
    upgraded.close();
    await Dexie.delete('rodyna-previous');
  });

  it('seals an enrolment the previous version kept in plain meta at the first unlock', async () => {
    await lock();
    await db.delete();
    await db.open();
    await setUpPassphrase('тихий ранок над рікою');
    await lock();
    await db.meta.put({ key: 'enrolment', value: { deviceId: SESSION.deviceId, user: SESSION.user, spaces: SESSION.spaces, enrolledAt: 1 } });
    expect(await plainText()).toContain(SESSION.user.name);
    await unlock('тихий ранок над рікою');
    expect(await plainText()).not.toContain(SESSION.user.name);
    expect((await getEnrolment())?.deviceId).toBe(SESSION.deviceId);
  });
});
