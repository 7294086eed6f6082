import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { pendingQuery } from './plan.api.js';
import { ProgressList } from './progress.list.js';

/** The secretariat's queue: reports submitted by the agencies, oldest first, to validate or return. */
export function ValidationPage() {
  const { t } = useTranslation('coordination');
  const pending = useQuery(pendingQuery);
  return (
    <>
      <PageHeader title={t('plan.validation')} description={t('plan.validationIntro')} />
      <Stack gap="lg">
        <ProblemAlert error={pending.error} />
        {pending.data && <ProgressList reports={pending.data} mayReport={false} mayValidate showTask />}
      </Stack>
    </>
  );
}
