// What the volunteer typed, read into what the schema stores: partial dates as ISO (schema/dates.ts) and
// heights as whole centimetres, before validation. The form keeps the typed text on screen (and in the draft)
// and shows how it was read; the record gets the stored form.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { localToday, parseTypedDate, parseTypedHeight, type CalendarDay, type DateProblem } from '@schema/dates.ts';

/** Field names that hold a partial date (yyyy, yyyy-mm, yyyy-mm-dd) wherever they appear in a record. */
const PARTIAL_DATE_KEYS = new Set(['dateOfBirth', 'lastSeenDate', 'withdrawnOn', 'collectedOn']);
const HEIGHT_KEYS = new Set(['heightCm']);

export const DATE_PROBLEM_MESSAGE: Record<DateProblem, string> = {
  format: 'errors.partialDate',
  impossible: 'errors.impossibleDate',
  future: 'errors.futureDate',
  tooOld: 'errors.tooOldDate',
};

export interface TypedIssue {
  path: string;
  message: string;
}

/** One typed partial date: its stored form, or the message key of why it cannot be read. Empty stays empty. */
export function readPartialDate(typed: string, today: CalendarDay = localToday()): { value: string } | { message: string } {
  if (!typed.trim()) return { value: '' };
  const result = parseTypedDate(typed, today);
  return result.ok ? { value: result.iso } : { message: DATE_PROBLEM_MESSAGE[result.problem] };
}

/** One typed height: centimetres as text (the schema coerces it), or what was typed when it cannot be read. */
export function readHeight(typed: string): string {
  const result = parseTypedHeight(typed);
  return result.ok ? String(result.cm) : typed;
}

/** Walks form values and reads every typed date and height; returns new values and the dates it could not read. */
export function readTypedValues<T>(values: T, today: CalendarDay = localToday()): { values: T; issues: TypedIssue[] } {
  const issues: TypedIssue[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof value === 'string' && PARTIAL_DATE_KEYS.has(key)) {
        const read = readPartialDate(value, today);
        if ('value' in read) out[key] = read.value;
        else {
          out[key] = value;
          issues.push({ path: at, message: read.message });
        }
      } else if (typeof value === 'string' && HEIGHT_KEYS.has(key) && value.trim()) {
        out[key] = readHeight(value);
      } else {
        out[key] = walk(value, at);
      }
    }
    return out;
  };
  return { values: walk(values, '') as T, issues };
}

function setError(errors: Record<string, unknown>, path: string, message: string): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = errors;
  keys.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(keys[i + 1] ?? '');
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] ?? ''] = { type: 'typed', message };
}

/** Wraps a schema resolver so typed dates and heights are read first; a date that cannot be read says why. */
export function withTypedValues<TIn extends FieldValues, TCtx, TOut>(resolver: Resolver<TIn, TCtx, TOut>): Resolver<TIn, TCtx, TOut> {
  return async (values, context, options) => {
    const { values: read, issues } = readTypedValues(values);
    const result = await resolver(read, context, options);
    if (issues.length === 0) return result;
    const errors = { ...(result.errors as Record<string, unknown>) };
    for (const issue of issues) setError(errors, issue.path, issue.message);
    return { values: {}, errors: errors as FieldErrors<TIn> };
  };
}
