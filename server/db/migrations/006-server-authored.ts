// Records the server writes itself (its matcher's suggestions, server/sync/suggest.ts) have no device and
// no user as their author: a null author in `record` and `record_history` means "the server". Rows written
// by devices keep theirs; the foreign keys stay for every non-null value.
export const statements: string[] = [
  `alter table record alter column created_by_device drop not null`,
  `alter table record alter column updated_by_device drop not null`,
  `alter table record_history alter column changed_by_device drop not null`,
  `alter table record_history alter column changed_by_user drop not null`,
];
