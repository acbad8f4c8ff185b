// A candidate match: a proposed link between a sought person and a batch entry (or another sought person: a
// probable duplicate), with its score, band and per-field reasons, and a coordinator's decision. The app
// never links anything by itself: only a coordinator confirms or rules out. Its id is derived from the pair,
// so two coordinators deciding the same pair write the same record, and different decisions meet as a conflict.
import { z } from 'zod';
import type { BatchEntry } from './batch.ts';
import { idSchema, type SoughtPerson } from './inquiry.ts';
import { splitFullName, type PersonKey } from './matching.ts';
import { UNSTORABLE_ERROR, isStorableText } from './text.ts';

export const CANDIDATE_KINDS = ['batch_entry', 'duplicate'] as const;
/** suggested → under review → confirmed | ruled out. */
export const CANDIDATE_STATUSES = ['suggested', 'under_review', 'confirmed', 'ruled_out'] as const;
export const EVIDENCE_TYPES = ['documents', 'photo_recognised', 'dna', 'fingerprints', 'dental', 'other'] as const;
export const AGREEMENTS = ['agrees', 'close', 'differs', 'missing'] as const;
export const MATCH_FIELDS = ['surname', 'givenName', 'patronymic', 'birthDate', 'unit'] as const;
/** Who proposed the pair: a coordinator's device (its own matcher), or the server's matcher across all points. */
export const CANDIDATE_ORIGINS = ['device', 'server'] as const;

const summaryText = (max: number) => z.string().refine(isStorableText, { error: UNSTORABLE_ERROR }).max(max, { error: 'errors.tooLong' });

/**
 * The other sought person of a duplicate pair across gathering points, as the server copies it into the
 * suggestion: the coordinator cannot receive the other point's records, only this much, to call that point.
 */
export const otherPersonSummarySchema = z.object({
  surname: summaryText(100),
  givenName: summaryText(100),
  patronymic: summaryText(100),
  birthDate: summaryText(10),
  /** The other person's gathering point (its space's name). */
  gatheringPoint: summaryText(200),
  /** The other inquiry's slip reference, to name it to that point's coordinator. */
  reference: summaryText(8),
});
export type OtherPersonSummary = z.infer<typeof otherPersonSummarySchema>;

export const candidateMatchSchema = z.object({
  id: idSchema,
  kind: z.enum(CANDIDATE_KINDS),
  /** The batch entry proposed (kind batch_entry), else null. */
  batchEntryId: idSchema.nullable().default(null),
  soughtPersonId: idSchema,
  /** The other sought person (kind duplicate), else null. */
  otherSoughtPersonId: idSchema.nullable().default(null),
  score: z.number().min(0).max(1),
  band: z.enum(['strong', 'possible']),
  /** Why the matcher proposed it, field by field. */
  fields: z.record(z.enum(MATCH_FIELDS), z.enum(AGREEMENTS)),
  status: z.enum(CANDIDATE_STATUSES).default('suggested'),
  /** What the decision rests on; empty until decided. */
  evidence: z.union([z.enum(EVIDENCE_TYPES), z.literal('')]).default(''),
  note: z.string().refine(isStorableText, { error: UNSTORABLE_ERROR }).trim().max(2000, { error: 'errors.tooLong' }).default(''),
  /**
   * `server`: written by the server's matcher (docs/matching.md, "On the server"); absent or `device`: a
   * coordinator's device proposed it. Set by the server only. Optional, so records older than it still parse.
   */
  origin: z.enum(CANDIDATE_ORIGINS).optional(),
  /** For a duplicate whose other person is of another gathering point: that person, copied by the server. */
  other: otherPersonSummarySchema.optional(),
});
export type CandidateMatch = z.infer<typeof candidateMatchSchema>;

/** 64-bit FNV-1a of a text, with a seed, as 16 hex digits. */
function fnv64(text: string, seed: bigint): string {
  let hash = 0xcbf29ce484222325n ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The id of the candidate for a pair, the same on every device (an RFC 9562 version 8 UUID of two FNV-1a
 * hashes): deciding the pair twice is one record, never two. Ids are lower case, order matters (entry, person).
 */
export function pairId(first: string, second: string): string {
  const text = `${first.toLowerCase()}|${second.toLowerCase()}`;
  const hex = fnv64(text, 0n) + fnv64(text, 0x9e3779b97f4a7c15n);
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A batch entry as the matcher reads it: its own name columns, or its one full-name column split surname
 * first when those are empty. The coordinator's worker and the server both read entries so.
 */
export function batchEntryKey(entry: Pick<BatchEntry, 'surname' | 'givenName' | 'patronymic' | 'fullName' | 'birthDate' | 'unit'>): PersonKey {
  const names = entry.surname || entry.givenName ? entry : { ...entry, ...splitFullName(entry.fullName) };
  return { surname: names.surname, givenName: names.givenName, patronymic: names.patronymic, birthDate: entry.birthDate, unit: entry.unit };
}

/** A sought person as the matcher reads it (the device's search index gives the same fields). */
export function soughtPersonKey(person: Pick<SoughtPerson, 'surname' | 'givenName' | 'patronymic' | 'dateOfBirth' | 'unit'>): PersonKey {
  return { surname: person.surname, givenName: person.givenName, patronymic: person.patronymic, birthDate: person.dateOfBirth, unit: person.unit };
}

/** Whether a coordinator has decided the pair: a suggestion (the server's too) or one under review is still open. */
export function isDecided(match: Pick<CandidateMatch, 'status'>): boolean {
  return match.status === 'confirmed' || match.status === 'ruled_out';
}
