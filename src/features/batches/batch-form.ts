// The fields a coordinator types for a batch and for an entry added by hand, as the forms hold them (text),
// and how they become records: dates read as people type them (schema/dates.ts), then the same schemas the
// server checks (schema/batch.ts). Messages are `errors:` keys.
import { BATCH_KINDS, exchangeBatchSchema } from '@schema/batch.ts';
import { localToday, parseTypedDate, type DateProblem } from '@schema/dates.ts';
import { z } from 'zod';

const DATE_MESSAGES: Record<DateProblem, string> = {
  format: 'errors.partialDate',
  impossible: 'errors.impossibleDate',
  future: 'errors.futureDate',
  tooOld: 'errors.tooOldDate',
};

/** A typed date read into ISO; `day` when a whole date is needed (the day of an exchange). */
function typedDate(precision: 'any' | 'day') {
  return z.string().transform((typed, ctx) => {
    if (!typed.trim()) {
      if (precision === 'day') ctx.addIssue({ code: 'custom', message: 'errors.required' });
      return '';
    }
    const read = parseTypedDate(typed, localToday());
    if (!read.ok) ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[read.problem] });
    else if (precision === 'day' && read.precision !== 'day') ctx.addIssue({ code: 'custom', message: 'errors.date' });
    return read.ok ? read.iso : '';
  });
}

export const batchFormSchema = z.object({
  kind: z.enum(BATCH_KINDS, { error: 'errors.choose' }),
  date: typedDate('day'),
  announcedCount: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, { error: 'errors.count' })
    .transform((v) => (v === '' ? null : Number(v))),
  source: exchangeBatchSchema.shape.source,
  sourceCaveat: exchangeBatchSchema.shape.sourceCaveat,
});
export type BatchFormInput = z.input<typeof batchFormSchema>;
export type BatchFormValues = z.output<typeof batchFormSchema>;

const line = (max: number) => z.string().trim().max(max, { error: 'errors.tooLong' });

export const entryFormSchema = z.object({
  label: line(100),
  surname: line(100),
  givenName: line(100),
  patronymic: line(100),
  birthDate: typedDate('any'),
  unit: line(200),
  documents: line(2000),
})
  // An entry must say who it is: a body tag or list number, or some part of a name.
  .refine((v) => Boolean(v.label || v.surname || v.givenName), { message: 'errors.entryEmpty', path: ['surname'] });
export type EntryFormInput = z.input<typeof entryFormSchema>;
export type EntryFormValues = z.output<typeof entryFormSchema>;
