import { Center, Group, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type DataTableProps<Row> = {
  /** Names the table for assistive technology. */
  label: string;
  columns: ColumnDef<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  loading?: boolean;
  empty: string;
  minWidth?: number;
};

/** A sortable table of records: headers sort on click or Enter, and say how they sort. */
export function DataTable<Row>({
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
