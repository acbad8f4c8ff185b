// The merge rules on their own: value equality, the per-field patch rule, delete versus update, version
// stamping and the device's rebase; examples for each rule, and fast-check properties for the invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  changedFields,
  decideDelete,
  isBaseAhead,
  mergePatch,
  needsServerVersion,
  nextVersion,
  patchOnDeleted,
  rebase,
  sameValue,
  stampFields,
  type FieldVersions,
} from './merge.ts';

const A = { deviceId: 'device-a', userId: 'user-a', at: '2026-12-01T10:00:00.000Z' };
const B = { deviceId: 'device-b', userId: 'user-b', at: '2026-12-01T11:00:00.000Z' };

/** JSON values as records hold them (no undefined, no non-finite numbers). */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const record = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), jsonValue, { maxKeys: 5 });

/** The same value with every object's keys in another order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
  return value;
}

describe('sameValue', () => {
  it('ignores key order at every depth and keeps array order', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBe(true);
  });

  it('tells apart values of different types and values', () => {
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(0, false)).toBe(false);
    expect(sameValue('', null)).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue('a', 'b')).toBe(false);
    expect(sameValue({ a: null }, {})).toBe(false);
  });

  it('treats undefined as absent and null as a value: a missing field is not null, at the top or inside', () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([undefined], [null])).toBe(true);
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(undefined, null)).toBe(false);
    expect(sameValue({ a: null }, {})).toBe(false);
    expect(sameValue(undefined, '')).toBe(false);
    expect(changedFields({}, { a: null })).toEqual({ a: null });
  });

  it('knows no defaults: a missing field is not its default value', () => {
    expect(sameValue(undefined, [])).toBe(false);
    expect(sameValue(undefined, false)).toBe(false);
  });

  it('is an equivalence relation over JSON values (reflexive, symmetric, transitive)', () => {
    fc.assert(
      fc.property(jsonValue, jsonValue, jsonValue, (a, b, c) => {
        expect(sameValue(a, a)).toBe(true);
        expect(sameValue(a, b)).toBe(sameValue(b, a));
        if (sameValue(a, b) && sameValue(b, c)) expect(sameValue(a, c)).toBe(true);
      }),
    );
  });

  it('ignores key order for any value, and agrees with JSON text for values without objects', () => {
    fc.assert(
      fc.property(jsonValue, (a) => {
        expect(sameValue(a, reordered(a))).toBe(true);
        expect(canonicalJson(a)).toBe(canonicalJson(reordered(a)));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (a) => {
        expect(canonicalJson(a)).toBe(JSON.stringify(a));
      }),
    );
  });

  it('survives a JSON round trip (what the server stores and the device pulls is the same value)', () => {
    fc.assert(
      fc.property(jsonValue, (a) => {
        expect(sameValue(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });

  it('says two different values differ (control: the equality is not always true)', () => {
    fc.assert(
      fc.property(jsonValue, jsonValue, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b) && canonicalJson(a) !== canonicalJson(b));
        expect(sameValue(a, b)).toBe(false);
      }),
    );
  });
});

describe('changedFields', () => {
  it('keeps only the fields whose value differs', () => {
    expect(changedFields({ a: 1, b: { x: 1, y: 2 } }, { a: 1, b: { y: 2, x: 1 }, c: 3 })).toEqual({ c: 3 });
    expect(changedFields({ a: 1 }, { a: 2 })).toEqual({ a: 2 });
  });
});

describe('mergePatch', () => {
  const data = { notes: 'old', unit: '92', rank: 'sergeant' };
  const versions: FieldVersions = { notes: { version: 2, ...A }, unit: { version: 3, ...B } };

  it('applies a field nobody changed after the base', () => {
    expect(mergePatch(data, versions, { rank: 'major' }, 0, B)).toEqual({ applied: { rank: 'major' }, conflicts: [] });
  });

  it('applies a field last changed at or before the base', () => {
    expect(mergePatch(data, versions, { notes: 'new' }, 2, B)).toEqual({ applied: { notes: 'new' }, conflicts: [] });
    expect(mergePatch(data, versions, { unit: '93' }, 3, A)).toEqual({ applied: { unit: '93' }, conflicts: [] });
  });

  it('keeps a field another device changed after the base and returns a conflict with both values', () => {
    expect(mergePatch(data, versions, { notes: 'mine' }, 1, B)).toEqual({
      applied: {},
      conflicts: [{ field: 'notes', kept: 'old', keptBy: { version: 2, ...A }, proposed: 'mine' }],
    });
  });

  it('lets the same device overwrite its own later change', () => {
    expect(mergePatch(data, versions, { notes: 'again' }, 0, A)).toEqual({ applied: { notes: 'again' }, conflicts: [] });
  });

  it('treats a value equal to the current one as a no-op, even when another device set it after the base', () => {
    expect(mergePatch(data, versions, { notes: 'old' }, 0, B)).toEqual({ applied: {}, conflicts: [] });
    expect(mergePatch({ consent: { a: 1, b: 2 } }, { consent: { version: 5, ...A } }, { consent: { b: 2, a: 1 } }, 0, B)).toEqual({ applied: {}, conflicts: [] });
  });

  it('splits one patch: some fields apply, others conflict', () => {
    const result = mergePatch(data, versions, { notes: 'n', unit: 'u', rank: 'r' }, 2, A);
    expect(result.applied).toEqual({ notes: 'n', rank: 'r' });
    expect(result.applied).not.toHaveProperty('unit');
    expect(result.conflicts.map((c) => c.field)).toEqual(['unit']);
    expect(mergePatch(data, versions, { notes: 'n', unit: 'u', rank: 'r' }, 2, B).applied).toEqual({ notes: 'n', unit: 'u', rank: 'r' });
  });

  it('compares with a field the record lacks (no field version: applies)', () => {
    expect(mergePatch({}, {}, { notes: 'x' }, 0, A)).toEqual({ applied: { notes: 'x' }, conflicts: [] });
  });

  const author = fc.constantFrom(A, B);
  const fieldVersions = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    fc.record({ version: fc.integer({ min: 1, max: 6 }), deviceId: fc.constantFrom(A.deviceId, B.deviceId), userId: fc.constant('u'), at: fc.constant(A.at) }),
    { maxKeys: 5 },
  );
  const patch = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), jsonValue, { minKeys: 1, maxKeys: 5 });

  it('is deterministic and never loses a value: every changed field either applies or conflicts with both values kept', () => {
    fc.assert(
      fc.property(record, fieldVersions, patch, fc.integer({ min: 0, max: 6 }), author, (r, fv, p, base, by) => {
        const first = mergePatch(r, fv, p, base, by);
        expect(mergePatch(structuredClone(r), structuredClone(fv), structuredClone(p), base, by)).toEqual(first);
        const changed = Object.keys(changedFields(r, p));
        const conflicted = first.conflicts.map((c) => c.field);
        expect([...Object.keys(first.applied), ...conflicted].sort()).toEqual([...changed].sort());
        for (const f of Object.keys(first.applied)) expect(first.applied[f]).toEqual(p[f]);
        for (const c of first.conflicts) {
          expect(c.kept).toEqual(r[c.field]);
          expect(c.proposed).toEqual(p[c.field]);
          expect(c.keptBy.deviceId).not.toBe(by.deviceId);
          expect(c.keptBy.version).toBeGreaterThan(base);
        }
      }),
    );
  });

  it('applies nothing for a patch equal to the current values (in any key order)', () => {
    fc.assert(
      fc.property(record, fieldVersions, fc.integer({ min: 0, max: 6 }), author, (r, fv, base, by) => {
        expect(mergePatch(r, fv, reordered(r) as Record<string, unknown>, base, by)).toEqual({ applied: {}, conflicts: [] });
      }),
    );
  });

  it('never conflicts with the author itself, nor for a base at or after every field version', () => {
    fc.assert(
      fc.property(record, fieldVersions, patch, author, (r, fv, p, by) => {
        const own = Object.fromEntries(Object.entries(fv).map(([f, v]) => [f, { ...v, deviceId: by.deviceId }]));
        expect(mergePatch(r, own, p, 0, by).conflicts).toEqual([]);
        expect(mergePatch(r, fv, p, 6, by).conflicts).toEqual([]);
      }),
    );
  });
});

describe('version stamping', () => {
  it('writes the next version and stamps only the fields written', () => {
    const before: FieldVersions = { notes: { version: 1, ...A }, unit: { version: 2, ...A } };
    const stamped = stampFields({ version: 2, fieldVersions: before }, ['notes'], B);
    expect(stamped).toEqual({ version: 3, fieldVersions: { notes: { version: 3, ...B }, unit: { version: 2, ...A } } });
    expect(before.notes?.version).toBe(1);
    expect(nextVersion(0)).toBe(1);
  });

  it('a change stamped by one device conflicts with a later patch of another based before it', () => {
    const stamped = stampFields({ version: 1, fieldVersions: {} }, ['notes'], A);
    expect(mergePatch({ notes: 'a' }, stamped.fieldVersions, { notes: 'b' }, 1, B).conflicts).toHaveLength(1);
    expect(mergePatch({ notes: 'a' }, stamped.fieldVersions, { notes: 'b' }, stamped.version, B).conflicts).toHaveLength(0);
  });
});

describe('delete versus update', () => {
  const other = { deviceId: B.deviceId, version: 4 };

  it('a base the server never wrote is ahead', () => {
    expect(isBaseAhead(3, 4)).toBe(true);
    expect(isBaseAhead(3, 3)).toBe(false);
    expect(isBaseAhead(3, 0)).toBe(false);
  });

  it('a patch of a record deleted by another device after its base is an update_vs_delete conflict', () => {
    expect(patchOnDeleted(other)).toEqual({ result: 'conflict', kind: 'update_vs_delete', kept: other });
  });

  it('a patch of a record whose delete the device saw, or made, is refused', () => {
    expect(patchOnDeleted(undefined)).toEqual({ result: 'rejected', reason: 'record_deleted' });
  });

  it('a delete over an update the device had not seen is a delete_vs_update conflict', () => {
    expect(decideDelete({ deleted: false, version: 4 }, 2, other)).toEqual({ result: 'conflict', kind: 'delete_vs_update', kept: other });
  });

  it('a delete with nothing changed by others since its base deletes', () => {
    expect(decideDelete({ deleted: false, version: 4 }, 4, undefined)).toEqual({ result: 'delete' });
    expect(decideDelete({ deleted: false, version: 4 }, 0, undefined)).toEqual({ result: 'delete' });
  });

  it('refuses a delete of a deleted record first, then one based ahead of the record', () => {
    expect(decideDelete({ deleted: true, version: 4 }, 9, other)).toEqual({ result: 'rejected', reason: 'already_deleted' });
    expect(decideDelete({ deleted: false, version: 4 }, 5, other)).toEqual({ result: 'rejected', reason: 'base_version_ahead' });
  });
});

describe('needsServerVersion', () => {
  it('asks for the server version again after anything but a change applied now', () => {
    expect(needsServerVersion({ result: 'applied' })).toBe(false);
    for (const result of ['conflict', 'rejected', 'quarantined']) expect(needsServerVersion({ result })).toBe(true);
    // A replay: the first answer was lost, and the version it wrote may be on the phone already.
    expect(needsServerVersion({ result: 'duplicate', originalResult: 'applied' })).toBe(true);
    expect(needsServerVersion({ result: 'duplicate', originalResult: 'conflict' })).toBe(true);
    // No answer at all (acknowledged by a later one): the phone cannot know what happened.
    expect(needsServerVersion(undefined)).toBe(true);
  });
});

describe('rebase', () => {
  it('lays pending patches over the pulled version in outbox order', () => {
    expect(rebase({ notes: 'server', unit: '92', rank: 'r' }, [{ notes: 'first' }, { unit: '93', notes: 'second' }])).toEqual({ notes: 'second', unit: '93', rank: 'r' });
  });

  it('with no pending patches is the pulled version itself', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(rebase(r, [])).toBe(r);
      }),
    );
  });

  it('does not change the pulled version or the patches', () => {
    const server = { notes: 'server' };
    const patches = [{ notes: 'mine' }];
    rebase(server, patches);
    expect(server).toEqual({ notes: 'server' });
    expect(patches).toEqual([{ notes: 'mine' }]);
  });

  it('every pending field shows its last pending value; every other field the server value', () => {
    fc.assert(
      fc.property(record, fc.array(record, { maxLength: 4 }), (server, patches) => {
        const view = rebase(server, patches);
        for (const field of new Set([...Object.keys(server), ...patches.flatMap(Object.keys)])) {
          const last = patches.findLast((p) => Object.hasOwn(p, field));
          expect(view[field]).toEqual(last ? last[field] : server[field]);
        }
        // Laying patches one at a time is laying them all at once, and patches equal to the view change nothing.
        expect(patches.reduce<Record<string, unknown>>((v, p) => rebase(v, [p]), server)).toEqual(view);
        expect(sameValue(rebase(view, [changedFields(view, view)]), view)).toBe(true);
      }),
    );
  });

  it('matches what the server writes when every pending patch applies without conflict', () => {
    fc.assert(
      fc.property(record, fc.array(record, { maxLength: 4 }), (server, patches) => {
        let data: Record<string, unknown> = server;
        let versions: FieldVersions = {};
        let version = 1;
        for (const p of patches) {
          const { applied, conflicts } = mergePatch(data, versions, p, version, A);
          expect(conflicts).toEqual([]);
          if (Object.keys(applied).length) ({ version, fieldVersions: versions } = { ...stampFields({ version, fieldVersions: versions }, Object.keys(applied), A) });
          data = { ...data, ...applied };
        }
        expect(sameValue(data, rebase(server, patches))).toBe(true);
      }),
    );
  });
});
