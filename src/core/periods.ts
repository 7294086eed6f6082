import { invalid } from './errors.js';

// Reporting periods are first-class (DESIGN.md): the calendar year, the month, the quarter,
// and the TIP Report's period, 1 April of the previous year to 31 March of the report year
// (report 2020 covers 2019-04-01 … 2020-03-31). Dates are ISO strings (YYYY-MM-DD).

export const periodKinds = ['year', 'quarter', 'month', 'tip'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** A period with inclusive bounds and a stable key: `2024`, `2024-Q2`, `2024-05`, `TIP2024`. */
export type Period = { kind: PeriodKind; key: string; start: string; end: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthSpan(kind: PeriodKind, key: string, year: number, first: number, last: number): Period {
  return {
    kind,
    key,
    start: `${pad(year, 4)}-${pad(first)}-01`,
    end: `${pad(year, 4)}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
  };
}

export function calendarYear(year: number): Period {
  return monthSpan('year', String(year), year, 1, 12);
}

export function quarter(year: number, q: 1 | 2 | 3 | 4): Period {
  return monthSpan('quarter', `${year}-Q${q}`, year, q * 3 - 2, q * 3);
}

export function month(year: number, m: number): Period {
  return monthSpan('month', `${year}-${pad(m)}`, year, m, m);
}

/** The TIP reporting period of report year `reportYear`. */
export function tipPeriod(reportYear: number): Period {
  return {
    kind: 'tip',
    key: `TIP${reportYear}`,
    start: `${reportYear - 1}-04-01`,
    end: `${reportYear}-03-31`,
  };
}

/** The period of the given kind that contains `date`. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const year = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return calendarYear(year);
    case 'quarter':
      return quarter(year, Math.ceil(m / 3) as 1 | 2 | 3 | 4);
    case 'month':
      return month(year, m);
    case 'tip':
      return tipPeriod(m >= 4 ? year + 1 : year);
  }
}

/** The TIP report year whose period contains `date`. */
export function tipReportYearOf(date: string): number {
  return Number(periodOf('tip', date).key.slice(3));
}

const keyPatterns: Record<PeriodKind, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  tip: /^TIP(\d{4})$/,
};

/** Reads a period key (`2024`, `2024-Q2`, `2024-05`, `TIP2024`); anything else is refused naming `path`. */
export function parsePeriodKey(key: string, path = 'period'): Period {
  for (const kind of periodKinds) {
    const match = keyPatterns[kind].exec(key);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < 1900 || year > 2999) break;
    if (kind === 'year') return calendarYear(year);
    if (kind === 'quarter') return quarter(year, Number(match[2]) as 1 | 2 | 3 | 4);
    if (kind === 'month') return month(year, Number(match[2]));
    return tipPeriod(year);
  }
  throw invalid(path, 'invalid_period');
}

/** The periods of one kind that overlap [start, end], in order. */
export function periodsBetween(kind: PeriodKind, start: string, end: string): Period[] {
  const periods: Period[] = [];
  let current = periodOf(kind, start);
  while (current.start <= end) {
    periods.push(current);
    current = periodOf(kind, nextDay(current.end));
  }
  return periods;
}

export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** The day `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function contains(period: Pick<Period, 'start' | 'end'>, date: string): boolean {
  return date >= period.start && date <= period.end;
}
