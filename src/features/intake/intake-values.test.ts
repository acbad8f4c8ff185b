// Every field the schema can reject is checked by some step before the review, and each error leads back to
// the step that shows it; otherwise a volunteer could meet an error only at "Register", on a step not shown.
import { describe, expect, it } from 'vitest';
import { intakeSchema } from '@schema/inquiry.ts';
import type { SpaceSummary } from '@schema/protocol.ts';
import { LAST_STEP, STEPS, emptyPerson, fitGatheringPoint, newIntake, stepFields, stepOfPath } from './intake-values.ts';

const covered = (path: string, fields: string[]) => fields.some((f) => path === f || path.startsWith(`${f}.`));

describe('intake steps', () => {
  it('a new form fails only on what the volunteer must still enter, and each failure belongs to a step before the review', () => {
    const result = intakeSchema.safeParse({ ...newIntake({ volunteerName: 'Марія', gatheringPoint: '' }), soughtPersons: [emptyPerson(), emptyPerson()] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['inquiry.gatheringPoint', 'familyContact.surname', 'inquiry.consent.toRecord', 'soughtPersons.1.surname']));
    for (const path of paths) {
      const step = stepOfPath(path);
      expect(step, path).toBeLessThan(LAST_STEP);
      expect(covered(path, stepFields(step, 2)), `${path} is validated on step ${STEPS[step]}`).toBe(true);
    }
  });

  it('identifying details of each person are validated on their own step, not with the person', () => {
    expect(stepOfPath('soughtPersons.1.marks.0.description')).toBe(STEPS.indexOf('identifying'));
    expect(stepOfPath('soughtPersons.0.heightCm')).toBe(STEPS.indexOf('identifying'));
    expect(stepOfPath('soughtPersons.0.dateOfBirth')).toBe(STEPS.indexOf('persons'));
    expect(covered('soughtPersons.1.marks.0.description', stepFields(STEPS.indexOf('identifying'), 2))).toBe(true);
    expect(covered('soughtPersons.0.heightCm', stepFields(STEPS.indexOf('persons'), 1))).toBe(false);
    expect(stepFields(LAST_STEP, 1)).toEqual([]);
  });
});

describe('the gathering point of a coordinator of several points', () => {
  const points: SpaceSummary[] = [
    { id: crypto.randomUUID(), name: 'Пункт Суми', retentionDays: 14 },
    { id: crypto.randomUUID(), name: 'Пункт Чоп', retentionDays: 14 },
  ];
  const start = (gatheringPoint: string) => newIntake({ volunteerName: 'Марія', gatheringPoint });

  it('keeps a usual point that is one of the list, spelt as the list spells it', () => {
    expect(fitGatheringPoint(start(' пункт чоп '), points).inquiry?.gatheringPoint).toBe('Пункт Чоп');
  });

  it('shows nothing chosen for a name typed before the list, never some point in its place, and the step asks for one', () => {
    const fitted = fitGatheringPoint(start('Пункт пропуску Тестовий'), points);
    expect(fitted.inquiry?.gatheringPoint).toBe('');
    expect(fitted.inquiry?.volunteerName).toBe('Марія');
    const result = intakeSchema.safeParse(fitted);
    expect(result.error?.issues.filter((i) => i.path.join('.') === 'inquiry.gatheringPoint').map((i) => i.message)).toEqual(['errors.required']);
  });

  it('leaves a typed point alone when there is no list', () => {
    expect(fitGatheringPoint(start('Пункт пропуску Тестовий'), []).inquiry?.gatheringPoint).toBe('Пункт пропуску Тестовий');
  });
});
