import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { runGuia, type CliRun } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';
import { fileBytes, sampleFiles } from './files.js';
import { watchChanges, type ChangeWatch } from './snapshot.js';

// Issue 11, fuzzing the imports as an operator runs them: `guia import ctdc|htcds FILE`,
// `guia plan import FILE` and `guia backup verify FILE` receive damaged and hostile files
// (real files cut short or with bytes changed, zip headers over noise, CSV of hostile cells,
// random bytes). Whatever comes, the command ends with a clear refusal (exit 1 with an
// `error:` line or a report naming row and column), never a crash, and a refused import leaves
// the database as it was. The same import code behind POST /api/v1/statistics/imports and
// POST /api/v1/plans/import gets its 200 runs in write-routes.test.ts; each command here
// starts the whole runtime, so CI gives it fewer runs (GUIA_FUZZ_RUNS raises them).

const runs = (kind: string) => Number(process.env.GUIA_FUZZ_RUNS ?? (kind === 'sqlite' ? 10 : 4));

// What a program error (not a refusal) prints: a JavaScript error's name, or a stack frame.
const crash = /TypeError|RangeError|ReferenceError|SyntaxError|Cannot read prop|is not a function|\n\s+at /;

function refusedCleanly(run: CliRun): string | null {
  if (run.code === 0) return null;
  if (run.code !== 1) return `exit ${run.code}`;
  if (crash.test(run.stderr) || crash.test(run.stdout)) return `crashed: ${run.stderr}${run.stdout}`;
  if (!/error: |row .*, column |Nothing imported/.test(run.stderr + run.stdout))
    return `refusal without a reason: ${run.stderr}${run.stdout}`;
  return null;
}

describe.each(databases)('fuzzing the import commands on %s', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let database: Database;
  let files: fc.Arbitrary<Buffer>;
  let watch: ChangeWatch;

  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'guia-fuzz-import-'));
    env = {
      GUIA_DATA_DIR: dir,
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    drop = fresh.drop;
    // The first command creates the schema and the data key; the plan needs its lead agency.
    const made = await runGuia(
      [
        'agency',
        'add',
        '--code',
        'LEAD',
        '--kind',
        'police',
        '--name-en',
        'Lead',
        '--name-zh-hant',
        '主導',
        '--name-pt',
        'Líder',
      ],
      {
        env,
      },
    );
    expect(made.code, made.stderr).toBeLessThan(2);
    // The database the commands use (on SQLite, the file in the data directory).
    database = openDatabase(loadConfig(env).database);
    watch = await watchChanges(database);
    files = fileBytes(await sampleFiles());
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const commands: [string, (file: string) => string[], string][] = [
    ['guia import ctdc', (file) => ['import', 'ctdc', file], '.csv'],
    ['guia import htcds (CSV)', (file) => ['import', 'htcds', file], '.csv'],
    ['guia import htcds (XLSX)', (file) => ['import', 'htcds', file], '.xlsx'],
    ['guia plan import (CSV)', (file) => ['plan', 'import', file, '--name', 'Fuzzed plan'], '.csv'],
    ['guia plan import (XLSX)', (file) => ['plan', 'import', file, '--name', 'Fuzzed plan'], '.xlsx'],
  ];

  it.each(commands)(
    '%s refuses damaged and hostile files cleanly, importing nothing',
    async (_name, args, ext) => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(files, async (bytes) => {
          const file = path.join(dir, `fuzz-${n++}${ext}`);
          writeFileSync(file, bytes);
          await watch.before();
          const run = await runGuia(args(file), { env });
          const problem = refusedCleanly(run);
          if (problem) throw new Error(problem);
          const changed = await watch.after();
          // Nothing moved (null), or the snapshots before and after are the same.
          if (run.code !== 0) expect(changed?.after).toEqual(changed?.before);
          rmSync(file);
        }),
        { numRuns: runs(kind) },
      );
    },
  );

  it('guia backup verify refuses garbage and damaged files with a clear error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(files, fc.string({ minLength: 1, maxLength: 40 }), async (bytes, phrase) => {
        const file = path.join(dir, `fuzz-${n++}.backup`);
        writeFileSync(file, bytes);
        const run = await runGuia(['backup', 'verify', file], {
          env: { ...env, GUIA_BACKUP_PASSPHRASE: phrase },
        });
        expect(run.code, run.stdout).toBe(1);
        expect(refusedCleanly(run)).toBeNull();
        rmSync(file);
      }),
      { numRuns: runs(kind) },
    );
  });
});
