// The merge rules, pure, in one place: the server's apply and conflict resolution and the device's rebase of
// pending patches all call these, so both sides agree on what "the same value" and "a conflict" mean.
// No I/O: the server reads the record, its field versions and its history, then asks here what to do.

/** Who last changed a field and at which record version (the server keeps one per field). */
export interface FieldVersion {
  version: number;
  deviceId: string;
  userId: string;
  /** Server time, ISO 8601. */
  at: string;
}
export type FieldVersions = Record<string, FieldVersion>;

/**
 * A record's values as JSON text with object keys sorted, for comparing. The rules, decided once:
 * - key order never matters, array order always does;
 * - `undefined` means absent, `null` is a value: an object property holding `undefined` is the same as a
 *   missing one (JSON drops it), so a field a record lacks differs from a patch setting it to `null`, at the
 *   top as inside a value — the field check and the whole-record check agree. An array item holding
 *   `undefined` is `null`, as JSON writes it;
 * - defaults play no part: a missing field is not equal to its schema default. Both sides compare parsed
 *   values (a patch is parsed with its field's schema, which fills defaults, and a stored record was parsed
 *   when it was created), so a default is already in place on either side when it matters;
 * - only JSON values are meant (what records hold): numbers that JSON cannot write (NaN, ±Infinity) are
 *   `null`, as JSON writes them.
 */
export function canonicalJson(value: unknown): string {
  // Not JSON, on purpose: an absent value must not equal any JSON value, `null` included.
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The one value equality of sync (see `canonicalJson` for what counts as equal). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** The fields of `patch` whose value differs from the record's: the rest are no-ops. */
export function changedFields(record: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([field, value]) => !sameValue(record[field], value)));
}

/** One field a patch could not change: the value kept, who kept it, and the value proposed. */
export interface FieldConflict<V extends Pick<FieldVersion, 'version' | 'deviceId'> = FieldVersion> {
  field: string;
  kept: unknown;
  keptBy: V;
  proposed: unknown;
}

export interface MergeResult<V extends Pick<FieldVersion, 'version' | 'deviceId'> = FieldVersion> {
  /** The fields to write, with their new values (empty: no new version). */
  applied: Record<string, unknown>;
  conflicts: FieldConflict<V>[];
}

/**
 * The per-field rule of a patch based on `baseVersion`, by `author`: a value equal to the record's is a
 * no-op; a field another device changed after `baseVersion` keeps its value and becomes a conflict (the
 * first accepted value stays); anything else applies, so the same device may overwrite its own change.
 * Fields are taken in the patch's order; a conflict keeps both values.
 */
export function mergePatch<V extends Pick<FieldVersion, 'version' | 'deviceId'>>(
  record: Readonly<Record<string, unknown>>,
  fieldVersions: Readonly<Record<string, V | undefined>>,
  patch: Readonly<Record<string, unknown>>,
  baseVersion: number,
  author: { deviceId: string },
): MergeResult<V> {
  const applied: Record<string, unknown> = {};
  const conflicts: FieldConflict<V>[] = [];
  for (const [field, value] of Object.entries(changedFields(record, patch))) {
    const last = fieldVersions[field];
    if (last && last.version > baseVersion && last.deviceId !== author.deviceId) conflicts.push({ field, kept: record[field], keptBy: last, proposed: value });
    else applied[field] = value;
  }
  return { applied, conflicts };
}

/** The version a change writes: one more than the record's (a new record starts at 1). */
export function nextVersion(current: number): number {
  return current + 1;
}

/**
 * Stamps a change: the record's next version, and each written field's version, device, user and time set
 * to it (the other fields keep theirs). What the next patch's conflicts are judged by.
 */
export function stampFields(
  current: { version: number; fieldVersions: Readonly<FieldVersions> },
  fields: readonly string[],
  by: Omit<FieldVersion, 'version'>,
): { version: number; fieldVersions: FieldVersions } {
  const version = nextVersion(current.version);
  const fieldVersions: FieldVersions = { ...current.fieldVersions };
  for (const field of fields) fieldVersions[field] = { version, deviceId: by.deviceId, userId: by.userId, at: by.at };
  return { version, fieldVersions };
}

/** A device cannot have seen a version the server never wrote (a restored server, a forged base). */
export function isBaseAhead(recordVersion: number, baseVersion: number): boolean {
  return baseVersion > recordVersion;
}

/**
 * A patch that reaches a deleted record. `deletedBy` is the newest version another device wrote after the
 * patch's base (the server reads it from the history), if any: then the device had not seen the delete, and
 * update versus delete is surfaced as a conflict, never decided. Otherwise the device saw the delete, or
 * made it: the patch is refused.
 */
export function patchOnDeleted<C>(deletedBy: C | undefined): { result: 'conflict'; kind: 'update_vs_delete'; kept: C } | { result: 'rejected'; reason: 'record_deleted' } {
  return deletedBy === undefined ? { result: 'rejected', reason: 'record_deleted' } : { result: 'conflict', kind: 'update_vs_delete', kept: deletedBy };
}

/**
 * A delete based on `baseVersion`. `changedByOther` is the newest version another device wrote after the
 * base, if any: a delete never wins silently over an update the device had not seen (delete versus update
 * is a conflict). A record deleted already, or a base the server never wrote, is refused.
 */
export function decideDelete<C>(
  record: { deleted: boolean; version: number },
  baseVersion: number,
  changedByOther: C | undefined,
):
  | { result: 'rejected'; reason: 'already_deleted' | 'base_version_ahead' }
  | { result: 'conflict'; kind: 'delete_vs_update'; kept: C }
  | { result: 'delete' } {
  if (record.deleted) return { result: 'rejected', reason: 'already_deleted' };
  if (isBaseAhead(record.version, baseVersion)) return { result: 'rejected', reason: 'base_version_ahead' };
  if (changedByOther !== undefined) return { result: 'conflict', kind: 'delete_vs_update', kept: changedByOther };
  return { result: 'delete' };
}

/**
 * The device's view of a record: the server's version as pulled with the device's pending patches laid on
 * top in outbox order (a later patch of a field wins), so nothing typed offline disappears from view until
 * the server has answered it. With no pending patches it is the server's version itself.
 */
export function rebase<R extends Readonly<Record<string, unknown>>>(serverRecord: R, pendingPatches: readonly Readonly<Record<string, unknown>>[]): R {
  let data = serverRecord;
  for (const patch of pendingPatches) data = { ...data, ...patch };
  return data;
}

/**
 * Whether a phone, once the server answered one of its mutations, must pull the record's version again to
 * show what the server holds. Its view was the pulled version with the patch laid on top (`rebase`); a patch
 * the server did not apply (a conflict, a refusal, a quarantine, or an answer the phone never saw) leaves a
 * value there that the server does not hold, and if the phone had pulled the record's newest version already,
 * no later change would bring it again. A change applied now needs nothing: it wrote a version a later pull
 * brings (a patch equal to the server's values writes none; then the view already equals the server's, but
 * the record stays marked pending until its next change — the phone cannot tell that case apart).
 */
export function needsServerVersion(answer: { result: string; originalResult?: string } | undefined): boolean {
  // A replay of an applied change: its answer was lost, and the phone may have pulled the version it wrote
  // while the change still waited, so no later pull brings it again.
  return answer?.result !== 'applied';
}
