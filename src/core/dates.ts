import { invalid } from './errors.js';

// Rules every record with dates follows. Dates are ISO strings (YYYY-MM-DD), which
// compare correctly as text; `today` is passed in, never read from a clock here.

/** Dates of things that happened cannot lie in the future. */
export function assertNotFuture(today: string, fields: Record<string, string | null | undefined>): void {
  for (const [path, value] of Object.entries(fields)) {
    if (value && value > today) throw invalid(path, 'future_date');
  }
}

/** An end cannot come before its start. */
export function assertNotBefore(
  path: string,
  value: string | null | undefined,
  start: string | null | undefined,
  code = 'before_start',
): void {
  if (value && start && value < start) throw invalid(path, code);
}
