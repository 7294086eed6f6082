import { DisclosureError, MAX_COLUMNS, MAX_ROWS, suppress } from './disclosure.js';
import { poissonTrend } from './trend.js';

/**
 * `guia trend --json` and `guia protect --json` as pure functions of their input text, so the
 * contracts are tested without a process. Exit codes: 0 result written; 2 the input is invalid
 * (stderr names the field, one line); 1 unexpected failure.
 */
export type CliOutcome = { exitCode: 0 | 1 | 2; stdout: string; stderr: string };

const invalid = (messages: string[]): CliOutcome => ({
  exitCode: 2,
  stdout: '',
  stderr: `${messages.join('; ')}\n`,
});

const ok = (value: unknown): CliOutcome => ({
  exitCode: 0,
  stdout: `${JSON.stringify(value)}\n`,
  stderr: '',
});

function parseObject(text: string): Record<string, unknown> | CliOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid(['input: not valid JSON']);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return invalid(['input: must be a JSON object']);
  return json as Record<string, unknown>;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function guarded(run: () => CliOutcome, what: string): CliOutcome {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: '', stderr: `${what} failed: ${reason.replace(/\s+/g, ' ')}\n` };
  }
}

/** The earliest year a count may be for; data before it is a typing error, not history. */
export const FIRST_YEAR = 1900;

/**
 * Input {"counts": {"2016": 4, ...}}; output {"direction", "rateRatio", "ci95", "pValue"}, the
 * numbers null when the model cannot be fitted. Years run from 1900 to the current year.
 */
export function runTrendJson(text: string, currentYear: number): CliOutcome {
  return guarded(() => {
    const input = parseObject(text);
    if ('exitCode' in input) return input as CliOutcome;
    const unknown = Object.keys(input).filter((k) => k !== 'counts');
    if (unknown.length > 0) return invalid(unknown.map((k) => `${k}: unknown field (expected counts)`));
    const counts = input.counts;
    if (typeof counts !== 'object' || counts === null || Array.isArray(counts))
      return invalid(['counts: must be an object of year: count']);
    const problems: string[] = [];
    const points = Object.entries(counts).flatMap(([key, value]) => {
      const year = /^\d{4}$/.test(key) ? Number(key) : NaN;
      if (!(year >= FIRST_YEAR && year <= currentYear))
        problems.push(`counts.${key}: not a year from ${FIRST_YEAR} to ${currentYear}`);
      if (!isCount(value)) problems.push(`counts.${key}: must be a non-negative integer`);
      return [{ year, count: value as number }];
    });
    if (problems.length > 0) return invalid(problems);
    const trend = poissonTrend(points);
    return ok({
      direction: trend.direction,
      rateRatio: trend.rateRatio,
      ci95: trend.ci95,
      pValue: trend.pValue,
    });
  }, 'trend');
}

/**
 * Input {"threshold": 5, "table": [[int, ...], ...]}; output the published table and margins
 * with null for each suppressed value, after primary and secondary suppression and the audit.
 */
export function runProtectJson(text: string): CliOutcome {
  return guarded(() => {
    const input = parseObject(text);
    if ('exitCode' in input) return input as CliOutcome;
    const unknown = Object.keys(input).filter((k) => k !== 'threshold' && k !== 'table');
    if (unknown.length > 0)
      return invalid(unknown.map((k) => `${k}: unknown field (expected threshold and table)`));
    const { threshold, table } = input;
    const problems: string[] = [];
    if (!isCount(threshold) || threshold < 1 || threshold > 1000)
      problems.push('threshold: must be an integer from 1 to 1000');
    if (!Array.isArray(table) || table.length === 0 || !table.every(Array.isArray))
      problems.push('table: must be a non-empty array of rows (arrays of counts)');
    else if (table.length > MAX_ROWS || (table[0] as unknown[]).length > MAX_COLUMNS)
      problems.push(`table: at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns`);
    else
      (table as unknown[][]).forEach((row, i) =>
        row.forEach((v, j) => {
          if (!isCount(v)) problems.push(`table[${i}][${j}]: must be a non-negative integer`);
        }),
      );
    if (problems.length > 0) return invalid(problems);
    try {
      const rules = { name: 'cli', version: 1, threshold: threshold as number, zeros: 'show' as const };
      const { published, audit } = suppress(table as number[][], {
        ...rules,
        roundingBase: null,
        noise: null,
      });
      if (!audit.passed)
        return { exitCode: 1, stdout: '', stderr: 'protect failed: the audit did not pass\n' };
      // The contract is the four fields; which hidden values are small stays out of it.
      const { table: cells, rowTotals, colTotals, total } = published;
      return ok({ table: cells, rowTotals, colTotals, total });
    } catch (error) {
      if (error instanceof DisclosureError) return invalid([`${error.path}: ${describe(error.code)}`]);
      throw error;
    }
  }, 'protect');
}

function describe(code: string): string {
  const words: Record<string, string> = {
    not_rectangular: 'every row must have as many cells as the first',
    columns: `must have from 1 to ${MAX_COLUMNS} cells`,
    rows: `must have from 1 to ${MAX_ROWS} rows`,
    not_a_count: 'must be a non-negative integer',
  };
  return words[code] ?? code;
}
