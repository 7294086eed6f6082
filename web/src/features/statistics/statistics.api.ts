import { queryOptions } from '@tanstack/react-query';
import { Dashboard, YearlyReport } from '../../../../src/modules/statistics/statistics.schemas.js';
import { request } from '../../api/http.js';

export type DashboardPeriod = 'year' | 'tip';
export type DashboardView = Dashboard;
export type PanelResult = Dashboard['panels'][number]['result'];

/** The standard dashboard: without a year, trends by period and breakdowns over all time. */
export function dashboardQuery(period: DashboardPeriod, year: number | null) {
  const search = new URLSearchParams({ period });
  if (year !== null) search.set('year', String(year));
  return queryOptions({
    queryKey: ['statistics', 'dashboard', period, year],
    queryFn: () => request(Dashboard, 'GET', `/api/v1/statistics/dashboard?${search.toString()}`),
  });
}

export type ReportView = YearlyReport;
export type ReportSectionView = YearlyReport['sections'][number];

/** The secretariat's yearly report: one calendar year or TIP period. */
export function reportQuery(period: DashboardPeriod, year: number) {
  return queryOptions({
    queryKey: ['statistics', 'report', period, year],
    queryFn: () =>
      request(YearlyReport, 'GET', `/api/v1/statistics/report?period=${period}&year=${String(year)}`),
  });
}

/** Where the report's file in a format and language is downloaded from (the session's cookie goes along). */
export function reportFileUrl(
  format: 'pdf' | 'xlsx' | 'csv',
  period: DashboardPeriod,
  year: number,
  lang: string,
) {
  const search = new URLSearchParams({ period, year: String(year), lang });
  return `/api/v1/statistics/report/${format}?${search.toString()}`;
}
