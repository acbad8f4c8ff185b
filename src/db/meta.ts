// Key-value metadata of the device database. Plain only for what must be read before unlock (the key wrap,
// the failed-unlock count) and for counters; everything else — the enrolment, the sync status — is sealed.
import { getDataKey, isUnlocked } from '@/crypto/key-holder.ts';
import { seal, unseal, type Sealed } from '@/crypto/seal.ts';
import { db, type MetaRow } from './db.ts';

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Allocates the next number of a counter; call inside a `rw` transaction that includes `meta`. */
export async function nextCounter(key: string): Promise<number> {
  const current = ((await db.meta.get(key))?.value as number | undefined) ?? 0;
  await db.meta.put({ key, value: current + 1 });
  return current + 1;
}

export const metaContext = (key: string) => `meta:${key}`;

export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && (value as Sealed).iv instanceof Uint8Array && (value as Sealed).data instanceof ArrayBuffer;
}

/** A sealed value; undefined while locked (screens read it for display only) or when absent. */
export async function getSealedMeta<T>(key: string): Promise<T | undefined> {
  if (!isUnlocked()) return undefined;
  const value = await getMeta<unknown>(key);
  return isSealed(value) ? unseal<T>(getDataKey(), value, metaContext(key)) : undefined;
}

export async function sealMeta(key: string, value: unknown): Promise<{ key: string; value: Sealed }> {
  return { key, value: await seal(getDataKey(), value, metaContext(key)) };
}

export async function setSealedMeta(key: string, value: unknown): Promise<void> {
  await db.meta.put(await sealMeta(key, value));
}

/**
 * Seals what older versions kept in plain meta (enrolment, sync status); run once after each unlock, cheap
 * when there is nothing left to seal. A plain value is never read again.
 */
export async function sealPlainMeta(keys: readonly string[]): Promise<void> {
  const rows = await db.meta.bulkGet([...keys]);
  const plain = rows.filter((r): r is MetaRow => r !== undefined && !isSealed(r.value));
  if (plain.length === 0) return;
  const sealed = await Promise.all(plain.map((r) => sealMeta(r.key, r.value)));
  await db.meta.bulkPut(sealed);
}
