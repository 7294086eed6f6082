import {
  createReadStream,
  createWriteStream,
  existsSync,
  renameSync,
  rmSync,
  statSync,
  chmodSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import SqliteDatabase from 'better-sqlite3';
import { Migrator, sql, type Kysely } from 'kysely';
import { GuiaError, invalid } from '../core/errors.js';
import { openFromFile, sealToFile } from '../crypto/backup-envelope.js';
import { openDatabase, type DatabaseTarget } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import type { DB } from '../db/schema.js';
import { packageVersion } from '../package-root.js';

// Online backup and restore (issue 11). A backup is the database as of one moment, sealed with a
// passphrase (src/crypto/backup-envelope.ts), led by a manifest that says what it holds so that
// a restore can prove it got all of it:
// - SQLite: the database file copied by SQLite's online backup API, which pages a consistent
//   copy while the server goes on writing;
// - PostgreSQL: every table read in one repeatable-read, read-only transaction (one snapshot,
//   as pg_dump takes), written as JSON lines. Guia reads it itself because pg_dump must be at
//   least the server's major version, which an operator's machine often is not.
// The data key is never in a backup: it is kept apart (README), and a restore proves it.

/** Tables that describe the migration run, not the data: recreated by migrating. */
const bookkeeping = new Set(['schema_migrations', 'schema_migrations_lock']);

export type BackupManifest = {
  format: 1;
  createdAt: string;
  guiaVersion: string;
  database: 'sqlite' | 'postgres';
  /** The last migration the backed-up database had run. */
  schemaVersion: string;
  rowCounts: Record<string, number>;
  /** The newest audit entry, so that a restore can show the trail reaches it. */
  auditHead: { seq: number; hash: string } | null;
};

type Counted = Pick<BackupManifest, 'schemaVersion' | 'rowCounts' | 'auditHead'>;

async function tablesOf(db: Kysely<DB>, kind: DatabaseTarget['kind']): Promise<string[]> {
  const rows =
    kind === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(
          db,
        );
  return rows.rows.map((row) => row.name).filter((name) => !bookkeeping.has(name));
}

async function describe(db: Kysely<DB>, kind: DatabaseTarget['kind']): Promise<Counted> {
  const rowCounts: Record<string, number> = {};
  for (const table of await tablesOf(db, kind)) {
    const { rows } = await sql<{
      n: number;
    }>`select cast(count(*) as integer) as n from ${sql.table(table)}`.execute(db);
    rowCounts[table] = Number(rows[0]?.n ?? 0);
  }
  const version = await sql<{ name: string | null }>`select max(name) as name from schema_migrations`.execute(
    db,
  );
  const head = await sql<{
    seq: number;
    hash: string;
  }>`select seq, hash from audit_log order by seq desc limit 1`.execute(db);
  const top = head.rows[0];
  return {
    schemaVersion: version.rows[0]?.name ?? '',
    rowCounts,
    auditHead: top ? { seq: Number(top.seq), hash: top.hash } : null,
  };
}

function manifestOf(kind: DatabaseTarget['kind'], counted: Counted, now: Date): BackupManifest {
  return { format: 1, createdAt: now.toISOString(), guiaVersion: packageVersion, database: kind, ...counted };
}

/** JSON has no bytes: binary values travel as base64 and come back as bytes. */
const encodeValue = (value: unknown) => (Buffer.isBuffer(value) ? { $b64: value.toString('base64') } : value);
const decodeValue = (value: unknown) =>
  value && typeof value === 'object' && '$b64' in value ? Buffer.from(String(value.$b64), 'base64') : value;

const pageSize = 5000;

/** Writes every row of the snapshot as a JSON line `{"t": table, "r": row}` into `file`. */
async function dumpPostgres(url: string, file: string): Promise<Counted> {
  const database = openDatabase({ kind: 'postgres', url });
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    return await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        for (const table of await tablesOf(tx, 'postgres')) {
          const columns = await sql<{
            n: number;
          }>`select count(*)::int as n from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
            tx,
          );
          // Ordered by every column, so that pages of one snapshot neither skip nor repeat a row.
          const order = sql.raw(
            Array.from({ length: Number(columns.rows[0]?.n ?? 1) }, (_, i) => i + 1).join(', '),
          );
          for (let offset = 0; ; offset += pageSize) {
            const page = await sql<
              Record<string, unknown>
            >`select * from ${sql.table(table)} order by ${order} limit ${pageSize} offset ${offset}`.execute(
              tx,
            );
            for (const row of page.rows) {
              const encoded = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encodeValue(v)]));
              if (!out.write(`${JSON.stringify({ t: table, r: encoded })}\n`))
                await new Promise<void>((resolve) => out.once('drain', () => resolve()));
            }
            if (page.rows.length < pageSize) break;
          }
        }
        return describe(tx, 'postgres');
      });
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
    await database.close();
  }
}

/** Backs up the database at `target` into `file`, sealed with `passphrase`. */
export async function createBackup(
  target: DatabaseTarget,
  file: string,
  passphrase: string,
  now = new Date(),
): Promise<BackupManifest> {
  if (existsSync(file)) throw invalid('file', 'file_exists');
  const work = await mkdtemp(path.join(os.tmpdir(), 'guia-backup-'));
  try {
    const payload = path.join(work, 'payload');
    let counted: Counted;
    if (target.kind === 'sqlite') {
      if (!existsSync(target.file)) throw invalid('database', 'database_missing');
      const live = new SqliteDatabase(target.file, { readonly: true, fileMustExist: true });
      try {
        await live.backup(payload);
      } finally {
        live.close();
      }
      counted = await withSqlite(payload, (db) => describe(db, 'sqlite'));
    } else {
      counted = await dumpPostgres(target.url, payload);
    }
    const manifest = manifestOf(target.kind, counted, now);
    const source = Readable.from(
      (async function* () {
        yield Buffer.from(`${JSON.stringify(manifest)}\n`);
        yield* createReadStream(payload);
      })(),
    );
    await sealToFile(source, file, passphrase);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function withSqlite<T>(file: string, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = openDatabase({ kind: 'sqlite', file });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Splits the opened plaintext into its manifest (the first line) and the payload, written to a file. */
class ManifestSplitter extends Writable {
  private head: Buffer[] = [];
  private out: ReturnType<typeof createWriteStream> | null = null;
  manifest: unknown = null;

  constructor(private readonly payloadFile: string) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.out) {
      this.out.write(chunk, done);
      return;
    }
    const newline = chunk.indexOf(0x0a);
    if (newline < 0) {
      this.head.push(chunk);
      if (this.head.reduce((n, part) => n + part.length, 0) > 1 << 20) done(invalid('file', 'not_a_backup'));
      else done();
      return;
    }
    try {
      this.manifest = JSON.parse(Buffer.concat([...this.head, chunk.subarray(0, newline)]).toString('utf8'));
    } catch {
      done(invalid('file', 'not_a_backup'));
      return;
    }
    this.out = createWriteStream(this.payloadFile, { mode: 0o600 });
    this.out.write(chunk.subarray(newline + 1), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.out) done(invalid('file', 'not_a_backup'));
    else this.out.end(done);
  }
}

function checkManifest(value: unknown): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (
    !m ||
    m.format !== 1 ||
    (m.database !== 'sqlite' && m.database !== 'postgres') ||
    typeof m.schemaVersion !== 'string' ||
    typeof m.rowCounts !== 'object'
  )
    throw invalid('file', 'not_a_backup');
  return m as BackupManifest;
}

/** Opens a backup into `work`: its manifest, and the path of its authenticated payload. */
async function openBackup(file: string, passphrase: string, work: string) {
  const payload = path.join(work, 'payload');
  const splitter = new ManifestSplitter(payload);
  await openFromFile(file, passphrase, splitter);
  return { manifest: checkManifest(splitter.manifest), payload };
}

function assertCounts(manifest: BackupManifest, found: Record<string, number>): void {
  for (const [table, expected] of Object.entries(manifest.rowCounts)) {
    if ((found[table] ?? -1) !== expected)
      throw new GuiaError('backup.incomplete', { table, expected, found: found[table] ?? 0 });
  }
}

async function countLines(payload: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const line of createInterface({ input: createReadStream(payload), crlfDelay: Infinity })) {
    if (!line) continue;
    const table = (JSON.parse(line) as { t: string }).t;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
}

/** Proves a backup opens with the passphrase, is whole, and (SQLite) passes SQLite's integrity check. */
export async function verifyBackup(file: string, passphrase: string): Promise<BackupManifest> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'guia-verify-'));
  try {
    const { manifest, payload } = await openBackup(file, passphrase, work);
    if (manifest.database === 'sqlite') {
      await withSqlite(payload, async (db) => {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
        if (check.rows[0]?.integrity_check !== 'ok') throw new GuiaError('backup.corrupt', {});
        assertCounts(manifest, (await describe(db, 'sqlite')).rowCounts);
      });
    } else {
      const counts = await countLines(payload);
      for (const table of Object.keys(manifest.rowCounts)) counts[table] ??= 0;
      assertCounts(manifest, counts);
    }
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Tables in an order where each comes after the tables its foreign keys point to. */
async function dependencyOrder(db: Kysely<DB>, tables: string[]): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select distinct tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const edge of rows) if (edge.child === table && edge.parent !== table) visit(edge.parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered.filter((table) => tables.includes(table));
}

async function loadPostgres(url: string, manifest: BackupManifest, payload: string): Promise<void> {
  const database = openDatabase({ kind: 'postgres', url });
  try {
    if ((await tablesOf(database.db, 'postgres')).length > 0) throw invalid('database', 'not_empty');
    // The schema as it was when the backup was taken; newer migrations run after the data is in.
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations('postgres') },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const known = Object.keys(migrations('postgres'));
    if (!known.includes(manifest.schemaVersion)) throw invalid('file', 'newer_schema');
    const { error } = await migrator.migrateTo(manifest.schemaVersion);
    if (error) throw error;
    await database.db.transaction().execute(async (tx) => {
      const order = await dependencyOrder(tx, await tablesOf(tx, 'postgres'));
      // Migrations seed reference rows (roles, permissions): the backup's own rows replace them.
      for (const table of [...order].reverse()) await sql`delete from ${sql.table(table)}`.execute(tx);
      const rowsByTable = new Map<string, Record<string, unknown>[]>();
      for await (const line of createInterface({ input: createReadStream(payload), crlfDelay: Infinity })) {
        if (!line) continue;
        const { t, r } = JSON.parse(line) as { t: string; r: Record<string, unknown> };
        if (!order.includes(t)) throw invalid('file', 'unknown_table', { table: t });
        const row = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, decodeValue(v)]));
        rowsByTable.set(t, [...(rowsByTable.get(t) ?? []), row]);
      }
      for (const table of order) {
        const rows = rowsByTable.get(table) ?? [];
        for (let i = 0; i < rows.length; i += 500)
          await tx
            .insertInto(table as keyof DB)
            .values(rows.slice(i, i + 500) as never)
            .execute();
      }
    });
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into an empty database (a SQLite file that does not exist yet, or a
 * PostgreSQL database without tables); anything else is refused and left untouched. The caller
 * then opens the database as usual (migrating it to this version, proving the data key) and
 * checks it against the manifest with `checkRestored`.
 */
export async function restoreBackup(
  target: DatabaseTarget,
  file: string,
  passphrase: string,
): Promise<BackupManifest> {
  if (target.kind === 'sqlite' && existsSync(target.file) && statSync(target.file).size > 0)
    throw invalid('database', 'not_empty');
  const work = await mkdtemp(path.join(os.tmpdir(), 'guia-restore-'));
  try {
    const { manifest, payload } = await openBackup(file, passphrase, work);
    if (manifest.database !== target.kind)
      throw invalid('file', 'other_database', { database: manifest.database });
    if (target.kind === 'sqlite') {
      await withSqlite(payload, async (db) => {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
        if (check.rows[0]?.integrity_check !== 'ok') throw new GuiaError('backup.corrupt', {});
        assertCounts(manifest, (await describe(db, 'sqlite')).rowCounts);
      });
      // Into place only once whole and checked; an empty placeholder file is replaced.
      rmSync(target.file, { force: true });
      renameSync(payload, target.file);
      chmodSync(target.file, 0o600);
    } else {
      await loadPostgres(target.url, manifest, payload);
    }
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** After the restored database has been opened: every table holds what the backup said, and the trail reaches its head. */
export async function checkRestored(
  db: Kysely<DB>,
  kind: DatabaseTarget['kind'],
  manifest: BackupManifest,
): Promise<void> {
  const now = await describe(db, kind);
  assertCounts(manifest, now.rowCounts);
  if (
    manifest.auditHead &&
    now.auditHead?.hash !== manifest.auditHead.hash &&
    now.auditHead!.seq <= manifest.auditHead.seq
  )
    throw new GuiaError('backup.incomplete', {
      table: 'audit_log',
      expected: manifest.auditHead.seq,
      found: now.auditHead?.seq ?? 0,
    });
}
