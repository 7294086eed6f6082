import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databases } from '../test/support/databases.js';
import { bundledGuia } from '../test/reliability/guia-process.js';
import type { BenchRow } from './bench-row.js';
import { benchDatabase } from './run.js';
import type { GuiaCommand } from './support.js';

// The benches at CI size (issue 10): every bench at 10,000 victims, once, on each database —
// that they run and that what can be checked honestly holds: both sides inserted every row, the
// import's peak memory was measured, Guia's dashboard equals DuckDB's on the same rows, and the
// server started healthy on the loaded database. No timing is asserted: CI machines vary, and
// `npm run bench` at 1,000,000 victims is the measurement. B3 (bench/api.ts) has its own check.

const victims = 10_000;
let guia: GuiaCommand;
let workDir: string;

beforeAll(async () => {
  guia = await bundledGuia();
  workDir = mkdtempSync(path.join(os.tmpdir(), 'guia-bench-smoke-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const row = (rows: BenchRow[], bench: string) => rows.find((r) => r.bench === bench)!;

describe.each(databases)('the benches on %s at 10,000 victims', (database) => {
  it('import every row, agree with DuckDB and start a healthy server', { timeout: 180_000 }, async () => {
    const { rows } = await benchDatabase(database, {
      victims,
      runs: 1,
      seed: 7,
      workDir,
      postgresUrl: database === 'postgres' ? inject('postgresUrl') : undefined,
      guia,
      api: false,
    });
    const imported = row(rows, 'B1 import');
    expect(imported.notes['rows imported']).toBe(victims);
    expect(imported.notes['limit rows']).toBe(victims);
    expect(imported.notes['peak MB']).toBeGreaterThan(0);
    expect(imported.ratio).toBeGreaterThan(0);
    const statistics = row(rows, 'B2 statistics');
    expect(statistics.notes.identical).toBe(true);
    // Sex, age band, nationality, form… of 10,000 victims: many cells, all compared.
    expect(statistics.notes['cells compared']).toBeGreaterThan(100);
    const start = row(rows, 'B5 start');
    expect(start.guia).toBeGreaterThan(0);
    expect(Number.isFinite(start.guia)).toBe(true);
  });
});
