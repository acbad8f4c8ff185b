// Reading the outbox: what waits to be synced. Writing to it happens only through db/write.ts.
import { db } from './db.ts';

export function countPending(): Promise<number> {
  return db.outbox.count();
}
