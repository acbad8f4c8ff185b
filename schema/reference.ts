// Inquiry references that people read aloud, write on paper and type back: the alphabet, the check
// character, unbiased random generation, and tolerant reading of what a person typed.

/**
 * Digits 2-9 and A-Z without I, L and O: no 0/O or 1/I/L pairs to confuse. 31 symbols, and 31 is prime,
 * which is what lets the check character catch every single substitution and every transposition.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_LENGTH = 8;

const BASE = REFERENCE_ALPHABET.length;
const PAYLOAD_LENGTH = REFERENCE_LENGTH - 1;
// The largest multiple of 31 that fits in a byte; bytes at or above it are redrawn, not folded by modulo.
const UNBIASED_BYTES_BELOW = Math.floor(256 / BASE) * BASE;
// Inverse of the last position's weight (8 × 4 = 32 ≡ 1 mod 31).
const INVERSE_OF_LAST_WEIGHT = 4;

const VALUE_OF: ReadonlyMap<string, number> = new Map([...REFERENCE_ALPHABET].map((symbol, value) => [symbol, value]));

/*
 * Check: Σ (position + 1) × value ≡ 0 (mod 31) over all 8 characters. Changing one character by d changes
 * the sum by weight × d, and swapping characters i and j changes it by (j − i) × (vi − vj); weights 1–8 and
 * differences 1–30 are never multiples of the prime 31, so both always show.
 */
function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, value, position) => (sum + (position + 1) * value) % BASE, 0);
}

function checkValue(payload: readonly number[]): number {
  return ((BASE - weightedSum(payload)) * INVERSE_OF_LAST_WEIGHT) % BASE;
}

function symbolOf(value: number): string {
  return REFERENCE_ALPHABET.charAt(value);
}

export type FillRandom = (bytes: Uint8Array<ArrayBuffer>) => void;

const fillFromCrypto: FillRandom = (bytes) => {
  crypto.getRandomValues(bytes);
};

/**
 * A new random reference, e.g. "K7QM4TXA": 7 random symbols and a check symbol, about 2.75 × 10¹⁰
 * possibilities. Random, not unique: whoever stores references must enforce uniqueness and draw again.
 * fillRandom exists for tests; leave it out.
 */
export function generateReference(fillRandom: FillRandom = fillFromCrypto): string {
  const payload: number[] = [];
  const bytes = new Uint8Array(16);
  while (payload.length < PAYLOAD_LENGTH) {
    fillRandom(bytes);
    for (const byte of bytes) {
      if (byte >= UNBIASED_BYTES_BELOW) continue;
      payload.push(byte % BASE);
      if (payload.length === PAYLOAD_LENGTH) break;
    }
  }
  return [...payload, checkValue(payload)].map(symbolOf).join('');
}

/** True only for the stored form: 8 upper-case alphabet symbols with a correct check symbol. */
export function isValidReference(reference: string): boolean {
  if (reference.length !== REFERENCE_LENGTH) return false;
  const values: number[] = [];
  for (const symbol of reference) {
    const value = VALUE_OF.get(symbol);
    if (value === undefined) return false;
    values.push(value);
  }
  return weightedSum(values) === 0;
}

// Letters a Ukrainian keyboard layout offers that look like ours, for references typed without switching.
const CYRILLIC_LOOKALIKES: ReadonlyMap<string, string> = new Map(
  Object.entries({ А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y' }),
);
const SEPARATORS = /[\s\-‐‑‒–—−]+/gu;

/**
 * The stored form of what a person typed, or null if it is not a reference. Accepts lower case, spaces,
 * hyphens and dashes, full-width characters and Cyrillic look-alikes (К, М, Т …). 0, O, 1, I and L are
 * never issued, so they make the input invalid rather than being guessed: O could stand for Q, D or 0,
 * and a wrong guess would silently open another inquiry. The UI should say these characters are not used.
 */
export function normalizeReference(input: string): string | null {
  let reference = '';
  for (const char of input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '')) {
    reference += CYRILLIC_LOOKALIKES.get(char) ?? char;
  }
  return isValidReference(reference) ? reference : null;
}

/** "K7QM-4TXA": two groups of four for reading aloud. Input that is not a reference comes back as given. */
export function formatReference(reference: string): string {
  const normalized = normalizeReference(reference);
  if (normalized === null) return reference;
  return `${normalized.slice(0, REFERENCE_LENGTH / 2)}-${normalized.slice(REFERENCE_LENGTH / 2)}`;
}
