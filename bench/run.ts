import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-row.js';
import { generate } from './generate.js';
import { importOnce, importRow, type ImportRun } from './import.js';
import { benchStart } from './start.js';
import { benchStatistics, statisticsRow } from './statistics.js';
import { builtGuia, Targets, type Database, type GuiaCommand, type Target } from './support.js';

// Every bench on one database kind, in order, on the same generated file: B1 imports it `runs`
// times (each into a fresh database, the limit beside each run) and keeps the last import
// loaded; B2, B3 and B5 then run on that loaded database. bench/index.ts (npm run bench) and
// bench/bench.test.ts (the CI smoke run at 10,000 victims) both call this.

export type BenchOptions = {
  victims: number;
  runs: number;
  seed: number;
  /** Where generated files and the databases of the runs go. */
  workDir: string;
  /** PostgreSQL's administrative URL, when PostgreSQL is benched. */
  postgresUrl?: string | undefined;
  guia?: GuiaCommand;
  /** Seconds of load per endpoint in B3 (H3's bench/api.ts). */
  apiSeconds?: number;
  /** Run B3 when bench/api.ts is there (default true). */
  api?: boolean;
  say?: (line: string) => void;
};

export type DatabaseResult = { rows: BenchRow[]; loaded: Target; skipped: string[] };

/** The CTDC file of `victims` victims of `seed`, generated once per work directory. */
export async function ctdcFile(o: Pick<BenchOptions, 'victims' | 'seed' | 'workDir'>): Promise<string> {
  const dir = path.join(o.workDir, `data-${o.victims}-${o.seed}`);
  const file = path.join(dir, 'ctdc.csv');
  if (!existsSync(path.join(dir, 'htcds.csv'))) {
    // Written aside and renamed, so a bench running beside this one never reads half a file.
    const aside = `${dir}.${process.pid}`;
    await generate(o.victims, o.seed, aside);
    if (existsSync(path.join(dir, 'htcds.csv'))) rmSync(aside, { recursive: true, force: true });
    else {
      rmSync(dir, { recursive: true, force: true }); // a generation cut short before this change
      renameSync(aside, dir);
    }
  }
  return file;
}

type ApiModule = {
  benchApi(o: {
    victims: number;
    database: Database;
    runs: number;
    dataDir: string;
    databaseUrl?: string;
    seconds?: number;
  }): Promise<BenchRow[]>;
};

/** H3's B3 (bench/api.ts), when it is there: `null` and a line saying so otherwise. */
async function apiBench(): Promise<ApiModule | null> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (!['api.js', 'api.ts'].some((f) => existsSync(path.join(here, f)))) return null;
  // A specifier the compiler does not resolve: the harness builds whether or not B3 is there.
  const specifier = './api.js';
  return (await import(/* @vite-ignore */ specifier)) as ApiModule;
}

export async function benchDatabase(database: Database, o: BenchOptions): Promise<DatabaseResult> {
  const say = o.say ?? (() => {});
  mkdirSync(o.workDir, { recursive: true });
  const file = await ctdcFile(o);
  const targets = new Targets(database, o.workDir, o.postgresUrl, o.guia ?? builtGuia);
  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  const runs: ImportRun[] = [];
  let loaded: Target | null = null;
  for (let i = 0; i < o.runs; i++) {
    const once = await importOnce(targets, file, o.victims, i === o.runs - 1);
    runs.push(once.run);
    loaded = once.loaded;
    say(
      `B1 ${database} run ${i + 1}: guia ${(once.run.guiaMs / 1000).toFixed(1)} s (peak ${Math.round(once.run.peakRssMb)} MB), limit ${(once.run.limitMs / 1000).toFixed(1)} s`,
    );
  }
  rows.push(importRow(database, o.victims, runs));
  const stats = await benchStatistics(loaded!, file, o.runs);
  say(
    `B2 ${database}: guia ${stats.guiaMs.toFixed(1)} ms, DuckDB ${stats.duckMs.toFixed(1)} ms, identical ${stats.identical}`,
  );
  rows.push(statisticsRow(database, o.victims, o.runs, stats));
  const api = o.api === false ? null : await apiBench();
  if (api)
    rows.push(
      ...(await api.benchApi({
        victims: o.victims,
        database,
        runs: o.runs,
        dataDir: loaded!.dataDir,
        ...(loaded!.url ? { databaseUrl: loaded!.url } : {}),
        ...(o.apiSeconds ? { seconds: o.apiSeconds } : {}),
      })),
    );
  else if (o.api !== false) skipped.push(`B3 API on ${database}: bench/api.ts is not there yet, skipped`);
  rows.push(await benchStart(loaded!, o.victims, o.runs));
  return { rows, loaded: loaded!, skipped };
}
