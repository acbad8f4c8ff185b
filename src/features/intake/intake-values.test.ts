// Every field the schema can reject is checked by some step before the review, and each error leads back to
// the step that shows it; otherwise a volunteer could meet an error only at "Register", on a step not shown.
import { describe, expect, it } from 'vitest';
import { intakeSchema } from '@schema/inquiry.ts';
import type { SpaceSummary } from '@schema/protocol.ts';
import { LAST_STEP, STEPS, emptyPerson, fitGatheringPoint, newIntake, stepFields, stepOfPath } from './intake-values.ts';

const covered = (path: string, fields: string[]) => fields.some((f) => path === f || path.startsWith(`${f}.`));

describe('intake steps', () => {
  it('a new form fails only on what the volunteer must still enter, and each failure belongs to a step before the review', () => {
    // A coordinator of several points: the point too must be chosen.
    const points = [{ id: crypto.randomUUID(), name: 'Суми', retentionDays: 14 }, { id: crypto.randomUUID(), name: 'Чоп', retentionDays: 14 }];
    const result = intakeSchema.safeParse({ ...fitGatheringPoint(newIntake({ volunteerName: 'Марія' }), points), soughtPersons: [emptyPerson(), emptyPerson()] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['inquiry.gatheringPointId', 'familyContact.surname', 'inquiry.consent.toRecord', 'soughtPersons.1.surname']));
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

describe('the gathering point the form holds', () => {
  const points: SpaceSummary[] = [
    { id: crypto.randomUUID(), name: 'Пункт Суми', retentionDays: 14 },
    { id: crypto.randomUUID(), name: 'Пункт Чоп', retentionDays: 14 },
  ];
  const [sumy, chop] = points as [SpaceSummary, SpaceSummary];
  const start = (gatheringPointId?: string) => newIntake({ volunteerName: 'Марія', ...(gatheringPointId ? { gatheringPointId } : {}) });
  /** A draft saved before points were ids: the point by name. */
  const oldDraft = (name: string) => ({ ...start(), inquiry: { ...start().inquiry, gatheringPoint: name } });
  const pointIssues = (values: unknown) => intakeSchema.safeParse(values).error?.issues.filter((i) => i.path.join('.') === 'inquiry.gatheringPointId').map((i) => i.message) ?? [];

  it('is the one point of a volunteer’s phone, whatever a draft held, and never asked for', () => {
    expect(fitGatheringPoint(start(), [sumy]).inquiry?.gatheringPointId).toBe(sumy.id);
    expect(fitGatheringPoint(start(chop.id), [sumy]).inquiry?.gatheringPointId).toBe(sumy.id);
    const fitted = fitGatheringPoint(oldDraft('Пункт пропуску Тестовий'), [sumy]);
    expect(fitted.inquiry).not.toHaveProperty('gatheringPoint');
    expect(pointIssues(fitted)).toEqual([]);
  });

  it('is none on a phone not enrolled yet (the server files it), and the schema does not ask', () => {
    const fitted = fitGatheringPoint(oldDraft('Пункт пропуску Тестовий'), []);
    expect(fitted.inquiry).not.toHaveProperty('gatheringPoint');
    expect(fitted.inquiry).not.toHaveProperty('gatheringPointId');
    expect(fitted.inquiry?.volunteerName).toBe('Марія');
    expect(pointIssues(fitted)).toEqual([]);
  });

  it('keeps a coordinator’s usual point that is one of theirs, and finds the one an old draft named', () => {
    expect(fitGatheringPoint(start(chop.id), points).inquiry?.gatheringPointId).toBe(chop.id);
    expect(fitGatheringPoint(oldDraft(' пункт чоп '), points).inquiry?.gatheringPointId).toBe(chop.id);
  });

  it('shows nothing chosen for a point not theirs or an unknown name, never some point in its place, and the step asks for one', () => {
    for (const values of [start(crypto.randomUUID()), start(), oldDraft('Пункт пропуску Тестовий')]) {
      const fitted = fitGatheringPoint(values, points);
      expect(fitted.inquiry?.gatheringPointId).toBe('');
      expect(pointIssues(fitted)).toEqual(['errors.spaceRequired']);
    }
    // Control: chosen, the same form has no gathering-point issue.
    expect(pointIssues(fitGatheringPoint(start(sumy.id), points))).toEqual([]);
  });
});
