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
