import type { Kysely } from 'kysely';

// Row types of every table. Timestamps are ISO-8601 UTC strings and flags are 0/1 on
// both databases: one representation that round-trips identically through SQLite and
// PostgreSQL, which the audit hash chain depends on.

type Stamped = {
  id: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  version: number;
};

export type InstanceSettingTable = { key: string; value: string };

export type AgencyTable = Stamped & {
  code: string;
  name_en: string;
  name_zh_hant: string;
  name_pt: string;
  kind: string;
  active: number;
};

export type RoleTable = { id: string };

export type RolePermissionTable = { role_id: string; permission: string; scope: string };

export type UserTable = Stamped & {
  email: string;
  name: string;
  language: string;
  agency_id: string;
  active: number;
  password_hash: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  failed_sign_ins: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
};

export type UserRoleTable = { user_id: string; role_id: string };

export type RecoveryCodeTable = { id: string; user_id: string; code_hash: string; used_at: string | null };

export type SessionTable = {
  id: string;
  token_hash: string;
  user_id: string;
  /** What the holder must still do before the session is fully signed in. */
  stage: 'second_factor' | 'password_change' | 'two_factor_enrolment' | 'active';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

export type AuditLogTable = {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  actor_agency_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
};

export type DB = {
  instance_settings: InstanceSettingTable;
  agencies: AgencyTable;
  roles: RoleTable;
  role_permissions: RolePermissionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
};

/** The database handle or an open transaction: repositories take whichever the caller holds. */
export type Executor = Kysely<DB>;

export type DatabaseKind = 'sqlite' | 'postgres';
