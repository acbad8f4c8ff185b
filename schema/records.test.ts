// Every kind of record has every rule, and the rules agree with each other and with DESIGN.md: a type
// added without an audience, a create rule, or links to real fields fails here.
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES, RECORDS, ROLES, isVisibleTo, mayWriteField, parseFieldPatch, typesFor, withOwnedDefaults, type RecordRules } from './records.ts';

const entries = RECORD_TYPES.map((type) => [type, RECORDS[type] as RecordRules] as const);

describe('the record registry', () => {
  it('has exactly one entry per record type', () => {
    expect(Object.keys(RECORDS).sort()).toEqual([...RECORD_TYPES].sort());
  });

  it.each(entries)('%s has every rule, each naming real fields and types', (_type, rules) => {
    const fields = Object.keys(rules.schema.shape);
    expect(fields).toContain('id');
    expect(['space', 'organisation']).toContain(rules.scope);
    expect(rules.audience.length).toBeGreaterThan(0);
    expect(rules.audience.every((r) => ROLES.includes(r))).toBe(true);
    // Who creates a record must also receive it, or a device would create what it cannot see.
    expect(rules.create.roles.every((r) => rules.audience.includes(r))).toBe(true);
    expect(rules.immutable).toContain('id');
    for (const field of [...rules.immutable, ...Object.keys(rules.ownedFields ?? {}), ...rules.links.map((l) => l.field)]) {
      expect(fields, `${field}`).toContain(field);
    }
    for (const link of rules.links) expect(RECORD_TYPES).toContain(link.type);
    if (!rules.patch.insertOnly) expect(rules.patch.roles.every((r) => rules.audience.includes(r))).toBe(true);
    else expect(rules.delete).toEqual([]);
    expect(['root', 'withRoot', 'none']).toContain(rules.retention);
  });

  it('keeps national records off volunteer phones, and purges only what reaches them', () => {
    for (const [type, rules] of entries) {
      if (rules.scope === 'organisation') expect(rules.audience, type).not.toContain('volunteer');
      expect(rules.retention === 'none', type).toBe(!rules.audience.includes('volunteer'));
    }
    // Every record purged with a root is linked from one.
    const linkedFromRoots = entries.filter(([, r]) => r.retention === 'root').flatMap(([, r]) => r.links.map((l) => l.type));
    for (const [type, rules] of entries) if (rules.retention === 'withRoot') expect(linkedFromRoots, type).toContain(type);
  });

  it('tells what reaches whom', () => {
    expect(typesFor('volunteer')).toEqual(['inquiry', 'familyContact', 'soughtPerson']);
    expect(typesFor('coordinator')).toContain('exchangeBatch');
    const volunteer = { role: 'volunteer' as const, spaceIds: ['s1'] };
    const coordinator = { role: 'coordinator' as const, spaceIds: ['s1'] };
    expect(isVisibleTo(volunteer, { type: 'inquiry', spaceId: 's1' })).toBe(true);
    expect(isVisibleTo(volunteer, { type: 'inquiry', spaceId: 's2' })).toBe(false);
    expect(isVisibleTo(volunteer, { type: 'exchangeBatch', spaceId: null })).toBe(false);
    expect(isVisibleTo(coordinator, { type: 'exchangeBatch', spaceId: null })).toBe(true);
    // A national type stored under a space, or a space type without one, reaches nobody.
    expect(isVisibleTo(coordinator, { type: 'exchangeBatch', spaceId: 's1' })).toBe(false);
    expect(isVisibleTo(coordinator, { type: 'inquiry', spaceId: null })).toBe(false);
    expect(isVisibleTo(coordinator, { type: 'unknownType', spaceId: 's1' })).toBe(false);
  });

  it('leaves coordinator-owned fields to coordinators, and resets them to the default for anyone else', () => {
    expect(mayWriteField('inquiry', 'handlingStatus', 'volunteer')).toBe(false);
    expect(mayWriteField('inquiry', 'handlingStatus', 'coordinator')).toBe(true);
    expect(mayWriteField('inquiry', 'notes', 'volunteer')).toBe(true);
    expect(withOwnedDefaults('inquiry', { handlingStatus: 'closed_resolved', notes: 'a' }, 'volunteer')).toEqual({ data: { handlingStatus: 'submitted', notes: 'a' }, reset: ['handlingStatus'] });
    expect(withOwnedDefaults('inquiry', { handlingStatus: 'open' }, 'coordinator')).toEqual({ data: { handlingStatus: 'open' }, reset: [] });
  });

  it('leaves a candidate\'s origin and the other point\'s person to the server: a device\'s create drops them, no patch sets them', () => {
    const other = { surname: 'Олійник', givenName: 'Микола', patronymic: '', birthDate: '1994', gatheringPoint: 'Суми', reference: 'ABCD2345' };
    const created = withOwnedDefaults('candidateMatch', { status: 'confirmed', origin: 'server', other }, 'coordinator');
    expect(created.data).toEqual({ status: 'confirmed', origin: undefined, other: undefined });
    expect(created.reset.sort()).toEqual(['origin', 'other']);
    expect(mayWriteField('candidateMatch', 'origin', 'coordinator')).toBe(false);
    expect(parseFieldPatch('candidateMatch', { origin: 'device' })).toMatchObject({ ok: false, issues: [{ field: 'origin', message: 'errors.unknownField' }] });
    expect(parseFieldPatch('candidateMatch', { other: null })).toMatchObject({ ok: false });
    // Control: the decision itself is the coordinators' to patch.
    expect(parseFieldPatch('candidateMatch', { status: 'ruled_out', evidence: 'dental' })).toEqual({ ok: true, patch: { status: 'ruled_out', evidence: 'dental' } });
  });
});
