import { Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pillars } from '../../../../src/modules/coordination/plan.schemas.js';
import { taskStatuses } from '../../../../src/core/coordination/task-status.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { formatDate } from '../cases/case-labels.js';
import { planQuery, plansQuery, tasksQuery } from './plan.api.js';
import { StatusReason, TaskStatusBadge } from './task-status.badge.js';
import { AgencyLabel } from '../../components/agency-label.js';

type Filter = {
  agency?: string;
  objectiveId?: string;
  pillar?: (typeof pillars)[number];
  status?: (typeof taskStatuses)[number];
};

/** Every task, filterable by agency, objective, 4P pillar and status; cards that stack at phone width. */
export function TaskBoardPage() {
  const { t } = useTranslation('coordination');
  const [filter, setFilter] = useState<Filter>({});
  const agencies = useQuery(agenciesQuery);
  const plans = useQuery(plansQuery);
  const planId = plans.data?.[0]?.id;
  const plan = useQuery({ ...planQuery(planId ?? ''), enabled: planId !== undefined });
  const tasks = useQuery(tasksQuery(filter));
  const set = (key: keyof Filter) => (value: string | null) =>
    setFilter((current) => {
      const next = { ...current };
      if (value) (next as Record<string, string>)[key] = value;
      else delete next[key];
      return next;
    });

  return (
    <>
      <PageHeader title={t('plan.board')} description={t('plan.boardIntro')} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Select
            label={t('plan.filter.agency')}
            clearable
            searchable
            data={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.code }))}
            value={filter.agency ?? null}
            onChange={set('agency')}
          />
          <Select
            label={t('plan.filter.objective')}
            clearable
            data={(plan.data?.objectives ?? []).map((o) => ({
              value: o.id,
              label: `${o.position}. ${o.title}`,
            }))}
            value={filter.objectiveId ?? null}
            onChange={set('objectiveId')}
          />
          <Select
            label={t('plan.filter.pillar')}
            clearable
            data={pillars.map((p) => ({ value: p, label: t(`plan.pillar.${p}`) }))}
            value={filter.pillar ?? null}
            onChange={set('pillar')}
          />
          <Select
            label={t('plan.filter.status')}
            clearable
            data={taskStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
            value={filter.status ?? null}
            onChange={set('status')}
          />
        </SimpleGrid>
        <ProblemAlert error={tasks.error} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('plan.count', { count: tasks.data?.length ?? 0 })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {(tasks.data ?? []).map((task) => (
            <Card key={task.id} withBorder padding="sm" data-status={task.status}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <RouterAnchor to="/tasks/$taskId" params={{ taskId: task.id }} fw={600}>
                  {task.title}
                </RouterAnchor>
                <TaskStatusBadge status={task.status} />
              </Group>
              <Text size="sm" mt={4}>
                <AgencyLabel code={task.leadAgency.code} /> ·{' '}
                {task.pillar ? t(`plan.pillar.${task.pillar}`) : t('plan.outsidePlan')} ·{' '}
                {t('plan.due', { date: formatDate(task.dueDate) })}
              </Text>
              <StatusReason reason={task.reason} />
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </>
  );
}
