import { describe, expect, it } from 'vitest';
import { auditRelease } from './audit.js';
import { runProtectJson, runTrendJson } from './statistics-cli.js';

describe('guia trend --json', () => {
  it('prints the contract: direction, rate ratio, interval and p-value', () => {
    const run = runTrendJson(JSON.stringify({ counts: { 2022: 10, 2023: 4 } }), 2026);
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['direction', 'rateRatio', 'ci95', 'pValue']);
    // Two years: the ratio is 4/10 and se² = 1/10 + 1/4 (closed form).
    const se = Math.sqrt(0.35);
    expect(out.rateRatio).toBeCloseTo(0.4, 12);
    expect((out.ci95 as number[])[1]).toBeCloseTo(0.4 * Math.exp(1.959963984540054 * se), 12);
    expect(out.direction).toBe('none');
  });

  it('says declining for a steady fall', () => {
    const counts = { 2016: 48, 2017: 41, 2018: 35, 2019: 30, 2020: 22, 2021: 19, 2022: 15, 2023: 12 };
    const out = JSON.parse(runTrendJson(JSON.stringify({ counts }), 2026).stdout) as { direction: string };
    expect(out.direction).toBe('declining');
  });

  it('prints nulls when the model cannot be fitted', () => {
    for (const counts of [{ 2016: 0, 2017: 0, 2018: 0 }, { 2020: 3 }, {}, { 2019: 0, 2020: 4 }]) {
      const run = runTrendJson(JSON.stringify({ counts }), 2026);
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        direction: 'none',
        rateRatio: null,
        ci95: null,
        pValue: null,
      });
    }
  });

  it.each([
    [
      'a non-integer count',
      '{"counts": {"2016": 1.5, "2017": 2}}',
      /counts\.2016: must be a non-negative integer/,
    ],
    ['a negative count', '{"counts": {"2016": -1, "2017": 2}}', /counts\.2016: must be a non-negative/],
    ['a count as text', '{"counts": {"2016": "4", "2017": 2}}', /counts\.2016/],
    ['year 3020', '{"counts": {"3020": 1, "2017": 2}}', /counts\.3020: not a year from 1900 to 2026/],
    ['a year not yet ended... next year', '{"counts": {"2027": 1, "2017": 2}}', /counts\.2027/],
    ['a key that is no year', '{"counts": {"twenty": 1}}', /counts\.twenty: not a year/],
    ['not JSON', '{"counts": ', /input: not valid JSON/],
    ['an array', '[1, 2]', /input: must be a JSON object/],
    ['no counts', '{"years": {}}', /years: unknown field/],
    ['counts as a list', '{"counts": [1, 2]}', /counts: must be an object/],
  ])('refuses %s with exit code 2, naming the field', (_name, text, message) => {
    const run = runTrendJson(text, 2026);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('guia protect --json', () => {
  it('prints the published table with null for each suppressed value, margins included', () => {
    const table = [
      [3, 20, 30],
      [15, 25, 35],
    ];
    const run = runProtectJson(JSON.stringify({ threshold: 5, table }));
    expect(run.exitCode).toBe(0);
    const out = JSON.parse(run.stdout) as {
      table: (number | null)[][];
      rowTotals: (number | null)[];
      colTotals: (number | null)[];
      total: number | null;
    };
    expect(Object.keys(out)).toEqual(['table', 'rowTotals', 'colTotals', 'total']);
    expect(out.table[0]![0]).toBeNull();
    // Unsuppressed values are the true ones.
    out.table.forEach((row, i) => row.forEach((v, j) => v !== null && expect(v).toBe(table[i]![j])));
    expect(out.total).toBe(128);
    expect(auditRelease(out).passed).toBe(true);
  });

  it('suppresses a total from 1 to T−1', () => {
    const out = JSON.parse(runProtectJson('{"threshold": 5, "table": [[2, 0], [0, 1]]}').stdout) as {
      total: number | null;
      rowTotals: (number | null)[];
    };
    expect(out.total).toBeNull();
    expect(out.rowTotals).toEqual([null, null]);
  });

  it.each([
    [
      'a negative cell',
      '{"threshold": 5, "table": [[1, -2]]}',
      /table\[0\]\[1\]: must be a non-negative integer/,
    ],
    ['a fraction', '{"threshold": 5, "table": [[1.5]]}', /table\[0\]\[0\]/],
    ['a ragged table', '{"threshold": 5, "table": [[1, 2], [3]]}', /table\[1\]: every row/],
    ['no threshold', '{"table": [[1]]}', /threshold: must be an integer/],
    ['threshold 0', '{"threshold": 0, "table": [[1]]}', /threshold/],
    ['an empty table', '{"threshold": 5, "table": []}', /table: must be a non-empty array/],
    ['a table of numbers', '{"threshold": 5, "table": [1, 2]}', /table: must be a non-empty array/],
    ['not JSON', 'threshold=5', /input: not valid JSON/],
    ['an unknown field', '{"threshold": 5, "table": [[1]], "base": 5}', /base: unknown field/],
  ])('refuses %s with exit code 2', (_name, text, message) => {
    const run = runProtectJson(text);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
