import { afterEach, describe, expect, it } from 'vitest';
import { db } from './db.ts';
import { databaseExists } from './db-name.ts';

describe('databaseExists', () => {
  afterEach(async () => {
    await db.delete();
  });

  it('says no before the database is first opened and yes after, without opening it itself', async () => {
    await db.delete();
    expect(await databaseExists()).toBe(false);
    // Asking must not create it: a second question still finds none.
    expect(await databaseExists()).toBe(false);
    await db.open();
    expect(await databaseExists()).toBe(true);
  });

  it('cannot tell when the browser has no indexedDB.databases(), so the caller asks Dexie', async () => {
    const original = indexedDB.databases.bind(indexedDB);
    Object.defineProperty(indexedDB, 'databases', { value: undefined, configurable: true });
    try {
      expect(await databaseExists()).toBeUndefined();
    } finally {
      Object.defineProperty(indexedDB, 'databases', { value: original, configurable: true });
    }
  });
});
