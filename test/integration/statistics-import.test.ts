import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/modules/audit/audit.service.js';
import { importFile, type ImportInput } from '../../src/modules/statistics/statistics.import.js';
import { openRuntime } from '../../src/startup/runtime.js';
import { cliEnvironment } from '../support/cli.js';
import { databases } from '../support/databases.js';

// A large CSV file is read in a worker thread (statistics.import-worker.ts) while the import's
// thread counts and inserts. Under vitest there is no compiled worker beside the sources, so
// every other test reads in the test's thread; here the worker is bundled from the sources (as
// the CLI's tests bundle guia) and named, and each test runs through both readers where both
// apply. The file has 12,000 rows: three batches of 5,000.

const ROWS = 12_000;
const root = path.join(import.meta.dirname, '../..');
const cache = path.join(root, 'node_modules', '.cache', `guia-import-workers-${process.pid}`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-import-'));

type Workers = { real: URL; failing: URL; exiting: URL; lingering: URL };
let workers: Workers;
let lines: string[];

beforeAll(async () => {
  const { build } = await import('rolldown');
  const here = path.join(import.meta.dirname, 'statistics-import-workers');
  await build({
    input: {
      real: path.join(root, 'src/modules/statistics/statistics.import-worker.ts'),
      failing: path.join(here, 'failing-worker.ts'),
      exiting: path.join(here, 'exiting-worker.ts'),
      lingering: path.join(here, 'lingering-worker.ts'),
    },
    platform: 'node',
    external: [/^[^./]/], // packages stay packages
    logLevel: 'warn',
    output: { dir: cache, format: 'esm', entryFileNames: '[name].mjs' },
  });
  const url = (name: string) => pathToFileURL(path.join(cache, `${name}.mjs`));
  workers = {
    real: url('real'),
    failing: url('failing'),
    exiting: url('exiting'),
    lingering: url('lingering'),
  };
  lines = readFileSync((await generate(ROWS, 3, dir)).ctdc, 'utf8')
    .trimEnd()
    .split('\n');
}, 120_000);
afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A CSV file of the lines (the header is line 0, so line i is row i + 1). */
const fileOf = (rows: string[]) => {
  const file = path.join(dir, `ctdc-${files++}.csv`);
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
};
/** Line `row - 1` with its cell `column` changed. */
const withCell = (rows: string[], row: number, column: number, value: string) => {
  const cells = rows[row - 1]!.split(',');
  cells[column] = value;
  rows[row - 1] = cells.join(',');
};
const activePorts = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe.each(databases)('importing a large CSV file on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  /** A database as the command line opens it (migrated, its audit trail keyed). */
  const open = async () => {
    const fresh = await cliEnvironment(kind);
    const runtime = await openRuntime(loadConfig(fresh.env), () => {});
    return { database: runtime.database, drop: fresh.cleanup };
  };
  beforeAll(async () => {
    ({ database, drop } = await open());
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const readers = ['a worker', 'this thread'] as const;
  const readerOf = (reader: (typeof readers)[number]) => (reader === 'this thread' ? null : workers.real);
  const importInto = (
    db: Database,
    content: string | Buffer,
    worker: URL | null,
    more: Partial<ImportInput> = {},
  ) =>
    importFile(db.db, {
      format: 'ctdc',
      type: 'csv',
      content,
      actor: systemActor('cli'),
      today: '2026-12-02',
      worker,
      ...more,
    });
  const written = async (db: Database) => ({
    datasets: await db.db.selectFrom('stat_datasets').select(['name', 'rows']).orderBy('name').execute(),
    rows: await db.db
      .selectFrom('stat_import_rows')
      .select(['dataset', 'row_no', 'data'])
      .orderBy('dataset')
      .orderBy('row_no')
      .execute(),
    cells: await db.db
      .selectFrom('stat_cells')
      .select(['kind', 'cube', 'source', 'period', 'key', 'count', 'sum'])
      .orderBy('kind')
      .orderBy('cube')
      .orderBy('source')
      .orderBy('period')
      .orderBy('key')
      .execute(),
  });

  it('stores and counts the file read in a worker exactly as read in this thread', async () => {
    const file = fileOf([...lines]);
    const other = await open();
    try {
      const progress: number[] = [];
      const inWorker = await importInto(database, file, workers.real, {
        dataset: 'large',
        onProgress: (rows) => progress.push(rows),
      });
      // Here, the file's bytes (an upload) rather than its path.
      const here = await importInto(other.database, readFileSync(file), null, { dataset: 'large' });
      expect(inWorker).toEqual(here);
      expect(inWorker).toMatchObject({ rows: ROWS, imported: ROWS, alreadyImported: false });
      expect(progress).toEqual([5000, 10_000, ROWS]);
      const stored = await written(database);
      expect(stored.rows).toHaveLength(ROWS);
      expect(stored.rows[0]!.row_no).toBe(2);
      expect(stored.rows.at(-1)!.row_no).toBe(ROWS + 1);
      expect(stored).toEqual(await written(other.database));
      // The same file again changes nothing, whichever thread would read it.
      expect(await importInto(database, file, workers.real)).toMatchObject({ alreadyImported: true });
      expect(await written(database)).toEqual(stored);
    } finally {
      await other.database.close();
      await other.drop();
    }
  });

  it.each([...readers, 'a worker, from the bytes'] as const)(
    'names problems deep in the file by their rows, and imports nothing (%s)',
    async (reader) => {
      const rows = [...lines];
      withCell(rows, 9001, 1, 'Female'); // gender: the older file's word, unknown in the 2024 codebook
      rows[10_500 - 1] = rows[10_500 - 1]!.replace(/,[^,]*$/, ''); // a cell short
      withCell(rows, 11_999, 0, '3020');
      const before = await written(database);
      const file = fileOf(rows);
      const report = await importInto(
        database,
        reader === 'a worker, from the bytes' ? readFileSync(file) : file,
        reader === 'this thread' ? null : workers.real,
      );
      expect(report.problems).toEqual([
        { row: 9001, column: 'gender', problem: 'unknown_code', value: 'Female' },
        { row: 10_500, column: null, problem: 'wrong_column_count', value: '26' },
        { row: 11_999, column: 'yearOfRegistration', problem: 'year_out_of_range', value: '3020' },
      ]);
      expect(report).toMatchObject({ rows: ROWS - 1, imported: 0 });
      expect(await written(database)).toEqual(before);
    },
  );

  it.each(readers)('reports the first 200 problems only (%s)', async (reader) => {
    const rows = [...lines];
    for (let row = 3001; row <= ROWS + 1; row++) withCell(rows, row, 0, '1989');
    const report = await importInto(database, fileOf(rows), readerOf(reader));
    expect(report.problems).toHaveLength(200);
    expect(report.problems.map((p) => p.row)).toEqual(Array.from({ length: 200 }, (_, i) => 3001 + i));
    expect(report).toMatchObject({ rows: ROWS, imported: 0 });
  });

  it.each(readers)(
    'refuses a file cut off in its last row after two written batches, writing nothing (%s)',
    async (reader) => {
      const before = await written(database);
      const progress: number[] = [];
      const report = await importInto(database, fileOf([...lines, '2020,"Wom']), readerOf(reader), {
        onProgress: (rows) => progress.push(rows),
      });
      expect(progress).toEqual([5000, 10_000]); // written in the transaction, then rolled back
      expect(report.problems).toEqual([
        { row: ROWS + 2, column: null, problem: 'truncated', value: 'CSV_QUOTE_NOT_CLOSED' },
      ]);
      expect(report.imported).toBe(0);
      expect(await written(database)).toEqual(before);
    },
  );

  it.each(readers)(
    'refuses a record of more than a megabyte as malformed, naming its row (%s)',
    async (reader) => {
      const rows = [...lines];
      withCell(rows, 5001, 0, `"${'9'.repeat(2 << 20)}"`);
      const before = await written(database);
      const report = await importInto(database, fileOf(rows), readerOf(reader));
      expect(report.problems).toEqual([
        { row: 5001, column: null, problem: 'malformed', value: 'CSV_MAX_RECORD_SIZE' },
      ]);
      expect(await written(database)).toEqual(before);
    },
  );

  it('rethrows the error a worker throws after a written batch, rolls back, and ends the worker', async () => {
    const rows = [...lines];
    withCell(rows, 2, 0, '2000'); // another file than those imported before
    const file = fileOf(rows);
    const before = await written(database);
    const ports = activePorts();
    const progress: number[] = [];
    const failed = importInto(database, file, workers.failing, {
      dataset: 'failing',
      onProgress: (rows) => progress.push(rows),
    });
    await expect(failed).rejects.toThrow('the disk is on fire');
    await expect(failed).rejects.toMatchObject({ code: 'EFIRE' });
    expect(progress[0]).toBe(5000); // a batch was written before the worker failed
    expect(await written(database)).toEqual(before);
    expect(activePorts()).toBe(ports);
    // Nothing of it remains: the name is free and the file imports.
    expect(await importInto(database, file, workers.real, { dataset: 'failing' })).toMatchObject({
      imported: ROWS,
      problems: [],
    });
  });

  it('fails clearly when the worker stops before the end of the file, writing nothing', async () => {
    const rows = [...lines];
    withCell(rows, 2, 0, '2001'); // another file
    const before = await written(database);
    const ports = activePorts();
    await expect(importInto(database, fileOf(rows), workers.exiting)).rejects.toThrow(
      "The import's reader stopped (exit code 3) before the file's end",
    );
    expect(await written(database)).toEqual(before);
    expect(activePorts()).toBe(ports);
  });

  it('ends a worker that would not end by itself once the file is read', async () => {
    const rows = [...lines];
    withCell(rows, 2, 0, '2002');
    const ports = activePorts();
    const report = await importInto(database, fileOf(rows), workers.lingering);
    expect(report).toMatchObject({ imported: ROWS, problems: [] });
    expect(activePorts()).toBe(ports);
  });
});
