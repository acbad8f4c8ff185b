import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_ALPHABET,
  REFERENCE_LENGTH,
  formatReference,
  generateReference,
  isValidReference,
  normalizeReference,
} from './reference.ts';

const SYMBOLS = [...REFERENCE_ALPHABET];

// Written apart from the module: the check symbol that makes Σ (i + 1) × value ≡ 0 (mod 31).
function withCheck(payload: string): string {
  const sum = [...payload].reduce((total, symbol, index) => total + (index + 1) * SYMBOLS.indexOf(symbol), 0);
  for (const [value, symbol] of SYMBOLS.entries()) {
    if ((sum + REFERENCE_LENGTH * value) % SYMBOLS.length === 0) return payload + symbol;
  }
  throw new Error('no check symbol');
}

const reference = fc
  .array(fc.constantFrom(...SYMBOLS), { minLength: REFERENCE_LENGTH - 1, maxLength: REFERENCE_LENGTH - 1 })
  .map((payload) => withCheck(payload.join('')));

function replaceAt(text: string, index: number, symbol: string): string {
  return text.slice(0, index) + symbol + text.slice(index + 1);
}

describe('REFERENCE_ALPHABET', () => {
  it('has 31 distinct upper-case symbols without 0, O, 1, I or L', () => {
    expect(SYMBOLS).toHaveLength(31);
    expect(new Set(SYMBOLS).size).toBe(31);
    expect(REFERENCE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
  });
});

describe('generateReference', () => {
  const generated = Array.from({ length: 100_000 }, () => generateReference());

  it('gives 8 alphabet symbols with a valid check symbol', () => {
    const wellFormed = /^[2-9A-HJKMNP-Z]{8}$/;
    expect(generated.filter((value) => !wellFormed.test(value) || !isValidReference(value))).toEqual([]);
  });

  it('repeats at most a handful of times in 100,000', () => {
    // 31⁷ ≈ 2.75 × 10¹⁰ references, so 100,000 draws share one about 0.18 times on average (birthday
    // bound); more than 3 repeats has a probability near 10⁻⁴ and would mean a broken random source.
    expect(generated.length - new Set(generated).size).toBeLessThanOrEqual(3);
  });

  it('uses every symbol equally often in the random positions (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (const value of generated) {
      for (const symbol of value.slice(0, REFERENCE_LENGTH - 1)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    const expected = (generated.length * (REFERENCE_LENGTH - 1)) / SYMBOLS.length;
    // Plain byte % 31 would over-draw 8 symbols by about 9%; ±5% is more than 7 standard deviations.
    for (const symbol of SYMBOLS) {
      expect(Math.abs((counts.get(symbol) ?? 0) - expected) / expected, symbol).toBeLessThan(0.05);
    }
  });

  it('draws again for bytes 248-255 instead of folding them', () => {
    const stream = [255, 254, 248, 0, 1, 249, 2, 3, 4, 5, 6];
    let next = 0;
    const value = generateReference((bytes) => {
      for (let index = 0; index < bytes.length; index++) bytes[index] = stream[next++] ?? 250;
    });
    expect(value).toBe(withCheck('2345678'));
  });

  it('keeps drawing until it has enough unbiased bytes', () => {
    let calls = 0;
    const value = generateReference((bytes) => {
      calls++;
      bytes.fill(calls < 3 ? 251 : 247);
    });
    expect(calls).toBe(3);
    expect(value).toBe(withCheck('ZZZZZZZ'));
  });
});

describe('isValidReference', () => {
  it('catches every single substitution', () => {
    fc.assert(
      fc.property(reference, (valid) => {
        expect(isValidReference(valid)).toBe(true);
        for (let index = 0; index < REFERENCE_LENGTH; index++) {
          for (const symbol of SYMBOLS) {
            if (symbol === valid[index]) continue;
            expect(isValidReference(replaceAt(valid, index, symbol)), `${valid} @${index} → ${symbol}`).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('catches every adjacent transposition, and any other swap', () => {
    fc.assert(
      fc.property(reference, (valid) => {
        for (let first = 0; first < REFERENCE_LENGTH; first++) {
          for (let second = first + 1; second < REFERENCE_LENGTH; second++) {
            const a = valid.charAt(first);
            const b = valid.charAt(second);
            if (a === b) continue;
            const swapped = replaceAt(replaceAt(valid, first, b), second, a);
            expect(isValidReference(swapped), `${valid} swap ${first},${second}`).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['lower case', (valid: string) => valid.toLowerCase()],
    ['formatted', (valid: string) => `${valid.slice(0, 4)}-${valid.slice(4)}`],
    ['too short', (valid: string) => valid.slice(0, 7)],
    ['too long', (valid: string) => `${valid}2`],
    ['empty', () => ''],
    ['with O', (valid: string) => replaceAt(valid, 0, 'O')],
    ['with 0', (valid: string) => replaceAt(valid, 0, '0')],
  ])('accepts only the stored form, not %s', (_case, change) => {
    const valid = withCheck('K7QM4TX');
    expect(isValidReference(valid)).toBe(true);
    expect(isValidReference(change(valid))).toBe(false);
  });
});

describe('normalizeReference', () => {
  const valid = withCheck('K7QM4TX');

  it.each([
    valid,
    valid.toLowerCase(),
    `${valid.slice(0, 4)}-${valid.slice(4)}`,
    ` ${valid.slice(0, 4).toLowerCase()} ${valid.slice(4)}\n`,
    `${valid.slice(0, 2)} - ${valid.slice(2, 6)}–${valid.slice(6)}`,
    `${valid.slice(0, 4)}\u00a0${valid.slice(4)}`,
    [...valid].map((symbol) => String.fromCharCode(symbol.charCodeAt(0) + 0xfee0)).join(''),
    valid.replace('K', 'К').replace('M', 'м').replace('T', 'Т'),
  ])('reads %j as the stored form', (typed) => {
    expect(normalizeReference(typed)).toBe(valid);
  });

  it.each([
    ['empty', ''],
    ['only separators', ' - '],
    ['too short', valid.slice(0, 7)],
    ['too long', `${valid}A`],
    ['a wrong check symbol', replaceAt(valid, 7, valid[7] === 'A' ? 'B' : 'A')],
    ['two symbols swapped', valid.charAt(1) + valid.charAt(0) + valid.slice(2)],
    ['O', replaceAt(valid, 2, 'O')],
    ['0', replaceAt(valid, 2, '0')],
    ['1', replaceAt(valid, 2, '1')],
    ['I', replaceAt(valid, 2, 'I')],
    ['L', replaceAt(valid, 2, 'l')],
    ['punctuation', `${valid.slice(0, 4)}.${valid.slice(4)}`],
    ['an underscore', `${valid.slice(0, 4)}_${valid.slice(4)}`],
  ])('rejects %s', (_case, typed) => {
    expect(normalizeReference(typed)).toBeNull();
  });

  it('round-trips every generated reference through its formatted, lower-case form', () => {
    for (let count = 0; count < 1000; count++) {
      const generated = generateReference();
      expect(normalizeReference(formatReference(generated).toLowerCase())).toBe(generated);
    }
  });
});

describe('formatReference', () => {
  it('shows two groups of four', () => {
    const valid = withCheck('K7QM4TX');
    expect(formatReference(valid)).toBe(`K7QM-4TX${valid.charAt(7)}`);
    expect(formatReference(valid.toLowerCase())).toBe(`K7QM-4TX${valid.charAt(7)}`);
    expect(formatReference(generateReference())).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('returns input that is not a reference unchanged', () => {
    expect(formatReference('not a ref')).toBe('not a ref');
  });
});
