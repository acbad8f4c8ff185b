// Plain key-value metadata of the device database: key wrap, counters, non-personal settings.
// Personal values never go here unsealed.
import { db } from './db.ts';

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
