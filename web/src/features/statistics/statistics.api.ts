import { queryOptions } from '@tanstack/react-query';
import { Dashboard } from '../../../../src/modules/statistics/statistics.schemas.js';
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
