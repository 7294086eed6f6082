import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDate, formatDateRange } from '../cases/case-labels.js';
import { IndicatorChart } from './indicator.chart.js';
import { taskQuery, type TaskPage as Task } from './plan.api.js';
import { ReportDialog } from './progress.dialogs.js';
import { ProgressList } from './progress.list.js';
import { StatusReason, TaskStatusBadge } from './task-status.badge.js';
import { AgencyLabel } from '../../components/agency-label.js';

/** One task: its status and why, its indicator against the line, its progress history and corrective actions. */
export function TaskPage() {
  const { t } = useTranslation('coordination');
  const { taskId } = useParams({ strict: false }) as { taskId: string };
  const task = useQuery(taskQuery(taskId));
  const [reporting, setReporting] = useState(false);
  const data = task.data;
  return (
    <>
      <PageHeader
        title={data?.title ?? t('plan.task')}
        description={data && <StatusReason reason={data.reason} />}
        actions={
          data?.can.report && (
            <CreateButton label={t('plan.report.title')} onClick={() => setReporting(true)} />
          )
        }
      />
      <ProblemAlert error={task.error} />
      {data && (
        <Stack gap="lg">
          <TaskFacts task={data} />
          <IndicatorChart task={data} />
          <section aria-labelledby="progress-heading">
            <Title order={2} size="h4" mb="xs" id="progress-heading">
              {t('plan.progress.title')}
            </Title>
            <ProgressList
              reports={data.progress}
              mayReport={data.can.report}
              mayValidate={data.can.validate}
            />
          </section>
          <section aria-labelledby="corrective-heading">
            <Title order={2} size="h4" mb="xs" id="corrective-heading">
              {t('plan.corrective.title')}
            </Title>
            {data.correctiveActions.length === 0 && <Text c="dimmed">{t('plan.corrective.none')}</Text>}
            {data.correctiveActions.map((action) => (
              <Card key={action.id} withBorder padding="sm" mb="xs">
                <Text>{action.description}</Text>
                <Text size="sm" c="dimmed">
                  <AgencyLabel code={action.agency.code} /> ·{' '}
                  {t('plan.due', { date: formatDate(action.dueDate) })}
                  {action.completedOn &&
                    ` · ${t('plan.corrective.done', { date: formatDate(action.completedOn) })}`}
                </Text>
              </Card>
            ))}
          </section>
          <ReportDialog task={data} opened={reporting} onClose={() => setReporting(false)} />
        </Stack>
      )}
    </>
  );
}

function TaskFacts({ task }: { task: Task }) {
  const { t } = useTranslation('coordination');
  const fact = (label: string, value: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
  return (
    <Card withBorder padding="md">
      <Group mb="sm" gap="xs">
        <TaskStatusBadge status={task.status} />
        {task.planName ? (
          <RouterAnchor to="/plan" size="sm">
            {task.planName}
          </RouterAnchor>
        ) : (
          <Text size="sm">{t('plan.outsidePlan')}</Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {task.objectiveTitle && fact(t('plan.objective'), task.objectiveTitle)}
        {fact(t('plan.lead'), task.leadAgency.code)}
        {fact(t('plan.supporting'), task.supportingAgencies.map((a) => a.code).join(', ') || '—')}
        {fact(t('plan.dates'), formatDateRange(task.startDate, task.dueDate))}
        {fact(t('plan.periodicity'), t(`plan.periodicities.${task.periodicity}`))}
        {task.target !== null &&
          fact(t('plan.target'), `${task.baseline ?? 0} → ${task.target} ${task.unit ?? ''}`)}
      </SimpleGrid>
    </Card>
  );
}
