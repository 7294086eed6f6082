import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.js';
import type { Executor } from '../../src/db/schema.js';
import { rebuild } from '../../src/modules/statistics/indicators.service.js';
import type { Session } from './client.js';

// What must hold of a database after the process writing it was killed, whatever it was doing:
// the engine's own checks, no half-written record (a row without the rows written in the same
// transaction), the statistics kept in step equal to a recount, and an audit trail that verifies.

/** Each orphan query counts rows that a committed transaction never leaves alone. */
const orphanQueries: Record<string, string> = {
  'case agency of no case': `SELECT count(*) AS n FROM case_agencies a WHERE NOT EXISTS
     (SELECT 1 FROM cases c WHERE c.id = a.case_id)`,
  'case person of no case or person': `SELECT count(*) AS n FROM case_persons p
     WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)
        OR NOT EXISTS (SELECT 1 FROM persons q WHERE q.id = p.person_id)`,
  'person in no case': `SELECT count(*) AS n FROM persons q WHERE NOT EXISTS
     (SELECT 1 FROM case_persons p WHERE p.person_id = q.id)`,
  'consent of no case person': `SELECT count(*) AS n FROM consents x WHERE NOT EXISTS
     (SELECT 1 FROM case_persons p WHERE p.id = x.case_person_id)`,
  'record with a version below 1': `SELECT (SELECT count(*) FROM cases WHERE version < 1)
     + (SELECT count(*) FROM persons WHERE version < 1) AS n`,
  'case without its creation in the audit trail': `SELECT count(*) AS n FROM cases c WHERE NOT EXISTS
     (SELECT 1 FROM audit_log l WHERE l.action = 'case.created' AND l.entity_id = c.id)`,
  'case creation audited for no case': `SELECT count(*) AS n FROM audit_log l
     WHERE l.action = 'case.created' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = l.entity_id)`,
  'statistics facts of no case': `SELECT count(*) AS n FROM stat_facts f WHERE f.case_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = f.case_id)`,
  'imported rows of no dataset': `SELECT count(*) AS n FROM stat_import_rows r WHERE NOT EXISTS
     (SELECT 1 FROM stat_datasets d WHERE d.name = r.dataset)`,
  'dataset whose row count differs from its rows': `SELECT count(*) AS n FROM stat_datasets d
     WHERE d.rows <> (SELECT count(*) FROM stat_import_rows r WHERE r.dataset = d.name)`,
  'dataset without its import in the audit trail': `SELECT count(*) AS n FROM stat_datasets d WHERE NOT EXISTS
     (SELECT 1 FROM audit_log l WHERE l.action = 'statistics.dataset_imported' AND l.entity_id = d.name)`,
  'dataset import audited for no dataset': `SELECT count(*) AS n FROM audit_log l
     WHERE l.action = 'statistics.dataset_imported'
       AND NOT EXISTS (SELECT 1 FROM stat_datasets d WHERE d.name = l.entity_id)`,
};

/** SQLite's own checks of the file: pages, indexes and foreign keys. */
function sqliteChecks(file: string): string[] {
  const db = new SqliteDatabase(file);
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    return [
      ...integrity
        .filter((r) => r.integrity_check !== 'ok')
        .map((r) => `integrity_check: ${r.integrity_check}`),
      ...(foreignKeys.length > 0 ? [`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`] : []),
    ];
  } finally {
    db.close();
  }
}

/** PostgreSQL enforces its constraints; this finds any left unvalidated (e.g. added NOT VALID). */
async function postgresChecks(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT conname AS name FROM pg_constraint
    WHERE NOT convalidated AND connamespace = 'public'::regnamespace`.execute(db);
  return rows.map((r) => `constraint not validated: ${r.name}`);
}

class RolledBack extends Error {}

/** The statistics cubes and facts as kept, against a recount from the records (rolled back). */
async function statisticsRecount(db: Executor): Promise<string[]> {
  const snapshot = async (tx: Executor) => {
    const cells = await tx
      .selectFrom('stat_cells')
      .select(['kind', 'cube', 'source', 'period', 'key', 'count', 'sum'])
      .execute();
    const facts = await tx.selectFrom('stat_facts').select(['kind', 'record_id', 'fact']).execute();
    return {
      cells: cells
        .map((c) => `${c.kind}|${c.cube}|${c.source}|${c.period}|${c.key}|${c.count}|${c.sum}`)
        .sort(),
      facts: facts.map((f) => `${f.kind}|${f.record_id}|${f.fact}`).sort(),
    };
  };
  const problems: string[] = [];
  try {
    await db.transaction().execute(async (tx) => {
      const kept = await snapshot(tx);
      await rebuild(tx);
      const recounted = await snapshot(tx);
      for (const part of ['cells', 'facts'] as const) {
        const a = new Set(kept[part]);
        const b = new Set(recounted[part]);
        const differ = [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
        if (differ > 0) problems.push(`statistics ${part}: ${differ} differ from a recount`);
      }
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return problems;
}

/** Every check on a database no process is writing; an empty list when all hold. */
export async function databaseProblems(target: DatabaseTarget): Promise<string[]> {
  const problems = target.kind === 'sqlite' ? sqliteChecks(target.file) : [];
  const database = openDatabase(target);
  try {
    if (target.kind === 'postgres') problems.push(...(await postgresChecks(database.db)));
    for (const [what, query] of Object.entries(orphanQueries)) {
      const { rows } = await sql<{ n: number | string }>`${sql.raw(query)}`.execute(database.db);
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) problems.push(`${what}: ${n}`);
    }
    problems.push(...(await statisticsRecount(database.db)));
  } finally {
    await database.close();
  }
  return problems;
}

/** The audit trail verified by the server's own verifier (an auditor's GET /api/v1/audit/verification). */
export async function auditProblems(auditor: Session): Promise<{ problems: string[]; entries: number }> {
  const reply = await auditor.send('GET', '/api/v1/audit/verification');
  const result = (reply.json ?? {}) as { ok?: boolean; entries?: number };
  const entries = result.entries ?? 0;
  if (reply.status === 200 && result.ok === true) return { problems: [], entries };
  return {
    problems: [`audit verification answered ${reply.status}: ${JSON.stringify(reply.json)}`],
    entries,
  };
}
