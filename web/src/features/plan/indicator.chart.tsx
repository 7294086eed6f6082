import { Paper, Text, Title } from '@mantine/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskPage } from './plan.api.js';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/**
 * The straight line from baseline (start) to target (due) that the status rule measures
 * against, and the validated figures at the end of their periods.
 */
export function IndicatorChart({ task }: { task: TaskPage }) {
  const { t } = useTranslation('coordination');
  const element = useRef<HTMLDivElement>(null);
  const validated = task.progress
    .filter((p) => p.status === 'validated' && p.value !== null)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));

  useEffect(() => {
    if (!element.current || task.target === null) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: task.unit ?? '' },
      series: [
        {
          name: t('plan.chart.line'),
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: [
            [task.startDate, task.baseline ?? 0],
            [task.dueDate, task.target],
          ],
        },
        {
          name: t('plan.chart.validated'),
          type: 'line',
          symbolSize: 9,
          data: validated.map((p) => [p.periodEnd, p.value]),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [task, validated, t]);

  if (task.target === null) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {task.indicator}
      </Title>
      <div
        ref={element}
        style={{ width: '100%', height: 260 }}
        role="img"
        aria-label={t('plan.chart.label')}
      />
      <Text size="sm" c="dimmed">
        {t('plan.chart.summary', {
          baseline: task.baseline ?? 0,
          target: task.target,
          unit: task.unit ?? '',
          latest: task.latest?.value ?? '—',
        })}
      </Text>
    </Paper>
  );
}
