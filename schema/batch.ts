// An exchange batch: a prisoner exchange, a repatriation of remains or a release of civilians, as announced
// and then received. National, not a gathering point's: coordinators see every batch, volunteer phones none.
// Its counts (entries, reviewed, matched, open) are computed from its entries, never typed.
import { z } from 'zod';
import { fullDateSchema, idSchema } from './inquiry.ts';
import { UNSTORABLE_ERROR, isStorableText } from './text.ts';

export const BATCH_KINDS = ['pow_exchange', 'remains_repatriation', 'civilians_release'] as const;
/** announced → received → processing → closed. */
export const BATCH_STATUSES = ['announced', 'received', 'processing', 'closed'] as const;

const text = (max: number) => z.string().refine(isStorableText, { error: UNSTORABLE_ERROR }).trim().max(max, { error: 'errors.tooLong' });

export const exchangeBatchSchema = z.object({
  id: idSchema,
  kind: z.enum(BATCH_KINDS, { error: 'errors.choose' }),
  /** The day of the exchange or repatriation (yyyy-mm-dd). */
  date: fullDateSchema,
  /** How many people or bodies the batch was announced with; null when no number was given. */
  announcedCount: z.number().int().min(0).max(100_000).nullable().default(null),
  /** Who announced it (Coordination HQ, the other side …) and the caveat that comes with it. */
  source: text(200).min(1, { error: 'errors.required' }),
  sourceCaveat: text(500).default(''),
  status: z.enum(BATCH_STATUSES).default('announced'),
  notes: text(5000).default(''),
});
export type ExchangeBatch = z.infer<typeof exchangeBatchSchema>;

/** Where a coordinator's review of one entry stands; the batch's counts are computed from these. */
export const ENTRY_REVIEW_STATUSES = ['unreviewed', 'matched', 'no_match'] as const;

/**
 * One person or body in a batch, as listed by whoever compiled the list: names are unreliable (spelled by
 * the other side, surname first, or in one "full name" column), dates partial or missing.
 */
export const batchEntrySchema = z.object({
  id: idSchema,
  batchId: idSchema,
  /** A body tag or the list's own number, as written. */
  label: text(100).default(''),
  surname: text(100).default(''),
  givenName: text(100).default(''),
  patronymic: text(100).default(''),
  /** The name as one column, when the list gives it so (surname first). */
  fullName: text(300).default(''),
  /** yyyy, yyyy-mm or yyyy-mm-dd as read; empty when the list has none. */
  birthDate: z.string().trim().regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/, { error: 'errors.date' }).default(''),
  unit: text(200).default(''),
  /** Documents or items found with the person or body. */
  documents: text(2000).default(''),
  /** The list's line number (1-based, header included), so a coordinator can find the row in the file. */
  sourceLine: z.number().int().min(0).nullable().default(null),
  reviewStatus: z.enum(ENTRY_REVIEW_STATUSES).default('unreviewed'),
  notes: text(5000).default(''),
});
export type BatchEntry = z.infer<typeof batchEntrySchema>;

export interface BatchCounts {
  entries: number;
  reviewed: number;
  matched: number;
  open: number;
}

/** A batch's counts, always computed from its entries, never typed. */
export function countEntries(entries: Iterable<Pick<BatchEntry, 'reviewStatus'>>): BatchCounts {
  const counts: BatchCounts = { entries: 0, reviewed: 0, matched: 0, open: 0 };
  for (const entry of entries) {
    counts.entries += 1;
    if (entry.reviewStatus === 'unreviewed') counts.open += 1;
    else counts.reviewed += 1;
    if (entry.reviewStatus === 'matched') counts.matched += 1;
  }
  return counts;
}
