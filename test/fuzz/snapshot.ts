import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

export type Snapshot = Record<string, number>;

/**
 * Row counts of every table, the sum of every `version` column (so an update shows), and the
 * audit head, read in one query: what must not move when a request or an import is refused.
 */
export async function snapshotOf(database: Database): Promise<() => Promise<Snapshot>> {
  const tables = await database.db.introspection.getTables();
  const parts = tables
    .filter((table) => !table.name.startsWith('schema_migrations'))
    .flatMap((table) => {
      const name = `"${table.name}"`;
      const rows = [`select '${table.name}' as t, cast(count(*) as integer) as n from ${name}`];
      if (table.columns.some((c) => c.name === 'version'))
        rows.push(`select '${table.name}.version', cast(coalesce(sum(version), 0) as integer) from ${name}`);
      return rows;
    });
  parts.push(`select 'audit_log.head', cast(coalesce(max(seq), 0) as integer) from audit_log`);
  const query = sql.raw<{ t: string; n: number }>(parts.join(' union all '));
  return async () => {
    const result = await query.execute(database.db);
    return Object.fromEntries(result.rows.map((row) => [row.t, Number(row.n)]));
  };
}

/**
 * A value that moves whenever a row of the database changes. SQLite: the rows this connection
 * changed, committed or rolled back (`total_changes()`; the app under test shares the
 * connection), and the commits of other connections (`data_version`: a CLI command's).
 * PostgreSQL: the next transaction id, taken by every transaction that writes or tries to
 * (read-only ones take none) — in the whole cluster, so other test files' writes move it too,
 * which only costs a snapshot, never a missed change.
 */
function changeCounterOf(database: Database): () => Promise<string> {
  const query =
    database.kind === 'sqlite'
      ? sql<{
          n: string;
        }>`select total_changes() || ':' || (select data_version from pragma_data_version) as n`
      : sql<{ n: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as n`;
  return async () => (await query.execute(database.db)).rows[0]!.n;
}

export type ChangeWatch = {
  /** Ahead of a request or command: notes where the database stands. */
  before(): Promise<void>;
  /** After it: null when no row can have changed since `before`, else the snapshots to compare. */
  after(): Promise<{ before: Snapshot; after: Snapshot } | null>;
};

/**
 * What a fuzzer checks after each request, made cheap: the whole snapshot (a count of every
 * table) is read only when the change counter moved — after a write that succeeded, or a
 * refusal that wrote something, kept it or not — and most hostile requests are refused before
 * they write anything, which one small query then proves. The snapshot of the state before a
 * request is the one read after the last change, taken again if the counter moved in between.
 */
export async function watchChanges(database: Database): Promise<ChangeWatch> {
  const snapshot = await snapshotOf(database);
  const counter = changeCounterOf(database);
  // The counter is read before the snapshot: a change between the two moves it again, so the
  // next look takes a new snapshot rather than trusting an older one.
  let standsAt = await counter();
  let stands = await snapshot();
  let mark = standsAt;
  return {
    async before() {
      mark = await counter();
      if (mark !== standsAt) {
        standsAt = mark;
        stands = await snapshot();
      }
    },
    async after() {
      const now = await counter();
      if (now === mark) return null;
      const before = stands;
      standsAt = now;
      stands = await snapshot();
      return { before, after: stands };
    },
  };
}
