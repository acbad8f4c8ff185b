// Autosaved, sealed drafts of half-filled forms: a lock, an update or a dead battery loses no typing.
// Discarding a draft is always an explicit action of the volunteer.
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal } from '@/crypto/seal.ts';
import { db, type DraftRow } from './db.ts';
import { isQuotaError, StorageFullError } from './errors.ts';
import { nextCounter } from './meta.ts';

const context = (id: string) => `draft:${id}`;

export interface DraftSummary {
  id: string;
  /** Device time of the last save, display only; null for drafts saved by older versions. */
  savedAt: number | null;
}

/** The sealed content: the time is inside, so the stored row tells nobody when a family was being registered. */
interface DraftContent {
  v: 2;
  savedAt: number;
  values: unknown;
}

function isDraftContent(value: unknown): value is DraftContent {
  return typeof value === 'object' && value !== null && (value as DraftContent).v === 2 && 'values' in value;
}

export async function saveDraft(id: string, values: unknown): Promise<void> {
  const sealed = await seal(getDataKey(), { v: 2, savedAt: Date.now(), values } satisfies DraftContent, context(id));
  try {
    await db.transaction('rw', db.drafts, db.meta, async () => {
      await db.drafts.put({ id, order: await nextCounter('draftOrder'), sealed });
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

async function openDraft(row: DraftRow): Promise<{ savedAt: number | null; values: unknown }> {
  const content = await unseal<unknown>(getDataKey(), row.sealed, context(row.id));
  return isDraftContent(content) ? content : { savedAt: null, values: content };
}

export async function loadDraft<T>(id: string): Promise<T | undefined> {
  const row = await db.drafts.get(id);
  return row ? ((await openDraft(row)).values as T) : undefined;
}

/** Newest first. */
export async function listDrafts(): Promise<DraftSummary[]> {
  const rows = await db.drafts.orderBy('order').reverse().toArray();
  return Promise.all(rows.map(async (row) => ({ id: row.id, savedAt: (await openDraft(row)).savedAt })));
}

export async function discardDraft(id: string): Promise<void> {
  await db.drafts.delete(id);
}
