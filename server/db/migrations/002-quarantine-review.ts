// Quarantine a coordinator can act on: each revoked device's hand-over usage (for its quota) and when it
// confirmed its wipe; a coordinator's decision on each held change; and the lookups that name a record
// (an inquiry's reference and people) from a sought person or family contact id.
export const statements: string[] = [
  `alter table device add column quarantined_count int not null default 0`,
  `alter table device add column quarantined_bytes bigint not null default 0`,
  `alter table device add column wiped_at timestamptz`,
  // What a device handed over before this migration counts against its quota too.
  `update device set
     quarantined_count = q.n,
     quarantined_bytes = q.bytes
   from (select device_id, count(*) as n, coalesce(sum(octet_length(args::text)), 0) as bytes
         from mutation_log where result = 'quarantined' group by device_id) q
   where q.device_id = device.id`,
  // One decision per held change (the log row stays as it was: the log is append-only).
  `create table quarantine_decision (
    device_id uuid not null,
    mutation_seq bigint not null,
    mutation_id uuid not null unique,
    decision text not null check (decision in ('accepted', 'discarded')),
    reason text,
    result text,
    result_reason text,
    conflict_ids jsonb not null default '[]',
    decided_by_user uuid not null references app_user (id),
    decided_by_device uuid not null references device (id),
    decided_at timestamptz not null,
    primary key (device_id, mutation_seq),
    foreign key (device_id, mutation_seq) references mutation_log (device_id, mutation_seq),
    check (decision = 'accepted' or reason is not null)
  )`,
  `create index mutation_log_quarantine_page on mutation_log (received_at, device_id, mutation_seq) where result = 'quarantined'`,
  `create index conflict_page on conflict (proposed_at desc, id desc)`,
  `create index record_inquiry_sought on record using gin ((data -> 'soughtPersonIds')) where type = 'inquiry'`,
  `create index record_inquiry_contact on record ((data ->> 'familyContactId')) where type = 'inquiry'`,
];
