// Autosaved, sealed drafts of half-filled forms: a lock, an update or a dead battery loses no typing.
// Discarding a draft is always an explicit action of the volunteer.
import { getDataKey } from '@/crypto/key-holder.ts';
import { seal, unseal } from '@/crypto/seal.ts';
import { db } from './db.ts';
import { isQuotaError, StorageFullError } from './errors.ts';

const context = (id: string) => `draft:${id}`;

export interface DraftSummary {
  id: string;
  updatedAt: number;
}

export async function saveDraft(id: string, values: unknown): Promise<void> {
  const sealed = await seal(getDataKey(), values, context(id));
  try {
    await db.drafts.put({ id, updatedAt: Date.now(), sealed });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(error);
    throw error;
  }
}

export async function loadDraft<T>(id: string): Promise<T | undefined> {
  const row = await db.drafts.get(id);
  return row ? unseal<T>(getDataKey(), row.sealed, context(id)) : undefined;
}

export async function listDrafts(): Promise<DraftSummary[]> {
  const rows = await db.drafts.orderBy('updatedAt').reverse().toArray();
  return rows.map(({ id, updatedAt }) => ({ id, updatedAt }));
}

export async function discardDraft(id: string): Promise<void> {
  await db.drafts.delete(id);
}
