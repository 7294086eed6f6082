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
