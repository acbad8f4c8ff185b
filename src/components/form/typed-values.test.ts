import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import { readTypedValues, withTypedValues } from './typed-values.ts';

const today = { year: 2026, month: 12, day: 1 };

describe('typed values before validation', () => {
  it('reads dates and heights wherever they sit, and leaves everything else alone', () => {
    const { values, issues } = readTypedValues(
      {
        inquiry: { consent: { withdrawnOn: '', givenOn: '2026-11-30' }, notes: '14.03.1998' },
        soughtPersons: [{ dateOfBirth: '14.03.1998', lastSeenDate: 'серпень 2024', heightCm: '1,82', referenceSamples: [{ collectedOn: '1998' }] }],
      },
      today,
    );
    expect(issues).toEqual([]);
    expect(values).toEqual({
      inquiry: { consent: { withdrawnOn: '', givenOn: '2026-11-30' }, notes: '14.03.1998' },
      soughtPersons: [{ dateOfBirth: '1998-03-14', lastSeenDate: '2024-08', heightCm: '182', referenceSamples: [{ collectedOn: '1998' }] }],
    });
  });

  it('says why a date cannot be read, at its path, and keeps what was typed', () => {
    const { values, issues } = readTypedValues({ soughtPersons: [{ dateOfBirth: '31.02.1998', lastSeenDate: '2099' }] }, today);
    expect(values).toEqual({ soughtPersons: [{ dateOfBirth: '31.02.1998', lastSeenDate: '2099' }] });
    expect(issues).toEqual([
      { path: 'soughtPersons.0.dateOfBirth', message: 'errors.impossibleDate' },
      { path: 'soughtPersons.0.lastSeenDate', message: 'errors.futureDate' },
    ]);
  });

  it('hands the schema the stored forms and puts unreadable dates on their field', async () => {
    const schema = z.object({ persons: z.array(z.object({ dateOfBirth: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/), heightCm: z.coerce.number() })) });
    const resolve = withTypedValues(zodResolver(schema));
    const ok = await resolve({ persons: [{ dateOfBirth: '14 березня 1998', heightCm: '1,82' }] }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(ok.errors).toEqual({});
    expect(ok.values).toEqual({ persons: [{ dateOfBirth: '1998-03-14', heightCm: 182 }] });
    const bad = await resolve({ persons: [{ dateOfBirth: '14.13.1998', heightCm: '180' }] }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(bad.values).toEqual({});
    expect(bad.errors).toMatchObject({ persons: [{ dateOfBirth: { message: 'errors.impossibleDate' } }] });
  });
});
