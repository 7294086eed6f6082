import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor, RouterButton } from '../../components/router-links.js';
import { auditActionLabel } from '../audit/audit.api.js';
import { formatDate } from '../cases/case-labels.js';
import { workQueueQuery, type Queue } from '../notifications/notifications.api.js';
import { useSignedInSession } from '../session/session.js';

// The home page is the person's work queue: each section only for those whose role has that
// work (the server sends null otherwise), each saying what to do when it is empty.

type TaskItem = NonNullable<Queue['tasks']>[number];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function ReferralsSection({ queue }: { queue: Queue }) {
  const { t } = useTranslation(['notifications']);
  if (!queue.referrals) return null;
  return (
    <Section id="queue-referrals" title={t('notifications:home.referralsTitle')}>
      {queue.referrals.length === 0 && <Empty>{t('notifications:home.referralsEmpty')}</Empty>}
      {queue.referrals.map((referral) => (
        <Stack key={referral.id} gap={0}>
          <Text fw={600} size="sm">
            {referral.pseudonym} · {referral.caseReference}
          </Text>
          <Text size="xs" c="dimmed">
            {t('notifications:home.referralFrom', {
              agency: referral.fromAgency,
              date: formatDate(referral.sentOn),
            })}
          </Text>
        </Stack>
      ))}
      {queue.referrals.length > 0 && (
        <RouterButton to="/referrals" variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
          {t('notifications:home.referralsAll', { count: queue.counts.referrals ?? queue.referrals.length })}
        </RouterButton>
      )}
    </Section>
  );
}

function TaskLine({ item }: { item: TaskItem }) {
  const { t } = useTranslation(['notifications']);
  return (
    <Stack gap={2}>
      <RouterAnchor to="/tasks/$taskId" params={{ taskId: item.taskId }} fw={600} size="sm">
        {item.title}
      </RouterAnchor>
      {item.kind === 'task_due' ? (
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('notifications:home.taskDue', { date: formatDate(item.due), agency: item.agency })}
          </Text>
          <Badge size="sm" color={item.status === 'overdue' ? 'red' : 'orange'} variant="light">
            {item.status === 'overdue'
              ? t('notifications:home.daysOverdue', { count: -item.daysLeft })
              : t('notifications:home.daysLeft', { count: item.daysLeft })}
          </Badge>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('notifications:home.progressLine', { agency: item.agency, period: item.period })}
        </Text>
      )}
    </Stack>
  );
}

function TasksSections({ queue }: { queue: Queue }) {
  const { t } = useTranslation(['notifications']);
  if (!queue.tasks) return null;
  const of = (kind: TaskItem['kind']) => queue.tasks!.filter((item) => item.kind === kind);
  const returned = of('progress_returned');
  const validated = of('progress_validated');
  return (
    <>
      <Section id="queue-tasks" title={t('notifications:home.tasksTitle')}>
        {of('task_due').length === 0 && <Empty>{t('notifications:home.tasksEmpty')}</Empty>}
        {of('task_due').map((item) => (
          <TaskLine key={item.taskId} item={item} />
        ))}
      </Section>
      {returned.length > 0 && (
        <Section id="queue-returned" title={t('notifications:home.returnedTitle')}>
          {returned.map((item) => (
            <TaskLine key={'progressId' in item ? item.progressId : item.taskId} item={item} />
          ))}
        </Section>
      )}
      {validated.length > 0 && (
        <Section id="queue-validated" title={t('notifications:home.validatedTitle')}>
          {validated.map((item) => (
            <TaskLine key={'progressId' in item ? item.progressId : item.taskId} item={item} />
          ))}
        </Section>
      )}
      {queue.counts.validations !== null && (
        <Section id="queue-validation" title={t('notifications:home.validationTitle')}>
          {of('progress_to_validate').length === 0 && (
            <Empty>{t('notifications:home.validationEmpty')}</Empty>
          )}
          {of('progress_to_validate').map((item) => (
            <TaskLine key={'progressId' in item ? item.progressId : item.taskId} item={item} />
          ))}
        </Section>
      )}
    </>
  );
}

function DecisionsSection({ queue }: { queue: Queue }) {
  const { t } = useTranslation(['notifications']);
  if (!queue.decisions) return null;
  return (
    <Section id="queue-decisions" title={t('notifications:home.decisionsTitle')}>
      {queue.decisions.length === 0 && <Empty>{t('notifications:home.decisionsEmpty')}</Empty>}
      {queue.decisions.map((decision) => (
        <Stack key={decision.id} gap={2}>
          <RouterAnchor
            to="/meetings/$meetingId"
            params={{ meetingId: decision.meetingId }}
            fw={600}
            size="sm"
          >
            {t('notifications:home.decisionLine', {
              date: formatDate(decision.heldOn),
              number: decision.number,
            })}
          </RouterAnchor>
          <Text size="sm" lineClamp={2}>
            {decision.text}
          </Text>
          {decision.dueOn && (
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {t('notifications:home.dueOn', { date: formatDate(decision.dueOn) })}
              </Text>
              {decision.overdue && (
                <Badge size="sm" color="red" variant="light">
                  {t('notifications:home.overdue')}
                </Badge>
              )}
            </Group>
          )}
        </Stack>
      ))}
    </Section>
  );
}

function CasesSection({ queue }: { queue: Queue }) {
  const { t } = useTranslation(['notifications', 'common']);
  const { items, total } = queue.cases;
  return (
    <Section id="queue-cases" title={t('notifications:home.casesTitle')}>
      {items.length === 0 && <Empty>{t('notifications:home.casesEmpty')}</Empty>}
      {items.map((item) => (
        <Stack key={item.id} gap={2}>
          <Group gap="xs" wrap="wrap">
            <RouterAnchor to="/cases/$caseId" params={{ caseId: item.id }} fw={600} size="sm">
              {item.reference}
            </RouterAnchor>
            <Badge size="sm" variant="outline" color="gray">
              {t(`common:caseStage.${item.stage}` as 'common:caseStage.reported')}
            </Badge>
            {item.recent && (
              <Badge size="sm" variant="light">
                {t('notifications:home.changedRecently')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {item.lastChange
              ? t('notifications:home.lastChange', {
                  action: auditActionLabel(item.lastChange.action),
                  date: formatDateTime(item.lastChange.at),
                })
              : t('notifications:home.noChange')}
          </Text>
        </Stack>
      ))}
      {total > items.length && (
        <RouterButton to="/cases" variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
          {t('notifications:home.casesAll', { count: total })}
        </RouterButton>
      )}
    </Section>
  );
}

export function HomePage() {
  const { t } = useTranslation(['notifications', 'web']);
  const session = useSignedInSession();
  const queue = useQuery(workQueueQuery);
  return (
    <>
      <PageHeader
        title={t('web:home.welcome', { name: session.user.name })}
        description={
          queue.data ? t('notifications:home.description', { date: formatDate(queue.data.today) }) : undefined
        }
      />
      <ProblemAlert error={queue.error} onReload={() => void queue.refetch()} />
      {queue.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <ReferralsSection queue={queue.data} />
          <TasksSections queue={queue.data} />
          <DecisionsSection queue={queue.data} />
          <CasesSection queue={queue.data} />
        </SimpleGrid>
      )}
    </>
  );
}
