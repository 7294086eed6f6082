import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyVictim } from '../../src/core/statistics/ctdc.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import {
  dashboard,
  ENGINE_VERSION,
  importAccumulator,
} from '../../src/modules/statistics/indicators.service.js';
import { indicatorsRepo } from '../../src/modules/statistics/indicators.repo.js';

// Measures the README's "Architecture: statistics" figures; skipped unless GUIA_MEASURE=1:
//   GUIA_MEASURE=1 GUIA_TEST_DATABASES=sqlite npx vitest run test/integration/statistics-measure.test.ts
// Guia answers the standard dashboard from its cubes; DuckDB and a plain SQLite scan compute the
// same group-bys over a 1,000,000-row victim table.

const N = Number(process.env.GUIA_MEASURE_ROWS ?? 1_000_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

// Seeded synthetic rows: skewed years, sexes, bands, nationalities and forms.
const columns = `year, sex, age, nat, fl, se, oe, sector, stage`;
const synthetic = `
  SELECT 2002 + (i * 7919 % 21) AS year,
         CASE WHEN i % 10 < 7 THEN 'female' WHEN i % 10 < 9 THEN 'male' ELSE NULL END AS sex,
         'band' || (i * 31 % 10) AS age,
         'N' || (i * 13 % 80) AS nat,
         CASE WHEN i % 5 < 2 THEN 1 ELSE 0 END AS fl,
         CASE WHEN i % 5 >= 2 THEN 1 ELSE 0 END AS se,
         CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END AS oe,
         CASE WHEN i % 3 = 0 THEN 'S' || (i % 4) ELSE NULL END AS sector,
         'stage' || (i % 6) AS stage`;
const groupBys = [
  'SELECT year, count(*) FROM v GROUP BY year',
  'SELECT sex, count(*) FROM v GROUP BY sex',
  'SELECT age, count(*) FROM v GROUP BY age',
  'SELECT nat, count(*) FROM v GROUP BY nat',
  'SELECT sum(fl), sum(se), sum(oe) FROM v',
  'SELECT sector, count(*) FROM v GROUP BY sector',
  'SELECT stage, count(*) FROM v GROUP BY stage',
  'SELECT sex, age, count(*) FROM v GROUP BY sex, age',
  'SELECT year, sum(fl), sum(se), sum(oe) FROM v GROUP BY year',
];

describe.runIf(process.env.GUIA_MEASURE === '1')('statistics at scale', () => {
  it(
    'times the standard dashboard: Guia cubes against DuckDB and a SQLite scan',
    { timeout: 3_600_000 },
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-measure-'));
      // DuckDB over N rows.
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      await duck.run(`CREATE TABLE v AS SELECT ${columns} FROM (${synthetic} FROM range(${N}) t(i))`);
      const duckMs = await time(5, async () => {
        for (const q of groupBys) await duck.runAndReadAll(q);
      });
      // Plain SQLite scan over N rows.
      const lite = new Sqlite(path.join(dir, 'scan.sqlite'));
      lite.exec(
        `CREATE TABLE v AS WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${N - 1}) ${synthetic} FROM r`,
      );
      const statements = groupBys.map((q) => lite.prepare(q));
      const scanMs = await time(5, () => statements.forEach((s) => s.all()));
      // Guia: the cubes of N imported victims, then the dashboard from them.
      const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'guia.sqlite') });
      await migrate(database);
      const acc = importAccumulator();
      const t0 = performance.now();
      for (let i = 0; i < N; i++) {
        const v = emptyVictim();
        v.year = 2002 + ((i * 7919) % 21);
        v.sex = i % 10 < 7 ? 'female' : i % 10 < 9 ? 'male' : null;
        v.ageBand = [
          'age_0_8',
          'age_9_17',
          'age_18_20',
          'age_21_23',
          'age_24_26',
          'age_27_29',
          'age_30_38',
          'age_39_47',
          'age_48_plus',
          null,
        ][(i * 31) % 10]!;
        v.citizenship = [`N${(i * 13) % 80}`];
        v.forms = i % 5 < 2 ? ['forced_labour'] : ['sexual_exploitation'];
        if (i % 17 === 0) v.forms.push('other');
        if (i % 3 === 0) v.sectors = [`S${i % 4}`];
        acc.add('synthetic', i, v);
      }
      const countMs = performance.now() - t0;
      await database.db.transaction().execute(async (tx) => {
        await acc.apply(tx);
        await indicatorsRepo.setEngineVersion(tx, ENGINE_VERSION);
      });
      const cells = (await database.db.selectFrom('stat_cells').select('kind').execute()).length;
      const guiaMs = await time(5, () => dashboard(database.db, { period: 'year' }));
      const line = `rows ${N}: Guia dashboard ${guiaMs.toFixed(1)} ms (${cells} cells; counting the rows into cubes ${(countMs / 1000).toFixed(1)} s), DuckDB ${duckMs.toFixed(1)} ms, SQLite scan ${scanMs.toFixed(1)} ms`;
      process.stderr.write(`MEASURE ${line}\n`);
      await database.close();
      expect(guiaMs).toBeGreaterThan(0);
    },
  );
});
