import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDimensionLabel } from '../statistics/dimension-label.js';
import type { PublicReleaseView } from './public.api.js';

type HiddenItem = NonNullable<PublicReleaseView['published']['small']>['items'][number];

type Props = {
  release: Pick<PublicReleaseView, 'published' | 'rowLabels' | 'colLabels' | 'threshold'> & {
    /** The dimensions of rows and columns, whose values are read as words; codes without it. */
    query?: Pick<PublicReleaseView['query'], 'rows' | 'cols'>;
  };
  caption: string;
};

/** A released table with its margins; every suppressed value reads `<T`, never a number. */
export function ReleasedTable({ release, caption }: Props) {
  const { t } = useTranslation('statistics');
  const { published, rowLabels, colLabels, threshold } = release;
  const small = published.small?.items ?? [];
  const isSmall = (item: HiddenItem) => small.some((s) => JSON.stringify(s) === JSON.stringify(item));
  // A small hidden value reads `<T`; one hidden only to protect another reads `x` (it is not small).
  const shown = (value: number | null, item: HiddenItem) =>
    value !== null ? String(value) : isSmall(item) ? `<${threshold}` : 'x';
  const words = useDimensionLabel();
  const rowLabel = (value: string | null) => words(release.query?.rows, value);
  const colLabel = (value: string | null) => words(release.query?.cols, value);
  return (
    <Table withTableBorder withColumnBorders striped aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          {colLabels.map((c, j) => (
            <Table.Th key={j} scope="col">
              {colLabel(c)}
            </Table.Th>
          ))}
          <Table.Th scope="col">{t('publication.public.total')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {published.table.map((row, i) => (
          <Table.Tr key={i}>
            <Table.Th scope="row">{rowLabel(rowLabels[i] ?? null)}</Table.Th>
            {row.map((v, j) => (
              <Table.Td key={j}>{shown(v, { kind: 'cell', row: i, col: j })}</Table.Td>
            ))}
            <Table.Td>{shown(published.rowTotals[i] ?? null, { kind: 'rowTotal', row: i })}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">{t('publication.public.total')}</Table.Th>
          {published.colTotals.map((v, j) => (
            <Table.Td key={j}>{shown(v, { kind: 'colTotal', col: j })}</Table.Td>
          ))}
          <Table.Td>{shown(published.total, { kind: 'total' })}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
