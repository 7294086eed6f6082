import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';

// The command-line contract of issue 8: `guia import ctdc|htcds FILE` and
// `guia stats --json --by DIM[,DIM] [--year YYYY] [--source NAME]` in CTDC's names.

const fixtures = path.join(import.meta.dirname, '../fixtures/statistics');

describe.each(databases)('guia import and guia stats on %s', (kind) => {
  let env: Record<string, string>;
  let dir: string;
  let drop: () => Promise<void>;
  const stats = async (...args: string[]) => {
    const run = await runGuia(['stats', '--json', ...args], { env });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { total: number; cells: Record<string, unknown>[] };
  };

  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'guia-stats-cli-'));
    env = {
      GUIA_DATA_DIR: dir,
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    drop = fresh.drop;
    const run = await runGuia(
      ['import', 'ctdc', path.join(fixtures, 'ctdc-2024-sample.csv'), '--dataset', 'ctdc2024'],
      { env },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 5 rows as dataset ctdc2024.');
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints counts by a CTDC column with CTDC value names and null for missing', async () => {
    expect(await stats('--by', 'gender')).toEqual({
      total: 5,
      cells: [
        { gender: 'Woman', count: 3 },
        { gender: 'Man', count: 1 },
        { gender: null, count: 1 },
      ],
    });
  });

  it('counts a flag column where set, by year, and filters by year and source', async () => {
    expect(await stats('--by', 'yearOfRegistration,isSexualExploit')).toEqual({
      total: 5,
      cells: [
        { yearOfRegistration: 2019, isSexualExploit: 1, count: 2 },
        { yearOfRegistration: 2020, isSexualExploit: 1, count: 1 },
      ],
    });
    expect(await stats('--by', 'ageBroad', '--year', '2019', '--source', 'ctdc2024')).toEqual({
      total: 3,
      cells: [
        { ageBroad: '18--20', count: 1 },
        { ageBroad: '30--38', count: 1 },
        { ageBroad: '9--17', count: 1 },
      ],
    });
    expect((await stats('--by', 'gender', '--source', 'nothing-such')).total).toBe(0);
  });

  it('reads the 2024 sector names and the older 63-column file', async () => {
    expect(await stats('--by', 'typeOfLabourConstruction')).toMatchObject({
      cells: [{ typeOfLabourConstruction: 1, count: 1 }],
    });
    const run = await runGuia(
      ['import', 'ctdc', path.join(fixtures, 'ctdc-older-sample.csv'), '--dataset', 'older'],
      { env },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(await stats('--by', 'citizenship', '--source', 'older')).toEqual({
      total: 3,
      cells: [
        { citizenship: 'IDN', count: 1 },
        { citizenship: 'PHL', count: 1 },
        { citizenship: 'VNM', count: 1 },
      ],
    });
    // Debt bondage and withheld documents are two families; threats a third.
    expect(await stats('--by', 'meansWithholdDocs', '--source', 'older')).toMatchObject({
      cells: [{ count: 1 }],
    });
    expect(await stats('--by', 'isOtherExploit', '--source', 'older')).toMatchObject({
      cells: [{ count: 1 }],
    });
  });

  it('changes nothing when the same file is imported twice', async () => {
    const before = await stats('--by', 'gender');
    const run = await runGuia(['import', 'ctdc', path.join(fixtures, 'ctdc-2024-sample.csv')], { env });
    expect(run.stdout).toContain('Already imported as ctdc2024');
    expect(await stats('--by', 'gender')).toEqual(before);
  });

  it('refuses a bad file naming row and column, exits 1 and imports nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(
      file,
      'yearOfRegistration,gender,ageBroad,citizenship\n3020,Woman,18--20,PHL\n2019,Woman,18--20,@SUM(A1)\n',
    );
    const before = await stats('--by', 'gender');
    const run = await runGuia(['import', 'ctdc', file], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('row 2, column yearOfRegistration: year_out_of_range (3020)');
    expect(run.stdout).toContain('row 3, column citizenship: formula');
    expect(await stats('--by', 'gender')).toEqual(before);
  });
});
