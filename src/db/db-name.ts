// The device database's name, and whether this browser holds it yet — asked without loading Dexie, so a
// fresh phone's first screen does not wait for the database library it does not need until set-up.
export const DB_NAME = 'rodyna';

/** false: surely no database yet. undefined: the browser cannot tell (no indexedDB.databases()); ask Dexie. */
export async function databaseExists(): Promise<boolean | undefined> {
  try {
    const list = await globalThis.indexedDB?.databases?.();
    return list ? list.some((d) => d.name === DB_NAME) : undefined;
  } catch {
    return undefined;
  }
}
