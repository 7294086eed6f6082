import { Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { ProblemAlert } from './problem-alert.js';

/**
 * Records shown as cards rather than rows: the problem if the list could not be read, a
 * sentence when there are none (once loaded), then a card for each.
 */
export function CardList<Item extends { id: string }>({
  query,
  items,
  empty,
  children,
}: {
  /** The list's request: its failure, and whether it is still on its way. */
  query: { error: unknown; isPending: boolean };
  items: readonly Item[];
  empty: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <>
      <ProblemAlert error={query.error} />
      {!query.isPending && items.length === 0 && (
        <Text c="dimmed" py="lg" ta="center">
          {empty}
        </Text>
      )}
      {items.map((item) => (
        <Fragment key={item.id}>{children(item)}</Fragment>
      ))}
    </>
  );
}
