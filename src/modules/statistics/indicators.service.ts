import { randomUUID } from 'node:crypto';
import { invalid } from '../../core/errors.js';
import { parsePeriodKey } from '../../core/periods.js';
import { victimOfStored, type ImportedVictim } from '../../core/statistics/ctdc.js';
import type { Executor } from '../../db/schema.js';
import { guiaFacts, importedFact, kindSpecs } from './indicator-sources.js';
import { indicatorSourcesRepo } from './indicator-sources.repo.js';
import {
  baseDimension,
  canonicalDims,
  CubeAccumulator,
  cubeId,
  derivedDimensions,
  hasCube,
  type CellRow,
  type Fact,
  type KindSpec,
} from './indicators.js';
import { cubeKey, indicatorsRepo as repo, type CellFilter } from './indicators.repo.js';
import type {
  Cell,
  Dimension,
  IndicatorQuery,
  IndicatorResult,
  RecordKind,
  StatPeriodKind,
} from './statistics.schemas.js';

/** Bump when what a fact holds or which cubes are kept changes: the cells are then rebuilt. */
export const ENGINE_VERSION = '1';

/** Accumulators per kind, created as facts of each kind arrive. */
class Deltas {
  private readonly byKind = new Map<RecordKind, CubeAccumulator>();
  add(fact: Fact, sign: 1 | -1): void {
    let acc = this.byKind.get(fact.kind);
    if (!acc) {
      const spec = kindSpecs.get(fact.kind);
      if (!spec) return;
      this.byKind.set(fact.kind, (acc = new CubeAccumulator(spec)));
    }
    acc.add(fact, sign);
  }
  rows(): CellRow[] {
    return [...this.byKind.values()].flatMap((acc) => acc.rows());
  }
}

/**
 * Every writer of the aggregates (the cubes, the facts they are counted from, the imported rows)
 * calls this first, in its transaction: it takes the writers' lock and gives the aggregates a new
 * version, which commits or rolls back with the change. Answers counted from the aggregates are
 * kept by that version (`cachedDashboards`), in this process or any other on the same database.
 */
export async function aggregatesChanging(tx: Executor): Promise<void> {
  await repo.lockForWrite(tx);
  await repo.setAggregatesVersion(tx, randomUUID());
}

/**
 * Keeping the cubes in step with the records, in the caller's transaction: the services of
 * cases and protection call these after each write. Each recomputes the facts of the cases
 * touched, and applies what changed (old facts subtracted, new ones added).
 */
export const statisticsSync = {
  async casesChanged(tx: Executor, caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return;
    // Before the facts are read: two writes of one case must not both subtract the same facts.
    await aggregatesChanging(tx);
    const before = await repo.factsOfCases(tx, caseIds);
    const after = await guiaFacts(tx, caseIds);
    const deltas = new Deltas();
    for (const f of before) deltas.add(f, -1);
    for (const f of after) deltas.add(f, 1);
    await repo.applyDeltas(tx, deltas.rows());
    await repo.replaceFactsOfCases(tx, caseIds, after);
  },
  caseChanged(tx: Executor, caseId: string): Promise<void> {
    return statisticsSync.casesChanged(tx, [caseId]);
  },
  async personChanged(tx: Executor, personId: string): Promise<void> {
    await statisticsSync.casesChanged(tx, await indicatorSourcesRepo.casesOfPerson(tx, personId));
  },
  async casePersonChanged(tx: Executor, casePersonId: string): Promise<void> {
    const caseId = await indicatorSourcesRepo.caseOfCasePerson(tx, casePersonId);
    if (caseId) await statisticsSync.caseChanged(tx, caseId);
  },
};

/** Every imported row as facts, a page at a time. */
async function forEachImportedFact(
  db: Executor,
  dataset: string | null,
  visit: (f: Fact) => void,
): Promise<void> {
  let after: { dataset: string; row: number } | null = null;
  for (;;) {
    const page = await repo.importRowsPage(db, dataset, after);
    for (const r of page) visit(importedFact(r.dataset, r.row_no, victimOfStored(r.data)));
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    after = { dataset: last.dataset, row: last.row_no };
  }
}

/** Recounts every cube from the records and imported rows. */
export async function rebuild(tx: Executor): Promise<void> {
  await aggregatesChanging(tx);
  await repo.clear(tx);
  const facts = await guiaFacts(tx, null);
  await repo.insertFacts(tx, facts);
  const deltas = new Deltas();
  for (const f of facts) deltas.add(f, 1);
  await forEachImportedFact(tx, null, (f) => deltas.add(f, 1));
  await repo.insertCells(tx, deltas.rows());
}

/** Builds the cubes when this engine version has not built them yet (first use, or an upgrade). */
export async function ensureBuilt(db: Executor): Promise<void> {
  if ((await repo.engineVersion(db, false)) === ENGINE_VERSION) return;
  await db.transaction().execute(async (tx) => {
    if ((await repo.engineVersion(tx, true)) === ENGINE_VERSION) return;
    await rebuild(tx);
    await repo.setEngineVersion(tx, ENGINE_VERSION);
  });
}

/** Adds an imported dataset's rows to the cubes (the import's transaction). */
export function importAccumulator() {
  const acc = new CubeAccumulator(kindSpecs.get('victim')!);
  return {
    add: (dataset: string, rowNo: number, v: ImportedVictim) => acc.add(importedFact(dataset, rowNo, v), 1),
    apply: async (tx: Executor) => {
      await aggregatesChanging(tx);
      await repo.applyDeltas(tx, acc.rows());
    },
  };
}

function specOf(kind: RecordKind): KindSpec {
  const spec = kindSpecs.get(kind);
  if (!spec) throw invalid('kind', 'unknown_kind');
  return spec;
}

function boundOf(period: StatPeriodKind, key: string | undefined, path: string): string | undefined {
  if (key === undefined) return undefined;
  if (period === 'all') throw invalid(path, 'needs_period');
  if (parsePeriodKey(key, path).kind !== period) throw invalid(path, 'invalid_period');
  return key;
}

type RawCell = { period: string; key: string; count: number; sum: number };

/** Counts a question no kept cube answers straight from the facts (slower; README). */
async function scan(
  db: Executor,
  spec: KindSpec,
  period: StatPeriodKind,
  dims: Dimension[],
  source?: string,
) {
  const acc = new CubeAccumulator(spec, [{ period, dims }]);
  const visit = (f: Fact) => {
    if (source === undefined || f.source === source) acc.add(f, 1);
  };
  for (const f of await repo.factsOfKind(db, spec.kind)) visit(f);
  if (spec.kind === 'victim' && source !== 'guia') await forEachImportedFact(db, source ?? null, visit);
  return acc.rows();
}

type CellBounds = { source?: string | undefined; from?: string | undefined; to?: string | undefined };
/** The cells of a question's breakdown within the bounds. */
type Cells = (spec: KindSpec, period: StatPeriodKind, dims: Dimension[], f: CellBounds) => Promise<RawCell[]>;

/** Cells as stored: a kept cube's, or counted by scan when no cube answers. */
const storedCells =
  (db: Executor): Cells =>
  async (spec, period, dims, f) => {
    if (hasCube(spec, period, dims))
      return repo.cells(db, { kind: spec.kind, cube: cubeId(period, dims), ...f });
    const rows = await scan(db, spec, period, dims, f.source);
    return rows.filter(
      (r) => (f.from === undefined || r.period >= f.from) && (f.to === undefined || r.period <= f.to),
    );
  };

/** Answers an indicator question from the cubes: counts only, never a record. */
export async function queryIndicator(db: Executor, q: IndicatorQuery): Promise<IndicatorResult> {
  await ensureBuilt(db);
  return answer(q, storedCells(db));
}

/** `queryIndicator` on built cubes, reading cells through `cellsOf`. */
async function answer(q: IndicatorQuery, cellsOf: Cells): Promise<IndicatorResult> {
  const spec = specOf(q.kind);
  q.by.forEach((d, i) => {
    if (!spec.dimensions.includes(d)) throw invalid(`by.${i}`, 'dimension_not_available');
  });
  const filter = {
    source: q.source,
    from: boundOf(q.period, q.from, 'from'),
    to: boundOf(q.period, q.to, 'to'),
  };
  const dims = canonicalDims(q.by.map(baseDimension));
  const raw = await cellsOf(spec, q.period, dims, filter);
  const merged = new Map<string, Cell>();
  for (const r of raw) {
    const stored = JSON.parse(r.key) as (string | null)[];
    const values = q.by.map((d) => {
      const v = stored[dims.indexOf(baseDimension(d))] ?? null;
      return derivedDimensions[d] ? derivedDimensions[d].map(v) : v;
    });
    const period = r.period === '' ? null : r.period;
    const k = JSON.stringify([period, values]);
    const cell = merged.get(k);
    if (cell) {
      cell.count += r.count;
      cell.sum += r.sum;
    } else merged.set(k, { period, values, count: r.count, sum: r.sum });
  }
  const total = (await cellsOf(spec, q.period, [], filter)).reduce((n, r) => n + r.count, 0);
  const denominators: Record<string, number> = {};
  for (const d of q.by.filter((d) => spec.multiValued.includes(d))) {
    const singles = await cellsOf(spec, q.period, [d], filter);
    denominators[d] = total - singles.filter((r) => r.key === '[null]').reduce((n, r) => n + r.count, 0);
  }
  const cells = [...merged.values()]
    .filter((c) => c.count !== 0)
    .sort((a, b) => compare(a.period, b.period) || compareValues(a.values, b.values));
  return { kind: q.kind, period: q.period, by: q.by, total, denominators, measure: spec.measure, cells };
}

const compare = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
function compareValues(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compare(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

export function kindCatalogue() {
  return [...kindSpecs.values()].map((s) => ({
    kind: s.kind,
    dimensions: [...s.dimensions],
    multiValued: [...s.multiValued],
    measure: s.measure,
  }));
}

type Panel = { id: string; kind: RecordKind; by: Dimension[]; byPeriod?: boolean };

/** The standard dashboard (issue 10, B2) and the secretariat's yearly report. */
const panels: Panel[] = [
  { id: 'victimsByPeriod', kind: 'victim', by: [], byPeriod: true },
  { id: 'victimsBySex', kind: 'victim', by: ['sex'] },
  { id: 'victimsByAgeBand', kind: 'victim', by: ['ageBand'] },
  { id: 'victimsByAgeGroup', kind: 'victim', by: ['ageGroup'] },
  { id: 'victimsByNationality', kind: 'victim', by: ['nationality'] },
  { id: 'victimsByForm', kind: 'victim', by: ['form'] },
  { id: 'victimsBySector', kind: 'victim', by: ['sector'] },
  { id: 'victimsByStage', kind: 'victim', by: ['stage'] },
  { id: 'victimsBySexAndAge', kind: 'victim', by: ['sex', 'ageBand'] },
  { id: 'victimsByPeriodAndForm', kind: 'victim', by: ['form'], byPeriod: true },
  { id: 'casesByPeriod', kind: 'case', by: [], byPeriod: true },
  { id: 'suspectsByPeriod', kind: 'suspect', by: [], byPeriod: true },
  { id: 'prosecutionsByPeriod', kind: 'prosecution', by: [], byPeriod: true },
  { id: 'convictionsByPeriod', kind: 'conviction', by: [], byPeriod: true },
  { id: 'sentencesByPeriod', kind: 'sentence', by: [], byPeriod: true },
  { id: 'servicesByKind', kind: 'service', by: ['kind'] },
  { id: 'referralsByStatus', kind: 'referral', by: ['status'] },
];

/**
 * Every panel of the dashboard. Without a year, breakdowns are over all time and trends by
 * period; with one, everything is that calendar year (or TIP period), as the report page needs.
 * With a year, a two-breakdown panel is a period × pair question: it is counted by scan.
 *
 * The panels' questions ask for about 55 cubes; all have the same bounds, so their cells are
 * read in one statement (issue 10, B3: one statement per cube was most of the dashboard's time).
 */
export async function dashboard(db: Executor, q: DashboardQuestion) {
  await ensureBuilt(db);
  return dashboardOfBuilt(db, q);
}

type DashboardQuestion = { period: 'year' | 'tip'; year?: number | undefined; source?: string | undefined };
type DashboardAnswer = Awaited<ReturnType<typeof dashboardOfBuilt>>;

/** `dashboard` on built cubes. */
async function dashboardOfBuilt(db: Executor, q: DashboardQuestion) {
  const key = q.year === undefined ? undefined : q.period === 'tip' ? `TIP${q.year}` : String(q.year);
  const questions = panels.map((p): IndicatorQuery & { id: string } => ({
    id: p.id,
    kind: p.kind,
    period: p.byPeriod || key ? q.period : 'all',
    by: p.by,
    ...(key ? { from: key, to: key } : {}),
    ...(q.source ? { source: q.source } : {}),
  }));
  // First the cubes the questions read (which cubes does not depend on their cells), then all at once.
  const wanted: CellFilter[] = [];
  const noting: Cells = async (spec, period, dims, f) => {
    if (hasCube(spec, period, dims)) wanted.push({ kind: spec.kind, cube: cubeId(period, dims), ...f });
    return [];
  };
  for (const question of questions) await answer(question, noting);
  const read = await repo.cellsOfCubes(db, wanted);
  const stored = storedCells(db);
  const fromRead: Cells = (spec, period, dims, f) =>
    hasCube(spec, period, dims)
      ? Promise.resolve(read.get(cubeKey(spec.kind, cubeId(period, dims))) ?? [])
      : stored(spec, period, dims, f);
  const results = [];
  for (const { id, ...question } of questions) results.push({ id, result: await answer(question, fromRead) });
  return { period: q.period, year: q.year ?? null, panels: results };
}

/**
 * `dashboard`, answered again from memory while the aggregates' version is the one the answer
 * was counted from (issue 10, B3: turning ~55 cubes' cells into 17 panels was most of a
 * dashboard request's time). Every request still reads the versions, in one statement, before
 * anything else: an answer counted after that read is at least as new as that version, so none
 * is ever older than the last change committed before the request. The answer depends on the
 * question only (counts, the same for every reader; no labels), so that is the key within a
 * version; answers of an older version are dropped as soon as a newer one is read. Concurrent
 * requests for one answer share its counting.
 */
export function cachedDashboards(
  size = 32,
): (db: Executor, q: DashboardQuestion) => Promise<DashboardAnswer> {
  let version: string | null = null;
  const answers = new Map<string, Promise<DashboardAnswer>>();
  return async (db, q) => {
    const versions = await repo.versions(db);
    if (versions.engine !== ENGINE_VERSION) {
      answers.clear();
      return dashboard(db, q); // builds the cubes first (and gives them a new version)
    }
    if (versions.aggregates !== version) {
      answers.clear();
      version = versions.aggregates;
    }
    const key = `${q.period}/${q.year ?? ''}/${q.source ?? ''}`;
    let answer = answers.get(key);
    if (!answer) {
      if (answers.size >= size) answers.delete(answers.keys().next().value!);
      const counting = dashboardOfBuilt(db, q);
      answers.set(key, (answer = counting));
      // A failed count is not kept: the next request counts again.
      counting.catch(() => {
        if (answers.get(key) === counting) answers.delete(key);
      });
    }
    return answer;
  };
}
