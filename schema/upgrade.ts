// Records stored in an older shape, brought to today's where they are read: one call for every stored row
// a side unseals or selects, so no sealed rewrite or re-pull is needed when a record's shape changes.
import { upgradeInquiry } from './inquiry.ts';

/**
 * Today's shape of a stored record's data. `spaceId` is the stored row's space (null when it has none yet,
 * or for organisation-wide records). Types whose shape never changed come back as they are.
 */
export function upgradeRecord<T>(type: string, data: T, spaceId: string | null): T {
  if (type === 'inquiry' && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    // The same object type with an old field removed and an optional one set: still a T to its reader.
    return upgradeInquiry(data as Record<string, unknown>, spaceId) as T;
  }
  return data;
}
