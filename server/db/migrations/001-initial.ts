// The first schema: people, spaces, devices, enrolment, the synced records with their history, the
// append-only mutation log and conflicts. `seq` columns are int8 and travel as decimal strings.
export const statements: string[] = [
  `create table app_setting (
    key text primary key,
    value text not null
  )`,
  // One row; a push locks it FOR UPDATE so seq order equals commit order.
  `create table sync_clock (
    id int primary key check (id = 1),
    seq bigint not null
  )`,
  `insert into sync_clock (id, seq) values (1, 0)`,
  `create table space (
    id uuid primary key,
    name text not null,
    retention_days int not null default 14 check (retention_days between 1 and 3650),
    created_at timestamptz not null default now()
  )`,
  `create table app_user (
    id uuid primary key,
    login text unique,
    name text not null,
    role text not null check (role in ('coordinator', 'volunteer')),
    password_hash text,
    space_id uuid references space (id),
    created_at timestamptz not null default now(),
    created_by uuid references app_user (id),
    check ((role = 'coordinator') = (password_hash is not null)),
    check ((role = 'volunteer') = (space_id is not null))
  )`,
  `create table membership (
    user_id uuid not null references app_user (id),
    space_id uuid not null references space (id),
    created_at timestamptz not null default now(),
    primary key (user_id, space_id)
  )`,
  `create index membership_space on membership (space_id)`,
  `create table device (
    id uuid primary key,
    user_id uuid not null references app_user (id),
    space_id uuid references space (id),
    label text not null,
    refresh_hash text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz,
    revoked_at timestamptz,
    revoked_by uuid references app_user (id),
    revoked_reason text,
    last_mutation_seq bigint not null default 0,
    needs_reset boolean not null default false
  )`,
  `create index device_user on device (user_id)`,
  `create index device_space on device (space_id)`,
  `create table enrolment_code (
    code_hash text primary key,
    user_id uuid not null references app_user (id),
    space_id uuid not null references space (id),
    created_by uuid not null references app_user (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by_device uuid references device (id)
  )`,
  `create table record (
    type text not null,
    id uuid not null,
    space_id uuid not null references space (id),
    version int not null,
    seq bigint not null,
    data jsonb not null,
    deleted boolean not null default false,
    field_versions jsonb not null default '{}',
    created_by_device uuid not null references device (id),
    updated_by_device uuid not null references device (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (type, id)
  )`,
  `create index record_space_seq on record (space_id, seq)`,
  `create index record_seq on record (seq)`,
  `create table record_history (
    type text not null,
    id uuid not null,
    version int not null,
    seq bigint not null,
    space_id uuid not null,
    data jsonb not null,
    deleted boolean not null,
    reason text,
    changed_by_device uuid not null references device (id),
    changed_by_user uuid not null references app_user (id),
    mutation_id uuid,
    changed_at timestamptz not null default now(),
    primary key (type, id, version)
  )`,
  `create table mutation_log (
    device_id uuid not null references device (id),
    mutation_seq bigint not null,
    mutation_id uuid not null,
    name text not null,
    args jsonb not null,
    result text not null check (result in ('applied', 'duplicate', 'conflict', 'rejected', 'quarantined')),
    reason text,
    conflict_ids jsonb not null default '[]',
    received_at timestamptz not null default now(),
    primary key (device_id, mutation_seq)
  )`,
  `create index mutation_log_mutation_id on mutation_log (mutation_id)`,
  `create index mutation_log_quarantined on mutation_log (received_at) where result = 'quarantined'`,
  `create table conflict (
    id uuid primary key,
    kind text not null check (kind in ('field', 'delete_vs_update', 'update_vs_delete')),
    record_type text not null,
    record_id uuid not null,
    space_id uuid not null references space (id),
    field text,
    kept_value jsonb,
    kept_device uuid references device (id),
    kept_user uuid references app_user (id),
    kept_at timestamptz,
    kept_version int not null,
    proposed_value jsonb,
    proposed_device uuid not null references device (id),
    proposed_user uuid not null references app_user (id),
    proposed_at timestamptz not null default now(),
    mutation_id uuid not null,
    status text not null default 'open' check (status in ('open', 'resolved')),
    resolved_by uuid references app_user (id),
    resolved_at timestamptz,
    resolution text
  )`,
  `create index conflict_space_status on conflict (space_id, status)`,
  `create index conflict_record on conflict (record_type, record_id)`,
];
