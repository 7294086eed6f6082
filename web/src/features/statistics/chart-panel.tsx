import { Button, Group, Paper, SegmentedControl, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo, useState, type ReactNode } from 'react';
import { useChart } from '../../components/chart.js';
import { useTranslation } from 'react-i18next';
import { downloadCsv, downloadXlsx, type TableData } from './download.js';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, TooltipComponent, SVGRenderer]);

type Props = {
  id: string;
  title: string;
  /** First column: the category (period or value); last column: the count. */
  table: TableData;
  kind: 'line' | 'bar';
  /** Shown beside the chart (below it on a phone): the trend in words and numbers. */
  aside?: ReactNode;
};

/** One dashboard chart with its table view and its CSV / XLSX downloads. */
export function ChartPanel({ id, title, table, kind, aside }: Props) {
  const { t } = useTranslation('statistics');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            aria-label={t('dashboard.view')}
            data={[
              { value: 'chart', label: t('dashboard.chart') },
              { value: 'table', label: t('dashboard.table') },
            ]}
          />
          <Button size="xs" variant="default" onClick={() => downloadCsv(table, id)}>
            CSV
          </Button>
          <Button size="xs" variant="default" onClick={() => void downloadXlsx(table, id)}>
            XLSX
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: aside ? 2 : 1 }}>
        {table.rows.length === 0 ? (
          <Text c="dimmed">{t('dashboard.empty')}</Text>
        ) : view === 'chart' ? (
          <Chart table={table} kind={kind} label={t('dashboard.chartOf', { title })} />
        ) : (
          <CountTable table={table} caption={title} />
        )}
        {aside}
      </SimpleGrid>
    </Paper>
  );
}

function Chart({ table, kind, label }: { table: TableData; kind: 'line' | 'bar'; label: string }) {
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: table.rows.map((r) => String(r[0])) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: table.head[table.head.length - 1],
          type: kind,
          data: table.rows.map((r) => r[r.length - 1]),
          ...(kind === 'line' ? { symbolSize: 8 } : {}),
        },
      ],
    }),
    [table, kind],
  );
  const element = useChart(option);
  return <div ref={element} style={{ width: '100%', height: 260 }} role="img" aria-label={label} />;
}

function CountTable({ table, caption }: { table: TableData; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={200}>
      <Table withTableBorder striped aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {table.head.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, i) => (
            <Table.Tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <Table.Th key={j} scope="row">
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={j}>{cell}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
