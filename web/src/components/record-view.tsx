import { Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/http.js';
import { ProblemAlert } from './problem-alert.js';

/** A page's spinner while what it shows is on its way. */
export function PageLoader() {
  const { t } = useTranslation('web');
  return (
    <Center py="xl">
      <Loader aria-label={t('status.loading')} />
    </Center>
  );
}

/**
 * One record's page: a spinner while it loads; a record out of reach answered like one that
 * does not exist (403 and 404 alike, so that the answer does not say which); another failure
 * as the problem; then the page itself.
 */
export function RecordView<Data>({
  query,
  notAvailable,
  children,
}: {
  query: UseQueryResult<Data>;
  notAvailable: ReactNode;
  children: (data: Data) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.error instanceof ProblemError && [403, 404].includes(query.error.problem.status))
    return notAvailable;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return children(query.data);
}
