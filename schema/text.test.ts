// Text rules shared by the app and the server: what PostgreSQL cannot store, invisible characters in
// names and labels, ids in any case — and that every message key they give is translated.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idSchema, inquirySchema, intakeSchema } from './inquiry.ts';
import { deleteRecordArgsSchema } from './mutations.ts';
import { createSpaceRequestSchema, createVolunteerRequestSchema, enrolRequestSchema, signInRequestSchema } from './protocol.ts';
import { CONTROL_CHARS_ERROR, UNSTORABLE_ERROR, hasNoControlChars, isStorableText, storableJson } from './text.ts';

describe('isStorableText', () => {
  it('refuses a NUL and lone surrogates, accepts paired ones', () => {
    for (const bad of ['\u0000', 'a\u0000', '\uD800', 'x\uDBFFy', '\uDC00', 'a\uDC00\uD800b']) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', 'Коваленко', '😀', 'a\uD83D\uDE00b', 'tab\there', 'line\nbreak']) expect(isStorableText(good), JSON.stringify(good)).toBe(true);
  });
});

describe('hasNoControlChars', () => {
  it('refuses C0/C1 controls, bidi embeddings, overrides and isolates, zero-width marks and the BOM', () => {
    const bad = ['\t', '\n', '\u0007', '\u007F', '\u0085', '\u009F', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2028', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u061C', '\u2060', '\u2064', '\u0000', '\uD800'];
    for (const c of bad) expect(hasNoControlChars(`Olena${c}K`), c.codePointAt(0)?.toString(16)).toBe(false);
    for (const good of ['Olena K.', 'Олена Коваленко', "Ол'єна", 'Телефон №2 (Суми)', 'O’Brien']) expect(hasNoControlChars(good), good).toBe(true);
  });

  it('is the rule of device labels, logins, enrolment codes, volunteer and gathering-point names', () => {
    expect(signInRequestSchema.safeParse({ login: 'olena\u202E', password: 'x', deviceLabel: 'laptop' }).error?.issues[0]).toMatchObject({ path: ['login'], message: CONTROL_CHARS_ERROR });
    expect(signInRequestSchema.safeParse({ login: 'olena', password: 'x', deviceLabel: 'phone\u200B' }).error?.issues[0]?.message).toBe(CONTROL_CHARS_ERROR);
    expect(enrolRequestSchema.safeParse({ code: 'ABCD-EFGH', deviceLabel: 'a\u0000' }).success).toBe(false);
    expect(createVolunteerRequestSchema.safeParse({ name: 'Taras\u2066' }).success).toBe(false);
    expect(createVolunteerRequestSchema.safeParse({ name: '  Тарас Шевчук ' }).data).toEqual({ name: 'Тарас Шевчук' });
    expect(inquirySchema.shape.volunteerName.safeParse('Олена\u202E').error?.issues[0]?.message).toBe(CONTROL_CHARS_ERROR);
    expect(inquirySchema.shape.volunteerName.safeParse('').success).toBe(true);
    // A gathering point's name is its space's: the inquiry holds only the id.
    expect(createSpaceRequestSchema.safeParse({ name: 'Суми\u200B' }).error?.issues[0]?.message).toBe(CONTROL_CHARS_ERROR);
  });
});

describe('record text', () => {
  it('refuses unstorable text in every free-text field with errors.unstorable', () => {
    expect(inquirySchema.shape.notes.safeParse('a\u0000b').error?.issues[0]?.message).toBe(UNSTORABLE_ERROR);
    expect(inquirySchema.shape.volunteerName.safeParse('Olena\uD800').error?.issues[0]?.message).toBe(UNSTORABLE_ERROR);
    expect(deleteRecordArgsSchema.safeParse({ type: 'inquiry', id: crypto.randomUUID(), baseVersion: 1, reason: 'twice\u0000' }).success).toBe(false);
    const form = intakeSchema.shape.soughtPersons.element.shape.circumstances.safeParse('x\uDC00');
    expect(form.error?.issues[0]?.message).toBe(UNSTORABLE_ERROR);
  });

  it('lowers ids, so one id in two cases is one id', () => {
    const id = crypto.randomUUID();
    expect(idSchema.parse(id.toUpperCase())).toBe(id);
    expect(idSchema.safeParse('not-an-id').success).toBe(false);
  });

  it('gives message keys that both languages translate', () => {
    for (const lang of ['uk', 'en']) {
      const errors = JSON.parse(fs.readFileSync(new URL(`../src/locales/${lang}/errors.json`, import.meta.url), 'utf8')) as Record<string, string>;
      const enrol = JSON.parse(fs.readFileSync(new URL(`../src/locales/${lang}/enrol.json`, import.meta.url), 'utf8')) as { errors: Record<string, string> };
      expect(errors[UNSTORABLE_ERROR.replace(/^errors\./, '')]).toBeTruthy();
      expect(errors[CONTROL_CHARS_ERROR.replace(/^errors\./, '')]).toBeTruthy();
      expect(enrol.errors['controlChars']).toBeTruthy();
    }
  });
});

describe('storableJson', () => {
  it('replaces what PostgreSQL cannot store, in keys and values, and keeps everything else', () => {
    const value = { a: 'x\u0000y', ['k\uD800']: ['\uDC00', 1, null, { deep: 'ok' }], __proto__: 'p' } as unknown;
    expect(JSON.stringify(storableJson(value))).toBe(JSON.stringify({ a: 'x\uFFFDy', ['k\uFFFD']: ['\uFFFD', 1, null, { deep: 'ok' }] }));
    const untouched = { a: 'Коваленко 😀', list: [1, 'two'] };
    expect(storableJson(untouched)).toBe(untouched);
    const proto = JSON.parse('{"__proto__": "a\\u0000"}') as unknown;
    expect(Object.keys(storableJson(proto) as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(storableJson(proto))).toBe(Object.prototype);
  });
});
