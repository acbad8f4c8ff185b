// Every field the schema can reject is checked by some step before the review, and each error leads back to
// the step that shows it; otherwise a volunteer could meet an error only at "Register", on a step not shown.
import { describe, expect, it } from 'vitest';
import { intakeSchema } from '@schema/inquiry.ts';
import { LAST_STEP, STEPS, emptyPerson, newIntake, stepFields, stepOfPath } from './intake-values.ts';

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
