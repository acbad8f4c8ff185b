// Reading the outbox: what waits to be synced. Writing to it happens only through db/write.ts.
import { db } from './db.ts';

export function countPending(): Promise<number> {
  return db.outbox.count();
}

/**
 * Registrations not yet sent: outbox entries creating an inquiry. Readable before unlock (the mutation name
 * is plain metadata), so the lock screen can say what erasing a phone with a forgotten passphrase would lose.
 */
export function countUnsentRegistrations(): Promise<number> {
  return db.outbox.filter((entry) => entry.name === 'createInquiry').count();
}
