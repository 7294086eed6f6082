import { calendarYear, tipPeriod } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { queryIndicator } from './indicators.service.js';
import type { Dimension, RecordKind, ReportQuery, YearlyReport } from './statistics.schemas.js';

// The secretariat's yearly report: the figures the committee publishes for one calendar year or
// TIP reporting period, each read from the indicator engine (counts only, never a record). The
// sections are fixed so that every year's report reads the same and can be compared.

type SectionSpec = { id: string; kind: RecordKind; by: Dimension | null };

/** The report's sections, in the order they are printed. */
export const reportSections: readonly SectionSpec[] = [
  { id: 'cases', kind: 'case', by: null },
  { id: 'casesByForm', kind: 'case', by: 'form' },
  { id: 'victims', kind: 'victim', by: null },
  { id: 'victimsBySex', kind: 'victim', by: 'sex' },
  { id: 'victimsByAgeBand', kind: 'victim', by: 'ageBand' },
  { id: 'victimsByAgeGroup', kind: 'victim', by: 'ageGroup' },
  { id: 'victimsByNationality', kind: 'victim', by: 'nationality' },
  { id: 'victimsByForm', kind: 'victim', by: 'form' },
  { id: 'suspectsBySex', kind: 'suspect', by: 'sex' },
  { id: 'prosecutionsBySex', kind: 'prosecution', by: 'sex' },
  { id: 'convictionsBySex', kind: 'conviction', by: 'sex' },
  { id: 'sentencesByLength', kind: 'sentence', by: 'sentenceBand' },
  { id: 'servicesByKind', kind: 'service', by: 'kind' },
  { id: 'referralsByStatus', kind: 'referral', by: 'status' },
];

/** Values by count, largest first; "not recorded" last; ties in code order, so a report is stable. */
function sortRows(rows: { value: string | null; count: number }[]) {
  return rows.sort((a, b) =>
    a.value === null ? 1 : b.value === null ? -1 : b.count - a.count || (a.value < b.value ? -1 : 1),
  );
}

export async function yearlyReport(db: Executor, q: ReportQuery): Promise<YearlyReport> {
  const period = q.period === 'tip' ? tipPeriod(q.year) : calendarYear(q.year);
  const sections: YearlyReport['sections'] = [];
  for (const s of reportSections) {
    const result = await queryIndicator(db, {
      kind: s.kind,
      period: q.period,
      by: s.by ? [s.by] : [],
      from: period.key,
      to: period.key,
      ...(q.source ? { source: q.source } : {}),
    });
    const rows = s.by
      ? sortRows(result.cells.map((c) => ({ value: c.values[0] ?? null, count: c.count })))
      : [];
    sections.push({
      id: s.id,
      kind: s.kind,
      dimension: s.by,
      total: result.total,
      // Multi-valued (nationality, form): a record counts under each value it holds, so the
      // rows may add up to more than the total; the denominator says how many hold one.
      recordsWithValue: s.by ? (result.denominators[s.by] ?? null) : null,
      measure: result.measure ? result.cells.reduce((n, c) => n + c.sum, 0) : null,
      rows,
    });
  }
  return { period: q.period, year: q.year, key: period.key, start: period.start, end: period.end, sections };
}
