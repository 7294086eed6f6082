import { Button, Group, Stack, Text, type ButtonProps } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { codeText, formatDate } from '../features/cases/case-labels.js';

/** A column of calendar days: sorted by the ISO date, shown in the reader's language. */
export function dateColumn<Row>(
  id: string,
  header: string,
  date: (row: Row) => string | null | undefined,
): ColumnDef<Row> {
  return { id, header, accessorFn: date, cell: ({ row }) => formatDate(date(row.original)) };
}

/** A column of one coded value, shown and sorted by its label in the reader's language. */
export function codeColumn<Row>(
  id: string,
  header: string,
  list: Parameters<typeof codeText>[0],
  code: (row: Row) => string | null | undefined,
): ColumnDef<Row> {
  return { id, header, accessorFn: (row) => codeText(list, code(row)) };
}

/** A column whose text names the record (what it is, to whom), set in a heavier weight. */
export function strongColumn<Row>(
  id: string,
  header: string,
  text: (row: Row) => string,
  weight = 500,
): ColumnDef<Row> {
  return {
    id,
    header,
    accessorFn: text,
    cell: ({ row }) => (
      <Text size="sm" fw={weight}>
        {text(row.original)}
      </Text>
    ),
  };
}

/** A column that is not sorted on: a list, a note, a link, or a table kept in its own order. */
export function unsortedColumn<Row>(
  id: string,
  header: string,
  cell: (row: Row) => ReactNode,
): ColumnDef<Row> {
  return { id, header, enableSorting: false, cell: ({ row }) => cell(row.original) };
}

/** The last column, holding what may be done to a record; on a phone it stays in view under the fields. */
export function actionsColumn<Row>(header: string, cell: (row: Row) => ReactNode): ColumnDef<Row> {
  return unsortedColumn('actions', header, cell);
}

/** A small quiet button acting on one row; its accessible name says which record it acts on. */
export function RowButton({
  label,
  name,
  onClick,
  color,
  variant = 'subtle',
  icon,
  loading,
}: {
  label: string;
  /** The accessible name, naming the record where the label alone does not. */
  name?: string;
  onClick: () => void;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  icon?: ReactNode;
  loading?: boolean;
}) {
  return (
    <Button
      size="xs"
      variant={variant}
      color={color}
      leftSection={icon}
      loading={loading}
      onClick={onClick}
      aria-label={name}
    >
      {label}
    </Button>
  );
}

/** A cell's main line with a small dimmed line under it (an e-mail, a code); no second line when there is no note. */
export function WithNote({ note, children }: { note: ReactNode; children: ReactNode }) {
  return (
    <Stack gap={0}>
      {children}
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Stack>
  );
}

type Answer = { label: string; name: string; onClick: () => void; loading?: boolean };

/** The two answers to a request on one row: take it (teal, a tick) or turn it down (red, a cross). */
export function AnswerButtons({ yes, no }: { yes: Answer; no: Answer }) {
  return (
    <Group gap={6} wrap="nowrap">
      <RowButton variant="light" color="teal" icon={<IconCheck size={16} aria-hidden />} {...yes} />
      <RowButton color="red" icon={<IconX size={16} aria-hidden />} {...no} />
    </Group>
  );
}
