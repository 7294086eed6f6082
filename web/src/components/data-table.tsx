import { Card, Center, Group, Loader, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import {
  flexRender,
  type Row as TableRow,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type DataTableProps<Row> = {
  /** Names the table for assistive technology. */
  label: string;
  columns: ColumnDef<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  loading?: boolean;
  empty: string;
  minWidth?: number;
};

/** Below this width a table's rows become cards: a phone has no room for columns side by side. */
export const phoneWidth = '(max-width: 47.99em)';

/**
 * A sortable table of records: headers sort on click or Enter, and say how they sort. On a
 * phone each record is a card listing its fields, with its actions always in view.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  // The table keeps the values it computed for each row (labels among them): a new language
  // builds it afresh, so that no row stays in the previous one.
  const { i18n } = useTranslation();
  return <LocalisedDataTable key={i18n.language} {...props} />;
}

function LocalisedDataTable<Row>({
  label,
  columns,
  rows,
  rowId,
  loading = false,
  empty,
  minWidth = 720,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: rowId,
  });
  const columnCount = table.getVisibleLeafColumns().length;
  const phone = useMediaQuery(phoneWidth);

  if (phone)
    return <RecordCards label={label} rows={table.getRowModel().rows} loading={loading} empty={empty} />;

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label} striped highlightOnHover verticalSpacing="sm" aria-busy={loading}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const title = flexRender(column.columnDef.header, header.getContext());
                if (!column.getCanSort()) return <Table.Th key={header.id}>{title}</Table.Th>;
                const direction = column.getIsSorted();
                const SortIcon =
                  direction === 'asc' ? IconArrowUp : direction === 'desc' ? IconArrowDown : IconArrowsSort;
                return (
                  <Table.Th
                    key={header.id}
                    aria-sort={
                      direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'
                    }
                  >
                    <UnstyledButton onClick={column.getToggleSortingHandler()} fw={600} fz="sm">
                      <Group gap={4} wrap="nowrap">
                        {title}
                        <SortIcon size={14} aria-hidden opacity={direction ? 1 : 0.5} />
                      </Group>
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {loading && (
            <Table.Tr>
              <Table.Td colSpan={columnCount}>
                <Center py="lg">
                  <Loader size="sm" aria-label={t('status.loading')} />
                </Center>
              </Table.Td>
            </Table.Tr>
          )}
          {!loading && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columnCount}>
                <Text c="dimmed" ta="center" py="lg">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {!loading &&
            table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The records of a table as a list of cards, each field under its column's name. */
function RecordCards<Row>({
  label,
  rows,
  loading,
  empty,
}: {
  label: string;
  rows: TableRow<Row>[];
  loading: boolean;
  empty: string;
}) {
  const { t } = useTranslation();
  if (loading)
    return (
      <Center py="lg" aria-busy>
        <Loader size="sm" aria-label={t('status.loading')} />
      </Center>
    );
  if (rows.length === 0)
    return (
      <Text c="dimmed" ta="center" py="lg">
        {empty}
      </Text>
    );
  return (
    <Stack component="ul" gap="sm" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
      {rows.map((row) => {
        const cells = row.getVisibleCells();
        const actions = cells.find((cell) => cell.column.id === 'actions');
        return (
          <Card key={row.id} component="li" withBorder radius="md" padding="sm">
            <Stack gap="xs">
              {cells
                .filter((cell) => cell !== actions)
                .map((cell) => {
                  const header = cell.column.columnDef.header;
                  return (
                    <Stack key={cell.id} gap={0}>
                      <Text size="xs" c="dimmed" fw={600}>
                        {typeof header === 'string' ? header : cell.column.id}
                      </Text>
                      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Text>
                    </Stack>
                  );
                })}
              {actions && <div>{flexRender(actions.column.columnDef.cell, actions.getContext())}</div>}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
