import { sql } from 'kysely';
import { reusableByShape } from '../../db/reusable.js';
import type { Executor, StatDatasetTable } from '../../db/schema.js';
import { auditRepo } from '../audit/audit.repo.js';
import type { CellRow, Fact } from './indicators.js';
import type { RecordKind } from './statistics.schemas.js';

// SQL of the indicator engine: the cubes (stat_cells), the facts they were built from
// (stat_facts), imported datasets and the engine's state. Same statements on SQLite and
// PostgreSQL; batches stay under SQLite's bound-parameter limit.

const CELL_BATCH = 500;
const ROW_BATCH = 1000;
const IMPORT_BATCH = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type CellFilter = {
  kind: RecordKind;
  cube: string;
  source?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** How `cellsOfCubes` names a cube of a kind. */
export const cubeKey = (kind: string, cube: string) => `${kind}/${cube}`;

/** stat_state's key of the aggregates' version (its row is inserted by migration 0019). */
const AGGREGATES_VERSION = 'aggregates_version';

// Read on every dashboard request: built once (src/db/reusable.ts).
const readVersions = reusableByShape((db: Executor, _args: Record<string, never>) =>
  db
    .selectFrom('stat_state')
    .select(['key', 'value'])
    .where('key', 'in', ['engine_version', AGGREGATES_VERSION]),
);

export const indicatorsRepo = {
  /**
   * The writers' lock, taken by every writer of the aggregates before it reads them for a
   * change or writes them (statisticsSync, rebuild, an import's apply). Cells are
   * shared by every write (one case's cells are other cases' too), and every write ends by
   * appending to the audit trail under that lock. Some writes updated cells before auditing and
   * others after, and on PostgreSQL two such writes deadlocked (found by the crash test); taken
   * first, the lock puts every writer in one order, and concurrent changes of one case's facts
   * in sequence. Re-entrant within a transaction; SQLite has one writer anyway.
   */
  lockForWrite: (db: Executor): Promise<void> => auditRepo.lockTail(db),

  /** Adds the deltas to the cells (creating them), then drops cells that fell to nothing. */
  async applyDeltas(db: Executor, rows: readonly CellRow[]): Promise<void> {
    if (rows.length === 0) return;
    for (const batch of chunks(rows, CELL_BATCH)) {
      await db
        .insertInto('stat_cells')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['kind', 'cube', 'source', 'period', 'key']).doUpdateSet({
            count: sql`stat_cells.count + excluded.count`,
            sum: sql`stat_cells.sum + excluded.sum`,
          }),
        )
        .execute();
    }
    if (rows.some((r) => r.count < 0))
      await db.deleteFrom('stat_cells').where('count', '=', 0).where('sum', '=', 0).execute();
  },

  /** Plain inserts into empty cubes (a rebuild): faster than upserts. */
  async insertCells(db: Executor, rows: readonly CellRow[]): Promise<void> {
    for (const batch of chunks(rows, CELL_BATCH)) await db.insertInto('stat_cells').values(batch).execute();
  },

  async cells(db: Executor, f: CellFilter) {
    let q = db
      .selectFrom('stat_cells')
      .select(['period', 'key', 'count', 'sum'])
      .where('kind', '=', f.kind)
      .where('cube', '=', f.cube);
    if (f.source !== undefined) q = q.where('source', '=', f.source);
    if (f.from !== undefined) q = q.where('period', '>=', f.from);
    if (f.to !== undefined) q = q.where('period', '<=', f.to);
    return q.execute();
  },

  /**
   * The cells of several cubes with the same bounds, in one statement (the dashboard's ~55
   * cubes), by `cubeKey`. Cubes not asked for that the statement also meets are left out.
   */
  async cellsOfCubes(db: Executor, filters: readonly CellFilter[]) {
    const [first] = filters;
    const read = new Map<string, { period: string; key: string; count: number; sum: number }[]>();
    if (!first) return read;
    if (filters.some((f) => f.source !== first.source || f.from !== first.from || f.to !== first.to))
      throw new Error('cellsOfCubes: the cubes must share their bounds');
    for (const f of filters) read.set(cubeKey(f.kind, f.cube), []);
    let q = db
      .selectFrom('stat_cells')
      .select(['kind', 'cube', 'period', 'key', 'count', 'sum'])
      .where('kind', 'in', [...new Set(filters.map((f) => f.kind))])
      .where('cube', 'in', [...new Set(filters.map((f) => f.cube))]);
    if (first.source !== undefined) q = q.where('source', '=', first.source);
    if (first.from !== undefined) q = q.where('period', '>=', first.from);
    if (first.to !== undefined) q = q.where('period', '<=', first.to);
    for (const { kind, cube, ...cell } of await q.execute()) read.get(cubeKey(kind, cube))?.push(cell);
    return read;
  },

  async sources(db: Executor): Promise<string[]> {
    const rows = await db.selectFrom('stat_cells').select('source').distinct().orderBy('source').execute();
    return rows.map((r) => r.source);
  },

  async factsOfCases(db: Executor, caseIds: readonly string[]): Promise<Fact[]> {
    const facts: Fact[] = [];
    for (const batch of chunks(caseIds, ROW_BATCH)) {
      const rows = await db.selectFrom('stat_facts').select('fact').where('case_id', 'in', batch).execute();
      for (const r of rows) facts.push(JSON.parse(r.fact) as Fact);
    }
    return facts;
  },

  async replaceFactsOfCases(db: Executor, caseIds: readonly string[], facts: readonly Fact[]): Promise<void> {
    for (const batch of chunks(caseIds, ROW_BATCH))
      await db.deleteFrom('stat_facts').where('case_id', 'in', batch).execute();
    await indicatorsRepo.insertFacts(db, facts);
  },

  async insertFacts(db: Executor, facts: readonly Fact[]): Promise<void> {
    for (const batch of chunks(facts, ROW_BATCH))
      await db
        .insertInto('stat_facts')
        .values(
          batch.map((f) => ({
            kind: f.kind,
            record_id: f.recordId,
            case_id: f.caseId,
            fact: JSON.stringify(f),
          })),
        )
        .execute();
  },

  /** Every stored fact of a kind (the month × two-breakdowns questions scan these). */
  async factsOfKind(db: Executor, kind: RecordKind): Promise<Fact[]> {
    const rows = await db.selectFrom('stat_facts').select('fact').where('kind', '=', kind).execute();
    return rows.map((r) => JSON.parse(r.fact) as Fact);
  },

  async clear(db: Executor): Promise<void> {
    await db.deleteFrom('stat_cells').execute();
    await db.deleteFrom('stat_facts').execute();
  },

  async engineVersion(db: Executor, lock: boolean): Promise<string | null> {
    let q = db.selectFrom('stat_state').select('value').where('key', '=', 'engine_version');
    if (lock && isPostgres(db)) q = q.forUpdate();
    return (await q.executeTakeFirst())?.value ?? null;
  },

  async setEngineVersion(db: Executor, version: string): Promise<void> {
    await db.updateTable('stat_state').set({ value: version }).where('key', '=', 'engine_version').execute();
  },

  /** The engine version and the aggregates' version, in one read. */
  async versions(db: Executor): Promise<{ engine: string | null; aggregates: string | null }> {
    const rows = await readVersions(db, {});
    const of = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
    return { engine: of('engine_version'), aggregates: of(AGGREGATES_VERSION) };
  },

  /** Gives the aggregates a new version (the caller's transaction: the one that changes them). */
  async setAggregatesVersion(db: Executor, version: string): Promise<void> {
    await db
      .insertInto('stat_state')
      .values({ key: AGGREGATES_VERSION, value: version })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
  },

  // --- imported datasets -------------------------------------------------------------------

  async datasetBySha(db: Executor, sha256: string) {
    return db.selectFrom('stat_datasets').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  },

  async datasetByName(db: Executor, name: string) {
    return db.selectFrom('stat_datasets').selectAll().where('name', '=', name).executeTakeFirst();
  },

  async datasets(db: Executor) {
    return db.selectFrom('stat_datasets').selectAll().orderBy('imported_at').orderBy('name').execute();
  },

  async insertDataset(db: Executor, row: StatDatasetTable): Promise<void> {
    await db.insertInto('stat_datasets').values(row).execute();
  },

  async setDatasetRows(db: Executor, name: string, rows: number): Promise<void> {
    await db.updateTable('stat_datasets').set({ rows }).where('name', '=', name).execute();
  },

  /**
   * Imported rows numbered `first`, `first + 1`, …: one statement per batch whose text never
   * changes (the rows travel as one JSON array), so it is parsed once, not built per batch; the
   * per-row multi-value insert cost a profiled 18 µs a row (README, "Benchmarks").
   */
  async insertImportRows(
    db: Executor,
    dataset: string,
    first: number,
    data: readonly string[],
  ): Promise<void> {
    for (let i = 0; i < data.length; i += IMPORT_BATCH) {
      const rows = JSON.stringify(data.slice(i, i + IMPORT_BATCH));
      const from = first + i;
      await (
        isPostgres(db)
          ? sql`insert into stat_import_rows (dataset, row_no, data)
              select ${dataset}, ${from}::integer + r.n::integer - 1, r.value
              from jsonb_array_elements_text(${rows}::jsonb) with ordinality as r(value, n)`
          : sql`insert into stat_import_rows (dataset, row_no, data)
              select ${dataset}, ${from} + r.key, r.value from json_each(${rows}) as r`
      ).execute(db);
    }
  },

  /** Imported rows in file order, a page at a time (exports and rebuilds stream them). */
  async importRowsPage(db: Executor, dataset: string | null, after: { dataset: string; row: number } | null) {
    let q = db
      .selectFrom('stat_import_rows')
      .select(['dataset', 'row_no', 'data'])
      .orderBy('dataset')
      .orderBy('row_no')
      .limit(5000);
    if (dataset !== null) q = q.where('dataset', '=', dataset);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('dataset', '>', after.dataset),
          eb.and([eb('dataset', '=', after.dataset), eb('row_no', '>', after.row)]),
        ]),
      );
    return q.execute();
  },
};

function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
