import { createReadStream } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { parse } from 'csv-parse';
import type { BenchRow } from './bench-row.js';
import { median, pgClient, runGuia, type Target, type Targets } from './support.js';

// B1 (and B4 for PostgreSQL): `guia import ctdc FILE` as a child process — its wall time and
// peak memory — against the limit: the same file read by the same CSV parser, each row inserted
// by hand into a table of the same shape, in one transaction. On SQLite the limit is one
// better-sqlite3 prepared statement run per row; on PostgreSQL a prepared multi-row insert
// (unnest of arrays, 5,000 rows a statement), the fastest insert the pg driver does.

const parser = () =>
  parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });

const TABLE = `CREATE TABLE rows (dataset text NOT NULL, row_no integer NOT NULL, data text NOT NULL,
  PRIMARY KEY (dataset, row_no))`;

/** The raw better-sqlite3 insert of the file's rows (same pragmas as Guia's database). */
export async function sqliteLimit(file: string, dir: string): Promise<LimitRun> {
  const started = performance.now();
  const db = new Sqlite(path.join(dir, 'limit.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(TABLE);
  const insert = db.prepare('INSERT INTO rows (dataset, row_no, data) VALUES (?, ?, ?)');
  db.exec('BEGIN');
  let row = 0;
  for await (const cells of createReadStream(file).pipe(parser())) {
    row += 1;
    if (row > 1) insert.run('limit', row, JSON.stringify(cells));
  }
  db.exec('COMMIT');
  const ms = performance.now() - started;
  const rows = (db.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n;
  db.close();
  return { ms, rows };
}

/** The fastest pg insert of the file's rows: arrays of 5,000 rows per prepared statement. */
export async function postgresLimit(file: string, url: string): Promise<LimitRun> {
  const started = performance.now();
  const client = await pgClient(url);
  try {
    await client.query(TABLE);
    await client.query('BEGIN');
    const flush = async (rows: number[], data: string[]) => {
      if (rows.length === 0) return;
      await client.query({
        name: 'limit-insert',
        text: "INSERT INTO rows SELECT 'limit', r, d FROM unnest($1::int[], $2::text[]) AS t(r, d)",
        values: [rows, data],
      });
    };
    let rows: number[] = [];
    let data: string[] = [];
    let row = 0;
    for await (const cells of createReadStream(file).pipe(parser())) {
      row += 1;
      if (row === 1) continue;
      rows.push(row);
      data.push(JSON.stringify(cells));
      if (rows.length === 5000) {
        await flush(rows, data);
        rows = [];
        data = [];
      }
    }
    await flush(rows, data);
    await client.query('COMMIT');
    const ms = performance.now() - started;
    const count = await client.query<{ n: string }>('SELECT count(*) AS n FROM rows');
    return { ms, rows: Number(count.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

type LimitRun = { ms: number; rows: number };
export type ImportRun = {
  guiaMs: number;
  limitMs: number;
  peakRssMb: number;
  /** Rows each side says it inserted (the smoke test checks both are the file's). */
  guiaRows: number;
  limitRows: number;
};

/** One side-by-side run of B1 into fresh targets; the Guia target is kept loaded when `keep`. */
export async function importOnce(
  targets: Targets,
  file: string,
  victims: number,
  keep: boolean,
): Promise<{ run: ImportRun; loaded: Target | null }> {
  const target = await targets.fresh('import');
  const result = await runGuia(target, ['import', 'ctdc', file, '--dataset', 'synthetic']);
  if (result.code !== 0 || !result.stdout.includes(`Imported ${victims} rows`))
    throw new Error(`guia import failed (${result.code}): ${result.stdout}\n${result.stderr}`);
  const limitTarget = await targets.fresh('limit');
  const limit =
    targets.database === 'sqlite'
      ? await sqliteLimit(file, limitTarget.dataDir)
      : await postgresLimit(file, limitTarget.url!);
  await targets.remove(limitTarget);
  if (!keep) await targets.remove(target);
  const guiaRows = Number(/Imported (\d+) rows/.exec(result.stdout)?.[1]);
  return {
    run: {
      guiaMs: result.ms,
      limitMs: limit.ms,
      peakRssMb: result.peakRssMb,
      guiaRows,
      limitRows: limit.rows,
    },
    loaded: keep ? target : null,
  };
}

/** B1's line from its runs. */
export function importRow(database: Target['database'], victims: number, runs: ImportRun[]): BenchRow {
  const guia = victims / (median(runs.map((r) => r.guiaMs)) / 1000);
  const limit = victims / (median(runs.map((r) => r.limitMs)) / 1000);
  const peak = Math.max(...runs.map((r) => r.peakRssMb));
  const ratio = guia / limit;
  return {
    bench: 'B1 import',
    database,
    victims,
    unit: 'rows/s',
    guia: Math.round(guia),
    limit: Math.round(limit),
    ratio,
    target: '≥ 0.5 of the limit, peak memory ≤ 300 MB',
    met: ratio >= 0.5 && peak <= 300,
    notes: {
      runs: runs.length,
      'guia median s': +(median(runs.map((r) => r.guiaMs)) / 1000).toFixed(2),
      'limit median s': +(median(runs.map((r) => r.limitMs)) / 1000).toFixed(2),
      'peak MB': Math.round(peak),
      'rows imported': runs[0]!.guiaRows,
      'limit rows': runs[0]!.limitRows,
    },
  };
}
