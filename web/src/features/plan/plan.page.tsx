import { Badge, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconChecklist, IconLayoutKanban } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor, RouterButton } from '../../components/router-links.js';
import { formatDate, formatDateRange } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { planQuery, plansQuery, type Plan } from './plan.api.js';
import { StatusReason, TaskStatusBadge } from './task-status.badge.js';
import { AgencyLabel } from '../../components/agency-label.js';

/** The plan as a tree: objectives (with their 4P pillar), and under each its tasks coloured by status. */
export function PlanPage() {
  const { t } = useTranslation('coordination');
  const can = useCan();
  const plans = useQuery(plansQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const planId = chosen ?? plans.data?.[0]?.id ?? null;
  const plan = useQuery({ ...planQuery(planId ?? ''), enabled: planId !== null });

  return (
    <>
      <PageHeader
        title={t('plan.title')}
        description={t('plan.intro')}
        actions={
          <>
            <RouterButton
              to="/tasks"
              variant="default"
              leftSection={<IconLayoutKanban size={18} aria-hidden />}
            >
              {t('plan.board')}
            </RouterButton>
            {can('progress.validate') && (
              <RouterButton to="/progress/pending" leftSection={<IconChecklist size={18} aria-hidden />}>
                {t('plan.validation')}
              </RouterButton>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <ProblemAlert error={plans.error ?? plan.error} />
        {plans.data && plans.data.length > 1 && (
          <Select
            label={t('plan.choose')}
            data={plans.data.map((p) => ({ value: p.id, label: p.name }))}
            value={planId}
            onChange={setChosen}
            maw={420}
          />
        )}
        {plans.data?.length === 0 && <Text c="dimmed">{t('plan.none')}</Text>}
        {plan.data && <PlanTree plan={plan.data} />}
      </Stack>
    </>
  );
}

function PlanTree({ plan }: { plan: Plan }) {
  const { t } = useTranslation('coordination');
  return (
    <Stack gap="md" component="section" aria-label={plan.name}>
      <Text>
        {plan.name} · {formatDateRange(plan.startDate, plan.endDate)}
      </Text>
      {plan.objectives.map((objective) => (
        <Card key={objective.id} withBorder padding="md">
          <Group gap="xs" mb="sm" wrap="wrap">
            <Badge variant="light">{t(`plan.pillar.${objective.pillar}`)}</Badge>
            <Title order={2} size="h4">
              {objective.position}. {objective.title}
            </Title>
          </Group>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {objective.tasks.map((task) => (
              <li key={task.id} data-status={task.status}>
                <Group gap="xs" wrap="wrap" align="flex-start">
                  <TaskStatusBadge status={task.status} />
                  <Stack gap={0} style={{ flex: 1, minWidth: 200 }}>
                    <RouterAnchor to="/tasks/$taskId" params={{ taskId: task.id }} fw={600}>
                      {task.title}
                    </RouterAnchor>
                    <Text size="sm">
                      <AgencyLabel code={task.leadAgency.code} />
                      {task.supportingAgencies.length > 0 &&
                        ` + ${task.supportingAgencies.map((a) => a.code).join(', ')}`}{' '}
                      · {t('plan.due', { date: formatDate(task.dueDate) })}
                    </Text>
                    <StatusReason reason={task.reason} />
                  </Stack>
                </Group>
              </li>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
