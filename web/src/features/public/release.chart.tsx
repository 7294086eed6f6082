import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useChart } from '../../components/chart.js';
import { useDimensionLabel } from '../statistics/dimension-label.js';
import type { PublicReleaseView } from './public.api.js';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/**
 * Stacked bars of a released table, one bar per row, one series per column. A suppressed cell
 * is drawn as no bar (never as its threshold, which would invent a number) and its tooltip
 * reads `<T`, the same as the table.
 */
export function ReleaseChart({ release, label }: { release: PublicReleaseView; label: string }) {
  const words = useDimensionLabel();
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesIndex: number; dataIndex: number; seriesName: string; name: string }) => {
          const v = release.published.table[p.dataIndex]?.[p.seriesIndex] ?? null;
          const small = release.published.small?.items.some(
            (s) => s.kind === 'cell' && s.row === p.dataIndex && s.col === p.seriesIndex,
          );
          return `${p.name} · ${p.seriesName}: ${v !== null ? v : small ? `<${release.threshold}` : 'x'}`;
        },
      },
      xAxis: { type: 'category', data: release.rowLabels.map((v) => words(release.query.rows, v)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: release.colLabels.map((c, j) => ({
        name: words(release.query.cols, c),
        type: 'bar',
        stack: 'all',
        data: release.published.table.map((row) => row[j] ?? null),
      })),
    }),
    [release, words],
  );
  const element = useChart(option);

  return <div ref={element} role="img" aria-label={label} style={{ height: 280, width: '100%' }} />;
}
