import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { CTDC_AGE_BANDS, CTDC_GENDER, FORM_FLAGS, SECTOR_FLAGS } from '../src/core/statistics/ctdc.js';
import { openDatabase } from '../src/db/database.js';
import { dashboard } from '../src/modules/statistics/indicators.service.js';
import type { BenchRow } from './bench-row.js';
import { median, type Target } from './support.js';

// B2 (and B4): the standard dashboard from Guia's engine against DuckDB computing the same
// aggregates from the same rows (the CTDC file loaded into a DuckDB table; loading is not
// timed on either side: Guia's figure is the answer from a loaded database). Both answers are
// turned into one shape — panel, period, values, count — and compared cell by cell.

type Cells = Map<string, number>;
const cellKey = (panel: string, period: string | null, values: (string | null)[]) =>
  JSON.stringify([panel, period, values]);

/** Guia's dashboard as cells (counts only; cells of zero are not cells). */
function guiaCells(answer: Awaited<ReturnType<typeof dashboard>>): Cells {
  const cells: Cells = new Map();
  for (const { id, result } of answer.panels)
    for (const c of result.cells) if (c.count !== 0) cells.set(cellKey(id, c.period, c.values), c.count);
  return cells;
}

const q = (name: string) => `"${name}"`;
const orNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const childBands = new Set(['age_0_8', 'age_9_17']);

/**
 * The dashboard's panels over the CTDC rows as DuckDB SQL, and how each result row reads in
 * Guia's codes. Multi-valued forms and sectors count a row once per flag set, and once under
 * null when none is (the CTDC denominator rule the engine follows).
 */
function duckPanels(): {
  id: string;
  sql: string;
  read: (r: Record<string, unknown>) => [string | null, (string | null)[]];
}[] {
  const flags = (map: Record<string, string>) =>
    Object.entries(map)
      .map(
        ([column, code]) => `SELECT yearOfRegistration AS y, '${code}' AS v FROM v WHERE ${q(column)} = '1'`,
      )
      .concat(
        `SELECT yearOfRegistration AS y, NULL AS v FROM v WHERE ${Object.keys(map)
          .map((c) => `coalesce(${q(c)}, '') <> '1'`)
          .join(' AND ')}`,
      )
      .join(' UNION ALL ');
  const sex = (v: unknown) => (orNull(v) === null ? null : (CTDC_GENDER[String(v)] ?? null));
  const band = (v: unknown) => (orNull(v) === null ? null : (CTDC_AGE_BANDS[String(v)] ?? null));
  const one = (id: string, column: string, map: (v: unknown) => string | null) => ({
    id,
    sql: `SELECT ${column} AS a, count(*) AS n FROM v GROUP BY 1`,
    read: (r: Record<string, unknown>) => [null, [map(r.a)]] as [null, (string | null)[]],
  });
  return [
    {
      id: 'victimsByPeriod',
      sql: 'SELECT yearOfRegistration AS y, count(*) AS n FROM v GROUP BY 1',
      read: (r) => [orNull(r.y), []],
    },
    one('victimsBySex', 'gender', sex),
    one('victimsByAgeBand', 'ageBroad', band),
    one('victimsByAgeGroup', 'ageBroad', (v) => {
      const b = band(v);
      return b === null ? null : childBands.has(b) ? 'child' : 'adult';
    }),
    one('victimsByNationality', 'upper(citizenship)', orNull),
    {
      id: 'victimsByForm',
      sql: `SELECT v AS a, count(*) AS n FROM (${flags(FORM_FLAGS)}) GROUP BY 1`,
      read: (r) => [null, [orNull(r.a)]],
    },
    {
      id: 'victimsBySector',
      sql: `SELECT v AS a, count(*) AS n FROM (${flags(SECTOR_FLAGS)}) GROUP BY 1`,
      read: (r) => [null, [orNull(r.a)]],
    },
    { id: 'victimsByStage', sql: 'SELECT NULL AS a, count(*) AS n FROM v', read: () => [null, [null]] },
    {
      id: 'victimsBySexAndAge',
      sql: 'SELECT gender AS a, ageBroad AS b, count(*) AS n FROM v GROUP BY 1, 2',
      read: (r) => [null, [sex(r.a), band(r.b)]],
    },
    {
      id: 'victimsByPeriodAndForm',
      sql: `SELECT y, v AS a, count(*) AS n FROM (${flags(FORM_FLAGS)}) GROUP BY 1, 2`,
      read: (r) => [orNull(r.y), [orNull(r.a)]],
    },
  ];
}

/** Runs every panel's query once; the cells, merged by their Guia key. */
async function duckCells(duck: DuckDBConnection): Promise<Cells> {
  const cells: Cells = new Map();
  for (const panel of duckPanels()) {
    const rows = (await duck.runAndReadAll(panel.sql)).getRowObjectsJS();
    for (const r of rows) {
      const [period, values] = panel.read(r);
      const k = cellKey(panel.id, period, values);
      cells.set(k, (cells.get(k) ?? 0) + Number(r.n));
    }
  }
  return cells;
}

function sameCells(a: Cells, b: Cells): { identical: boolean; differing: number } {
  let differing = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) if (a.get(k) !== b.get(k)) differing += 1;
  return { identical: differing === 0, differing };
}

export type StatisticsRun = {
  guiaMs: number;
  duckMs: number;
  identical: boolean;
  differing: number;
  cells: number;
};

/** B2 over a loaded target: `runs` timed dashboards from each side, after one untimed each. */
export async function benchStatistics(target: Target, csv: string, runs: number): Promise<StatisticsRun> {
  const database = openDatabase(
    target.url
      ? { kind: 'postgres', url: target.url }
      : { kind: 'sqlite', file: path.join(target.dataDir, 'guia.sqlite') },
  );
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  try {
    await duck.run(
      `CREATE TABLE v AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true, all_varchar = true)`,
    );
    const guiaAnswer = guiaCells(await dashboard(database.db, { period: 'year' }));
    const duckAnswer = await duckCells(duck);
    const guiaMs: number[] = [];
    const duckMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await dashboard(database.db, { period: 'year' });
      guiaMs.push(performance.now() - t);
      t = performance.now();
      await duckCells(duck);
      duckMs.push(performance.now() - t);
    }
    return {
      guiaMs: median(guiaMs),
      duckMs: median(duckMs),
      ...sameCells(guiaAnswer, duckAnswer),
      cells: guiaAnswer.size,
    };
  } finally {
    duck.closeSync();
    instance.closeSync();
    await database.close();
  }
}

export function statisticsRow(
  database: Target['database'],
  victims: number,
  runs: number,
  r: StatisticsRun,
): BenchRow {
  const ratio = r.duckMs / r.guiaMs;
  return {
    bench: 'B2 statistics',
    database,
    victims,
    unit: 'ms',
    guia: +r.guiaMs.toFixed(2),
    limit: +r.duckMs.toFixed(2),
    ratio,
    target: '≤ 1.0× DuckDB time, identical results',
    met: ratio >= 1 && r.identical,
    notes: {
      runs,
      identical: r.identical,
      'cells compared': r.cells,
      ...(r.differing ? { differing: r.differing } : {}),
    },
  };
}
