import { Button, Group } from '@mantine/core';
import { DataTable, type DataTableProps } from './data-table.js';
import { ProblemAlert } from './problem-alert.js';

/** The part of a paged list a "load more" button needs to know. */
type PagedQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/** Under a paged list: fetches the next page while there is one, and spins while it comes. */
export function LoadMore({ query, label }: { query: PagedQuery; label: string }) {
  if (!query.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {label}
      </Button>
    </Group>
  );
}

/**
 * A list read page by page, as a table: the rows read so far (each known by its id), the
 * spinner while the first page comes, and the button that reads the next.
 */
export function PagedTable<Row extends { id: string }>({
  query,
  more,
  ...table
}: Omit<DataTableProps<Row>, 'rowId' | 'loading'> & {
  query: PagedQuery & { isPending: boolean };
  /** The label of the button reading the next page. */
  more: string;
}) {
  return (
    <>
      <DataTable {...table} rowId={(row) => row.id} loading={query.isPending} />
      <LoadMore query={query} label={more} />
    </>
  );
}

/** A list read at once, as a table: the problem if it could not be read, else its rows (each known by its id). */
export function QueryTable<Row extends { id: string }>({
  query,
  ...table
}: Omit<DataTableProps<Row>, 'rowId' | 'loading' | 'rows'> & {
  query: { data?: Row[] | undefined; error: unknown; isPending: boolean };
}) {
  return (
    <>
      <ProblemAlert error={query.error} />
      <DataTable {...table} rows={query.data ?? []} rowId={(row) => row.id} loading={query.isPending} />
    </>
  );
}
