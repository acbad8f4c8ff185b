// Row types of the tables, as Kysely sees them. jsonb columns are written as JSON text (see `json()`)
// so pg and PGlite serialise them alike; int8 columns are strings on both drivers.
import type { ColumnType, Generated } from 'kysely';
import type { FieldVersions } from '../../schema/merge.ts';

type Json<T = unknown> = ColumnType<T, string, string>;
// Kysely cannot unwrap a ColumnType inside a union or inside Generated, so each variant is spelled out.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
/** An author column the server may leave null (migration 006); see `record_history`. */
type ServerAuthor = ColumnType<string, string | null, string | null>;
type Int8Default = ColumnType<string, string | number | bigint | undefined, string | number | bigint>;

export interface Database {
  app_setting: { key: string; value: string };
  sync_clock: { id: number; seq: Int8 };
  space: { id: string; name: string; retention_days: Generated<number>; created_at: Timestamp };
  app_user: {
    id: string;
    login: string | null;
    name: string;
    role: 'coordinator' | 'volunteer';
    password_hash: string | null;
    space_id: string | null;
    created_at: Timestamp;
    created_by: string | null;
  };
  membership: { user_id: string; space_id: string; created_at: Timestamp };
  device: {
    id: string;
    user_id: string;
    space_id: string | null;
    label: string;
    refresh_hash: string;
    created_at: Timestamp;
    last_seen_at: TimestampNull;
    revoked_at: TimestampNull;
    revoked_by: string | null;
    revoked_reason: string | null;
    last_mutation_seq: Int8Default;
    needs_reset: Generated<boolean>;
    /** Held changes this device handed over after its revocation, and their size: its quarantine quota. */
    quarantined_count: Generated<number>;
    quarantined_bytes: Int8Default;
    /** When the revoked device confirmed it erased itself (`POST /v1/devices/self/wiped`). */
    wiped_at: TimestampNull;
  };
  enrolment_code: {
    code_hash: string;
    user_id: string;
    space_id: string;
    created_by: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    used_at: TimestampNull;
    used_by_device: string | null;
  };
  record: {
    type: string;
    id: string;
    /** null: an organisation-wide record (migration 004). */
    space_id: string | null;
    version: number;
    seq: Int8;
    data: Json<Record<string, unknown>>;
    deleted: Generated<boolean>;
    field_versions: Json<FieldVersions>;
    /** null: written by the server itself (migration 006). */
    created_by_device: string | null;
    updated_by_device: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  record_history: {
    type: string;
    id: string;
    version: number;
    seq: Int8;
    /** null: an organisation-wide record (migration 004). */
    space_id: string | null;
    data: Json<Record<string, unknown>>;
    deleted: boolean;
    reason: string | null;
    /**
     * null: written by the server itself (migration 006). Read as an id: every reader of authors either joins
     * the device and user (an inner join leaves the server's versions out) or compares with a device's id,
     * which a null never equals in SQL, so a server-written version is never "changed by another device".
     */
    changed_by_device: ServerAuthor;
    changed_by_user: ServerAuthor;
    mutation_id: string | null;
    changed_at: Timestamp;
  };
  mutation_log: {
    device_id: string;
    mutation_seq: Int8;
    mutation_id: string;
    name: string;
    args: Json;
    result: MutationResult;
    reason: string | null;
    conflict_ids: Json<string[]>;
    received_at: Timestamp;
  };
  conflict: {
    id: string;
    kind: ConflictKind;
    record_type: string;
    record_id: string;
    /** null: an organisation-wide record (migration 004). */
    space_id: string | null;
    field: string | null;
    kept_value: Json | null;
    kept_device: string | null;
    kept_user: string | null;
    kept_at: TimestampNull;
    kept_version: number;
    proposed_value: Json | null;
    proposed_device: string;
    proposed_user: string;
    proposed_at: Timestamp;
    mutation_id: string;
    status: Generated<'open' | 'resolved'>;
    resolved_by: string | null;
    resolved_at: TimestampNull;
    resolution: string | null;
  };
  /** Fixed-window counters of rate limits and lockouts (server/db/limits.ts); keys are hashes. */
  rate_limit: { bucket: string; key: string; window_start: Timestamp; count: Int8 };
  quarantine_decision: {
    device_id: string;
    mutation_seq: Int8;
    mutation_id: string;
    decision: 'accepted' | 'discarded';
    reason: string | null;
    result: MutationResult | null;
    result_reason: string | null;
    conflict_ids: ColumnType<string[], string | undefined, string>;
    decided_by_user: string;
    decided_by_device: string;
    decided_at: Timestamp;
  };
}

export type MutationResult = 'applied' | 'duplicate' | 'conflict' | 'rejected' | 'quarantined';
export type ConflictKind = 'field' | 'delete_vs_update' | 'update_vs_delete';
/** Who last changed each field and at which record version; drives field-level conflict detection (schema/merge.ts). */
export type { FieldVersions };

/** jsonb parameters travel as JSON text so both drivers treat them the same way. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}
