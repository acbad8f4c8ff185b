// Sizes as the server counts them (the UTF-8 bytes of the JSON sent) and the size limit of one mutation.
// A module of its own so the mutation schemas and the protocol both use it without importing each other.

/**
 * Bytes of one mutation as sent in a push: the UTF-8 JSON of `{mutationSeq, mutationId, name, args}`. The
 * mutation schemas refuse larger arguments, the device refuses to store a larger mutation and the server
 * refuses one it receives (`rejected`, reason `too_large`). 64 KiB under the 1 MiB push limit, so a mutation
 * of this size always fits a push with its envelope. The field limits alone would allow far more (ten sought
 * persons with every text full: 3.9 MB in Cyrillic, 11.6 MB in escaped control characters), and cutting each
 * field to fit would cut the narratives families give, so this limit bounds the mutation as a whole.
 */
export const MAX_MUTATION_BYTES = 960 * 1024;

/** Room for a mutation's envelope around its arguments (a 16-digit seq, an id, a name of up to 64 characters). */
const ENVELOPE_BYTES = 256;

/** The error key of arguments too large for one mutation (`errors.tooLarge`), translated by whoever shows it. */
export const TOO_LARGE_ERROR = 'errors.tooLarge';

/** True when these arguments leave their mutation within MAX_MUTATION_BYTES whatever its envelope. */
export function fitsOneMutation(args: unknown): boolean {
  return jsonBytes(args) <= MAX_MUTATION_BYTES - ENVELOPE_BYTES;
}

/** How many bytes `JSON.stringify(value)` takes in UTF-8: what the server counts against its limits. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      // JSON.stringify escapes lone surrogates, so a high one here starts a pair: 4 bytes for the two.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes of a push body `{"mutations":[…]}` holding mutations of these sizes (no `deviceId`). */
export function pushBodyBytes(mutationSizes: readonly number[]): number {
  return '{"mutations":[]}'.length + mutationSizes.reduce((sum, size) => sum + size, 0) + Math.max(0, mutationSizes.length - 1);
}
