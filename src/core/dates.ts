import { invalid } from './errors.js';

// Rules every record with dates follows. Dates are ISO strings (YYYY-MM-DD), which
// compare correctly as text; `today` is passed in, never read from a clock here.

/**
 * No record of this system is about anything before 1900: an earlier date is a typing
 * mistake (0020 for 2020), and year 0000 is not even a date in most systems.
 */
export const earliestDate = '1900-01-01';

export function isOnOrAfterEarliestDate(date: string): boolean {
  return date >= earliestDate;
}

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

/** Whole years of age on `day` of someone born on `birthDate` (both yyyy-mm-dd); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
