import { Paper, Text, Title } from '@mantine/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useChart } from '../../components/chart.js';
import { useTranslation } from 'react-i18next';
import type { Placement, Tier } from '../../../../src/core/assessments/tier-rules.js';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

// Ranked tiers top to bottom; a special case or a year not in the report leaves a gap in the line.
const ranked: Tier[] = ['T3', 'T2WL', 'T2', 'T1'];

export function TierHistoryChart({ history }: { history: readonly Placement[] }) {
  const { t } = useTranslation('assessments');
  const sorted = useMemo(() => [...history].sort((a, b) => a.year - b.year), [history]);
  const option = useMemo(() => {
    if (sorted.length === 0) return null;
    const years = sorted.map((p) => String(p.year));
    return {
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (item: { dataIndex: number }) => {
          const p = sorted[item.dataIndex]!;
          return `${p.year}: ${t(`web.tiers.${p.tier}`)}${p.waiver ? ` (${t('web.chart.byWaiver')})` : ''}`;
        },
      },
      xAxis: { type: 'category', data: years, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: ranked.map((tier) => t(`web.tiers.${tier}`)),
        axisLabel: { width: 90, overflow: 'break', fontSize: 11 },
      },
      series: [
        {
          type: 'line',
          step: 'middle',
          connectNulls: false,
          symbolSize: 10,
          data: sorted.map((p) => {
            const rank = ranked.indexOf(p.tier);
            if (rank < 0) return null;
            // A waiver year is drawn hollow: on the watch list only because the downgrade was waived.
            return p.waiver ? { value: rank, itemStyle: { color: '#fff', borderWidth: 2 } } : rank;
          }),
        },
      ],
    };
  }, [sorted, t]);
  const element = useChart(option);

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('web.chart.title')}
      </Title>
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('web.chart.empty')}</Text>
      ) : (
        <>
          <div
            ref={element}
            role="img"
            aria-label={t('web.chart.label')}
            style={{ width: '100%', height: 240 }}
          />
          {/* The same placements as text, for screen readers and for reading exact years. */}
          <Text size="xs" c="dimmed" mt="xs">
            {sorted
              .map(
                (p) =>
                  `${p.year} ${t(`web.tiers.${p.tier}`)}${p.waiver ? ` (${t('web.chart.byWaiver')})` : ''}`,
              )
              .join(' · ')}
          </Text>
        </>
      )}
    </Paper>
  );
}
