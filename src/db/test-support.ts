// Test helpers for repositories over fake-indexeddb: a fresh database and an unlocked key per test.
import { createDataKey, newKdfParams } from '@/crypto/keys.ts';
import { dropDataKey, setDataKey } from '@/crypto/key-holder.ts';
import type { IntakeInput } from '@schema/inquiry.ts';
import { makeIntakeInput } from '@schema/testing/factories.ts';
import { db } from './db.ts';
import { recordCache } from './record-cache.ts';

/** Clears every table and unlocks with a fast-KDF key, so each test starts from nothing. */
export async function freshUnlockedDb(): Promise<void> {
  dropDataKey();
  recordCache.clear();
  await db.delete();
  await db.open();
  const { key } = await createDataKey('test passphrase long', { ...newKdfParams(), algo: 'pbkdf2-sha256', iterations: 1000 });
  setDataKey(key);
}

/** As after a lock and an unlock: the record cache is read again from the stored packs and rows. */
export async function reread(): Promise<void> {
  recordCache.clear();
  await recordCache.ready();
}

let counter = 0;

/**
 * A valid intake (schema/testing/factories.ts), with overrides; names default to a distinctive Cyrillic
 * family, and each intake's notes are its own, so two registered in one test differ.
 */
export function makeIntake(overrides: { surname?: string; givenName?: string; contactSurname?: string; phone?: string } = {}): IntakeInput {
  counter += 1;
  const { surname, givenName, contactSurname, phone } = overrides;
  return makeIntakeInput({
    inquiry: { notes: `note ${counter}` },
    familyContact: { ...(contactSurname !== undefined && { surname: contactSurname }), ...(phone !== undefined && { phones: [phone] }) },
    soughtPerson: { ...(surname !== undefined && { surname }), ...(givenName !== undefined && { givenName }) },
  });
}
