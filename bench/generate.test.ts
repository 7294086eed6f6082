import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { ctdcCellsReader, readCtdcHeader } from '../src/core/statistics/ctdc-rows.js';
import { readHtcdsHeader, readHtcdsRow } from '../src/core/statistics/htcds.js';
import { generate } from './generate.js';

// The generator feeds the import benchmarks and the demo: its files must be what the importers
// accept, row for row, and the same seed must give the same files.

describe('the synthetic data generator', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-generate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same files for the same seed, and other files for another', async () => {
    const [a, b, c] = await Promise.all([
      generate(500, 42, path.join(dir, 'a')),
      generate(500, 42, path.join(dir, 'b')),
      generate(500, 43, path.join(dir, 'c')),
    ]);
    expect(readFileSync(a.ctdc).equals(readFileSync(b.ctdc))).toBe(true);
    expect(readFileSync(a.htcds).equals(readFileSync(b.htcds))).toBe(true);
    expect(readFileSync(a.ctdc).equals(readFileSync(c.ctdc))).toBe(false);
  });

  it('writes CTDC and HTCDS rows that the importers read without a single problem', async () => {
    const files = await generate(2000, 7, path.join(dir, 'import'));
    const ctdc = parse(readFileSync(files.ctdc), { columns: false }) as string[][];
    const header = readCtdcHeader(ctdc[0]!);
    expect(header).toMatchObject({ variant: '2024', problems: [] });
    const readCtdc = ctdcCellsReader(header.variant, header.columns, 2026);
    const ctdcRows = ctdc.slice(1).map((cells) => readCtdc(cells));
    expect(ctdcRows).toHaveLength(2000);
    expect(ctdcRows.flatMap((row) => row.problems)).toEqual([]);

    const htcds = parse(readFileSync(files.htcds), { columns: false }) as string[][];
    expect(readHtcdsHeader(htcds[0]!).problems).toEqual([]);
    const htcdsRows = htcds
      .slice(1)
      .map((cells) =>
        readHtcdsRow(Object.fromEntries(htcds[0]!.map((c, i) => [c, cells[i]!])), '2026-12-01'),
      );
    expect(htcdsRows.flatMap((row) => row.problems)).toEqual([]);
    // Both files describe the same victims.
    expect(htcdsRows.map((row) => row.victim.sex)).toEqual(ctdcRows.map((row) => row.victim.sex));
  });

  it('draws realistic shares: more women than men, sexual exploitation and forced labour the main forms', async () => {
    const files = await generate(5000, 11, path.join(dir, 'shares'));
    const rows = parse(readFileSync(files.ctdc), { columns: true }) as Record<string, string>[];
    const share = (test: (row: Record<string, string>) => boolean) => rows.filter(test).length / rows.length;
    expect(share((r) => r.gender === 'Woman')).toBeGreaterThan(0.6);
    expect(share((r) => r.gender === 'Man')).toBeGreaterThan(0.2);
    expect(share((r) => r.isSexualExploit === '1')).toBeGreaterThan(0.4);
    expect(share((r) => r.isForcedLabour === '1')).toBeGreaterThan(0.3);
    expect(share((r) => r.ageBroad === '9--17' || r.ageBroad === '0--8')).toBeGreaterThan(0.1);
    expect(new Set(rows.map((r) => r.yearOfRegistration)).size).toBeGreaterThan(15);
  });
});
