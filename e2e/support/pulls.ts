// What a device received in its pulls, read off the network: the records themselves are sealed on the device
// (many to a pack), so what reached a phone is observed where it arrives, in the pull answers.
import type { Page } from '@playwright/test';

export interface PulledChange {
  type: string;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
}

/** Starts recording every pull answer the page receives; attach before the device first syncs. */
export function watchPulls(page: Page): { count: (type: string, where?: (c: PulledChange) => boolean) => number; answers: () => number } {
  const changes: PulledChange[] = [];
  let answers = 0;
  page.on('response', (response) => {
    if (!response.url().endsWith('/v1/sync/pull') || !response.ok()) return;
    response
      .json()
      .then((body: { changes?: PulledChange[] }) => {
        answers += 1;
        changes.push(...(body.changes ?? []));
      })
      .catch(() => undefined); // a page closed mid-answer has nothing to record
  });
  return { count: (type, where = () => true) => changes.filter((c) => c.type === type && where(c)).length, answers: () => answers };
}

/** Changes still waiting on the device to be pushed (outbox entries are plaintext-counted metadata). */
export function countOutbox(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rodyna');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const n = await new Promise<number>((resolve, reject) => {
      const r = db.transaction('outbox', 'readonly').objectStore('outbox').count();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return n;
  });
}
