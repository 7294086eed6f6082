import { Alert, Center, Group, Loader, Paper, Select, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { YearCount } from '../../../../src/core/statistics/trend.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterButton } from '../../components/router-links.js';
import { ChartPanel } from './chart-panel.js';
import { useDimensionLabel } from './dimension-label.js';
import type { TableData } from './download.js';
import {
  dashboardQuery,
  type DashboardPeriod,
  type DashboardView,
  type PanelResult,
} from './statistics.api.js';
import { TrendSummary } from './trend-summary.js';
import { PeriodKindControl } from './period-kind.js';

/** The yearly series beside which a trend is stated. */
const trendPanels = [
  'victimsByPeriod',
  'casesByPeriod',
  'prosecutionsByPeriod',
  'convictionsByPeriod',
] as const;
/** The breakdowns the TIP Report and UNODC ask for, filtered to one period or over all time. */
const breakdownPanels = [
  { id: 'victimsBySex', dimension: 'sex' },
  { id: 'victimsByAgeBand', dimension: 'ageBand' },
  // Nationalities are kept as ISO 3166 alpha-3 codes and read by the country's name.
  { id: 'victimsByNationality', dimension: 'nationality' },
  { id: 'victimsByForm', dimension: 'form' },
] as const;

/** `2024` or `TIP2024` → 2024. */
const yearOf = (key: string) => Number(key.replace(/^TIP/, ''));

/** Counts by year, the years without a record between the first and the last counted as 0. */
function yearlyCounts(result: PanelResult): YearCount[] {
  const byYear = new Map<number, number>();
  for (const cell of result.cells) {
    if (cell.period === null) continue;
    const year = yearOf(cell.period);
    byYear.set(year, (byYear.get(year) ?? 0) + cell.count);
  }
  const years = [...byYear.keys()];
  if (years.length === 0) return [];
  const counts: YearCount[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++)
    counts.push({ year: y, count: byYear.get(y) ?? 0 });
  return counts;
}

/**
 * Statistics for analysts and the secretariat: counts only, from the indicator engine. Yearly
 * trends with their Poisson trend test, and breakdowns for all time or one year / TIP period.
 */
export function StatisticsPage() {
  const { t } = useTranslation('statistics');
  const [period, setPeriod] = useState<DashboardPeriod>('year');
  const [year, setYear] = useState<number | null>(null);
  const trends = useQuery(dashboardQuery(period, null));
  const breakdowns = useQuery(dashboardQuery(period, year));
  const panel = (view: DashboardView | undefined, id: string) =>
    view?.panels.find((p) => p.id === id)?.result;
  const victims = panel(trends.data, 'victimsByPeriod');
  const years = victims ? yearlyCounts(victims).map((c) => c.year) : [];
  const periodLabel = (y: number) => (period === 'tip' ? t('dashboard.tipPeriod', { year: y }) : String(y));
  const words = useDimensionLabel();
  const countHead = t('dashboard.count');

  return (
    <Stack>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.intro')}
        actions={
          <RouterButton to="/statistics/report" variant="default">
            {t('report.nav')}
          </RouterButton>
        }
      />
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <PeriodKindControl
            label={t('dashboard.periodKind')}
            value={period}
            onChange={(next) => {
              setPeriod(next);
              setYear(null);
            }}
          />
          <Select
            label={t('dashboard.breakdownPeriod')}
            value={year === null ? 'all' : String(year)}
            onChange={(v) => setYear(!v || v === 'all' ? null : Number(v))}
            data={[
              { value: 'all', label: t('dashboard.allTime') },
              ...years.map((y) => ({ value: String(y), label: periodLabel(y) })),
            ]}
            allowDeselect={false}
          />
        </Group>
      </Paper>
      {(trends.isError || breakdowns.isError) && <ProblemAlert error={trends.error ?? breakdowns.error} />}
      {trends.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <>
          <Title order={2} size="h3">
            {t('dashboard.trends')}
          </Title>
          {trendPanels.map((id) => {
            const result = panel(trends.data, id);
            if (!result) return null;
            const counts = yearlyCounts(result);
            const table: TableData = {
              head: [t(`dashboard.period.${period}`), countHead],
              rows: counts.map((c) => [periodLabel(c.year), c.count]),
            };
            return (
              <ChartPanel
                key={id}
                id={id}
                title={t(`dashboard.panels.${id}`)}
                table={table}
                kind="line"
                aside={
                  // Nothing counted: no trend to state, only "nothing counted yet".
                  counts.length > 0 ? (
                    <TrendSummary id={id === 'victimsByPeriod' ? 'victims' : id} counts={counts} />
                  ) : undefined
                }
              />
            );
          })}
        </>
      )}
      <Title order={2} size="h3">
        {year === null
          ? t('dashboard.breakdownsAll')
          : t('dashboard.breakdownsIn', { period: periodLabel(year) })}
      </Title>
      {breakdowns.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        breakdownPanels.map(({ id, dimension }) => {
          const result = panel(breakdowns.data, id);
          if (!result) return null;
          return (
            <Stack key={id} gap={4}>
              <ChartPanel
                id={id}
                title={t(`dashboard.panels.${id}`)}
                table={breakdownTable(result, t(`dashboard.dimension.${dimension}`), countHead, (value) =>
                  words(dimension, value),
                )}
                kind="bar"
              />
              {Object.entries(result.denominators).map(([dimension, records]) => (
                <Alert key={dimension} variant="light" p="xs">
                  {t('dashboard.multiValued', { records })}
                </Alert>
              ))}
            </Stack>
          );
        })
      )}
    </Stack>
  );
}

/** One row per value of the panel's dimension, summed over the periods of the result. */
function breakdownTable(
  result: PanelResult,
  dimension: string,
  countHead: string,
  label: (value: string | null) => string,
): TableData {
  const counts = new Map<string | null, number>();
  for (const cell of result.cells) {
    const value = cell.values[0] ?? null;
    counts.set(value, (counts.get(value) ?? 0) + cell.count);
  }
  const rows = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]): (string | number)[] => [label(value), count]);
  return { head: [dimension, countHead], rows };
}
