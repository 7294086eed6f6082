import { describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { crashTest } from './crash.js';
import { bundledGuiaPerFile } from '../support/bundled-guia.js';

// The crash test at its CI size: a few SIGKILLs on each database. `npm run crash-test` runs
// 50 cycles on each (GUIA_CRASH_CYCLES, or --cycles), which is too long for every commit.

const cycles = Number(process.env.GUIA_CRASH_CYCLES ?? 3);
const guiaOn = bundledGuiaPerFile();

describe.each(databases)('killing the server on %s', (kind) => {
  it(
    'loses no acknowledged write and leaves the database whole',
    { timeout: 120_000 + cycles * 120_000 },
    async () => {
      const report = await crashTest({
        ...guiaOn(kind),
        cycles,
        writers: 4,
        importRows: 1000,
        runMs: [300, 1500],
        log: (line) => process.stderr.write(`${line}\n`),
      });
      expect(report.problems).toEqual([]);
      expect(report.lost).toBe(0);
      expect(report.cycles).toBe(cycles);
      // The run wrote something worth checking every cycle, and the trail holds it.
      expect(report.writesChecked).toBeGreaterThanOrEqual(cycles * 3);
      expect(report.auditEntries).toBeGreaterThan(report.writesChecked);
    },
  );
});
