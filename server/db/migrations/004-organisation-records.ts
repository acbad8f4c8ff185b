// Organisation-wide records (exchange batches and, later, their entries and matches) belong to no gathering
// point: `space_id` becomes nullable on records, their history and their conflicts. Existing rows keep their
// space. A null space means "the whole organisation"; which roles' devices receive such a record is the
// record registry's audience (schema/records.ts), checked by the pull.
export const statements: string[] = [
  `alter table record alter column space_id drop not null`,
  `alter table record_history alter column space_id drop not null`,
  `alter table conflict alter column space_id drop not null`,
  // The pull reads organisation-wide changes by seq beside the spaces' ones.
  `create index record_organisation_seq on record (seq) where space_id is null`,
];
