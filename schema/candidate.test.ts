// The id of a candidate comes from its pair alone, so every device writes the same record for the same pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchEntryKey, candidateMatchSchema, isDecided, pairId, soughtPersonKey } from './candidate.ts';

describe('pairId', () => {
  it('is a valid UUID, the same for the same pair in any case, and differs between pairs and orders', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const id = pairId(a, b);
        expect(candidateMatchSchema.shape.id.safeParse(id).success).toBe(true);
        expect(pairId(a.toUpperCase(), b.toUpperCase())).toBe(id);
        if (a !== b) expect(pairId(b, a)).not.toBe(id);
      }),
    );
    const ids = new Set(Array.from({ length: 5000 }, (_, i) => pairId(`entry-${i}`, 'person')));
    expect(ids.size).toBe(5000);
  });
});

describe('what the matcher reads of an entry and a sought person', () => {
  const entry = { surname: '', givenName: '', patronymic: '', fullName: 'ОЛЕЙНИК Николай Петрович', birthDate: '1994', unit: '72' };

  it('splits an entry\'s full name surname first only when its name columns are empty', () => {
    expect(batchEntryKey(entry)).toEqual({ surname: 'ОЛЕЙНИК', givenName: 'Николай', patronymic: 'Петрович', birthDate: '1994', unit: '72' });
    expect(batchEntryKey({ ...entry, surname: 'Олійник', givenName: 'Микола' })).toEqual({ surname: 'Олійник', givenName: 'Микола', patronymic: '', birthDate: '1994', unit: '72' });
  });

  it('reads a sought person\'s date of birth as the birth date', () => {
    expect(soughtPersonKey({ surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', dateOfBirth: '1994-03-14', unit: '' })).toEqual({
      surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', birthDate: '1994-03-14', unit: '',
    });
  });

  it('parses a record older than origin and other, and a server suggestion with them', () => {
    const base = { id: pairId('a', 'b'), kind: 'duplicate', soughtPersonId: '0b3a1c00-91bd-8f13-adaf-924881d3ceec', score: 0.9, band: 'strong', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'agrees', unit: 'missing' } };
    expect(candidateMatchSchema.parse(base)).not.toHaveProperty('origin');
    const other = { surname: 'Олійник', givenName: 'Микола', patronymic: '', birthDate: '1994', gatheringPoint: 'Суми', reference: 'ABCD2345' };
    expect(candidateMatchSchema.parse({ ...base, origin: 'server', other })).toMatchObject({ origin: 'server', other });
    expect(candidateMatchSchema.safeParse({ ...base, other: { ...other, surname: 'x'.repeat(101) } }).success).toBe(false);
  });
});

describe('isDecided', () => {
  it('counts only a confirmation or a ruling-out as a decision, never a suggestion', () => {
    expect(['suggested', 'under_review', 'confirmed', 'ruled_out'].map((status) => isDecided({ status: status as 'suggested' }))).toEqual([false, false, true, true]);
  });
});
