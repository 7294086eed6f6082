import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/package-root.js';
import { databases, freshDatabase } from '../test/support/databases.js';
import { benchApi, serveNodeFlags } from './api.js';

// B3's smoke (issue 10): the API bench runs end to end on each database — Guia served by
// `node bin/guia.js serve`, the hand-written limit in its own process, autocannon against both
// for a second — no request failed, Guia's case list the same as the limit's, the dashboard
// answered by both.
// No timing is asserted: CI machines differ. It drives the built code (`npm run build` and
// `tsc -p tsconfig.bench.json`, as `npm run bench` does); without it there is nothing to serve.

const built = ['dist/src/cli/main.js', 'dist/bench/api-limit.js'].every((file) =>
  existsSync(path.join(packageRoot, file)),
);

describe.skipIf(!built).each(databases)('the API bench on %s', (kind) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-bench-api-'));
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the case list and the dashboard without a failure, the list as the limit answers it', async () => {
    const fresh = kind === 'postgres' ? await freshDatabase('postgres') : null;
    if (fresh) drops.push(fresh.drop);
    const rows = await benchApi({
      victims: 0,
      database: kind,
      runs: 1,
      // GUIA_BENCH_API_SECONDS: a longer look during development, its rows printed.
      seconds: Number(process.env.GUIA_BENCH_API_SECONDS ?? 1),
      connections: 10,
      cases: 5,
      dataDir,
      ...(fresh?.target.kind === 'postgres' ? { databaseUrl: fresh.target.url } : {}),
    });
    if (process.env.GUIA_BENCH_API_SECONDS)
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    expect(rows.map((row) => row.bench)).toEqual([
      'B3 case list',
      'B3 dashboard',
      ...(kind === 'postgres' ? ['B3 case list, 2 processes'] : []),
    ]);
    // Requests still in flight when a second ends are not counted: no count is asserted.
    for (const row of rows) expect(row.notes.failures, row.bench).toBe(0);
    for (const row of rows.slice(0, 2)) {
      expect(row.notes.limitFailures, row.bench).toBe(0);
      expect(row.notes.identical, row.bench).toBe(true);
    }
    // Round robin: the second process answers every other request.
    if (kind === 'postgres') expect(rows[2]!.notes.servedBySecond).toBeGreaterThan(0);
  }, 120_000);
});

describe('the server B3 measures', () => {
  it('is started with the Node flags of the deployed unit (docs/deploy/guia.service)', () => {
    const unit = readFileSync(path.join(packageRoot, 'docs', 'deploy', 'guia.service'), 'utf8');
    const execStart = /^ExecStart=\/usr\/bin\/node (.*) \/opt\/guia\/bin\/guia\.js serve$/m.exec(unit);
    expect(execStart?.[1]?.split(' ')).toEqual(serveNodeFlags);
  });
});
