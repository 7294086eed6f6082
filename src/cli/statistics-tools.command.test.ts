import { describe, expect, it } from 'vitest';
import { runGuia } from '../../test/support/cli.js';

/** Runs `guia …` in this process with the given standard input. */
const guia = (args: string[], stdin: string) => runGuia(args, { stdin });

describe('guia trend --json and guia protect --json', () => {
  it('trend reads counts on standard input and prints one JSON line', async () => {
    const run = await guia(['trend', '--json'], JSON.stringify({ counts: { 2022: 10, 2023: 4 } }));
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { rateRatio: number; direction: string };
    expect(out.rateRatio).toBeCloseTo(0.4, 12);
    expect(out.direction).toBe('none');
  });

  it('trend refuses a year in the future against the clock, exiting non-zero', async () => {
    const run = await guia(['trend', '--json'], '{"counts": {"3020": 1, "2020": 2}}');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/counts\.3020: not a year/);
    expect(run.stdout).toBe('');
  });

  it('protect prints the table with its small cell and its partners hidden', async () => {
    const run = await guia(['protect', '--json'], '{"threshold": 5, "table": [[3, 20], [15, 25]]}');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { table: (number | null)[][]; total: number };
    expect(out.table).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(out.total).toBe(63);
  });

  it('protect refuses a negative cell, exiting non-zero', async () => {
    const run = await guia(['protect', '--json'], '{"threshold": 5, "table": [[3, -20]]}');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/table\[0\]\[1\]/);
  });
});
