import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type KyselyConfig, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { twoPoolDialect } from './postgres-pools.js';
import { cachingStatements, statementNames } from './statement-cache.js';
import type { DatabaseKind, DB } from './schema.js';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PostgreSQL: makes every connection forget its named statements (parsed before a schema change). */
  forgetStatements?: () => void;
};

export type DatabaseOptions = {
  /** Called with every statement run: tests record the statements of a request (and explain them). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
};

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Database {
  const { onQuery } = options;
  const log: Pick<KyselyConfig, 'log'> = onQuery
    ? {
        log: (event) => {
          if (event.level === 'query') onQuery(event.query.sql, event.query.parameters);
        },
      }
    : {};
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') createPrivately(target.file);
    const sqlite = new SqliteDatabase(target.file);
    // WAL lets readers proceed while one writer commits; foreign keys are off by default in SQLite.
    sqlite.pragma('journal_mode = WAL');
    // SQLite gives the -wal and -shm files the database file's mode; older files are tightened.
    if (target.file !== ':memory:')
      for (const file of [`${target.file}-wal`, `${target.file}-shm`])
        if (existsSync(file)) chmodSync(file, 0o600);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const database = cachingStatements(sqlite);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), ...log });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const names = statementNames();
  const db = new Kysely<DB>({ dialect: twoPoolDialect(target.url, names), ...log });
  return { db, kind: 'postgres', close: () => db.destroy(), forgetStatements: names.forget };
}

/**
 * The database holds staff accounts and encrypted identities: its directory is created
 * 0700 and the file 0600 before SQLite opens it (SQLite would create it 0644). An existing
 * directory keeps its mode (it may be shared on purpose); an existing file is tightened.
 */
function createPrivately(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

export class MigrationError extends Error {
  constructor(name: string, cause: unknown) {
    super(`Migration ${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/** Brings the schema to the latest version; returns the names of the migrations applied now. */
export async function migrate(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.kind) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  // A statement named before the schema changed may no longer describe its result.
  if (results?.some((r) => r.status === 'Success')) database.forgetStatements?.();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(failed, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * What may be said of a database error without repeating its data: the driver's code, the
 * constraint, table and columns — never the message or detail, which quote the values
 * (an e-mail address, a name) that broke the rule.
 */
export type DatabaseFailure = {
  code: string;
  constraint: string | null;
  table: string | null;
  /** For a unique violation: the columns of the key that was taken. */
  unique: { columns: string[] } | null;
};

export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  if (error instanceof pg.DatabaseError && error.code) {
    const columns = /^Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1]?.split(', ') ?? [];
    return {
      code: error.code,
      constraint: error.constraint ?? null,
      table: error.table ?? null,
      unique: error.code === '23505' ? { columns } : null,
    };
  }
  if (error instanceof SqliteDatabase.SqliteError) {
    const unique = error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    // "UNIQUE constraint failed: users.email" names table and columns, never values.
    const qualified = unique ? (/constraint failed: (.+)$/.exec(error.message)?.[1]?.split(', ') ?? []) : [];
    return {
      code: error.code,
      constraint: null,
      table: qualified[0]?.split('.')[0] ?? null,
      unique: unique ? { columns: qualified.map((c) => c.split('.').pop() ?? c) } : null,
    };
  }
  return null;
}
