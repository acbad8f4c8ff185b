// Test helpers for repositories over fake-indexeddb: a fresh database and an unlocked key per test.
import { createDataKey, newKdfParams } from '@/crypto/keys.ts';
import { dropDataKey, setDataKey } from '@/crypto/key-holder.ts';
import type { IntakeInput } from '@schema/inquiry.ts';
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

/** A valid intake, with overrides; names default to a distinctive Cyrillic family. */
export function makeIntake(overrides: { surname?: string; givenName?: string; contactSurname?: string; phone?: string } = {}): IntakeInput {
  counter += 1;
  return {
    inquiry: {
      volunteerName: 'Марія',
      registeredOn: '2026-11-20',
      channel: 'in_person',
      familyLanguage: 'uk',
      consent: { toRecord: true, shareWith: ['coordinators'], toBeMatched: true, toPublishPhoto: false, givenOn: '2026-11-20', method: 'written', withdrawnOn: '' },
      referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
      notes: `note ${counter}`,
    },
    familyContact: {
      surname: overrides.contactSurname ?? 'Олійник',
      givenName: 'Галина',
      patronymic: 'Петрівна',
      relationship: 'mother',
      phones: [overrides.phone ?? '+380 67 123 45 67'],
      region: 'kharkiv',
      preferredChannel: 'phone',
      kinshipProofSeen: true,
    },
    soughtPersons: [
      {
        surname: overrides.surname ?? 'Олійник',
        givenName: overrides.givenName ?? 'Олександр',
        patronymic: 'Миколайович',
        sex: 'male',
        dateOfBirth: '1990',
        unit: '92 ОМБр',
        marks: [{ kind: 'tattoo', location: 'left_arm', description: 'якір' }],
      },
    ],
  };
}
