// What text may hold, checked by both sides: characters PostgreSQL cannot store (a NUL, a lone UTF-16
// surrogate) are refused in every text field, and invisible control or direction-changing characters
// are refused in labels and people's names, where they would disguise what a coordinator reads.

/** U+0000 (refused by PostgreSQL text and jsonb) or a UTF-16 surrogate without its partner. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * C0 and C1 controls (tab and newlines too: a label or a name is one line), the bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the zero-width and direction marks
 * (U+200B–200F, U+061C, the word joiner and invisible operators U+2060–2064), U+2028/2029 line
 * separators and the byte-order mark U+FEFF.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** The error key of text that cannot be stored; translated by whoever shows it (`errors.unstorable`). */
export const UNSTORABLE_ERROR = 'errors.unstorable';
/** The error key of a label or name with invisible control characters (`errors.controlChars`). */
export const CONTROL_CHARS_ERROR = 'errors.controlChars';

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_RE.test(value);
}

export function hasNoControlChars(value: string): boolean {
  return !CONTROL_RE.test(value) && isStorableText(value);
}

/**
 * A copy of any JSON value whose strings (and keys) PostgreSQL can store: each unstorable character
 * becomes U+FFFD. For what the server keeps for review (the mutation log), never for records, which
 * the schemas refuse instead.
 */
export function storableJson(value: unknown): unknown {
  // Fast path: JSON escapes exactly these characters as \u0000 and \udXXX, so most values skip the walk.
  if (!/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(value) ?? '')) return value;
  return sanitize(value);
}

function sanitize(value: unknown): unknown {
  if (typeof value === 'string') return isStorableText(value) ? value : value.replace(new RegExp(UNSTORABLE_RE.source, 'g'), '\uFFFD');
  if (Array.isArray(value)) return value.map(sanitize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key "__proto__" must stay a key, not change the prototype.
    for (const [key, child] of Object.entries(value)) {
      Object.defineProperty(out, sanitize(key) as string, { value: sanitize(child), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
