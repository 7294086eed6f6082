import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useAction } from '../../components/form-dialog.js';
import { CardHeader } from '../../components/section-card.js';
import { DownloadButton } from '../../components/download-button.js';
import { IconArrowLeft, IconFileTypeDocx, IconFileTypePdf, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionView, MeetingView } from '../../../../src/modules/coordination/meetings.schemas.js';
import { notifyProblem } from '../../components/notify.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { RowButton } from '../../components/table-columns.js';
import { formatDate } from '../cases/case-labels.js';
import { useSignedInSession } from '../session/session.js';
import { AttendanceDialog, DecisionDialog, MinutesDialog, TaskDialog } from './meeting-record.dialogs.js';
import {
  groupsQuery,
  meetingQuery,
  meetingsApi,
  meetingsKey,
  minutesUrl,
  openItemsQuery,
} from './meetings.api.js';
import { AgencyLabel } from '../../components/agency-label.js';

const statusColour = { open: 'orange', done: 'green', dropped: 'gray' } as const;

export function MeetingPage() {
  const { t } = useTranslation(['coordination', 'common']);
  const { meetingId } = useParams({ from: '/app/meetings/$meetingId' });
  const meeting = useQuery(meetingQuery(meetingId));
  const [dialog, setDialog] = useState<'minutes' | 'attendance' | 'decision' | null>(null);
  const [taskFor, setTaskFor] = useState<DecisionView | null>(null);
  const groups = useQuery(groupsQuery);
  if (!meeting.data) return <ProblemAlert error={meeting.error} />;
  const m = meeting.data;
  const members = groups.data?.find((g) => g.id === m.group.id)?.members ?? [];
  const close = () => setDialog(null);
  // What the secretariat may change opens its dialog from a light button beside the card's title.
  const editButton = (label: string, opens: 'minutes' | 'attendance') =>
    m.canManage && <RowButton variant="light" label={label} onClick={() => setDialog(opens)} />;

  return (
    <>
      <RouterAnchor to="/meetings" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('meetings.back')}
        </Group>
      </RouterAnchor>
      <PageHeader
        title={m.title}
        description={[
          `${m.group.name} (${t(`meetings.groupKind.${m.group.kind}`)})`,
          formatDate(m.heldOn),
          m.location,
          t(`common:language.${m.language}`),
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            <DownloadButton
              href={minutesUrl(m.id, 'pdf')}
              download={false}
              icon={<IconFileTypePdf size={18} aria-hidden />}
              label={t('meetings.downloadPdf')}
            />
            <DownloadButton
              href={minutesUrl(m.id, 'docx')}
              download={false}
              icon={<IconFileTypeDocx size={18} aria-hidden />}
              label={t('meetings.downloadDocx')}
            />
          </>
        }
      />
      <Stack gap="lg">
        <OpenItemsCard meetingId={m.id} heldOn={m.heldOn} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              {t('meetings.agenda')}
            </Title>
            {m.agenda.length ? (
              <List type="ordered">
                {m.agenda.map((a) => (
                  <List.Item key={a.id}>{a.title}</List.Item>
                ))}
              </List>
            ) : (
              <Text c="dimmed">—</Text>
            )}
          </Card>
          <HeadedCard
            title={t('meetings.attendance')}
            action={editButton(t('meetings.editAttendance'), 'attendance')}
          >
            <List>
              {m.attendance.map((a) => (
                <List.Item key={a.user.id}>
                  {a.user.name}{' '}
                  {a.agency && (
                    <>
                      (<AgencyLabel code={a.agency.code} />)
                    </>
                  )}{' '}
                  · {t(`meetings.attendanceStatus.${a.status}`)}
                </List.Item>
              ))}
            </List>
            {m.guests && (
              <Text size="sm" mt="xs">
                {t('meetings.guests')}: {m.guests}
              </Text>
            )}
          </HeadedCard>
        </SimpleGrid>
        <HeadedCard
          title={t('meetings.minutesText')}
          action={editButton(t('meetings.editMinutes'), 'minutes')}
        >
          <Text style={{ whiteSpace: 'pre-wrap' }} lang={m.language}>
            {m.minutes ?? t('meetings.noMinutes')}
          </Text>
        </HeadedCard>
        <Decisions meeting={m} onAdd={() => setDialog('decision')} onTask={setTaskFor} />
      </Stack>
      {m.canManage && (
        <>
          <MinutesDialog opened={dialog === 'minutes'} onClose={close} meeting={m} />
          <AttendanceDialog opened={dialog === 'attendance'} onClose={close} meeting={m} members={members} />
          <DecisionDialog opened={dialog === 'decision'} onClose={close} meeting={m} />
          <TaskDialog decision={taskFor} onClose={() => setTaskFor(null)} />
        </>
      )}
    </>
  );
}

/** A part of the meeting's page: its title, and beside it what the secretariat may change there. */
function HeadedCard({ title, action, children }: { title: string; action: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder>
      <CardHeader title={title} action={action} mb="xs" />
      {children}
    </Card>
  );
}

function OpenItemsCard({ meetingId, heldOn }: { meetingId: string; heldOn: string }) {
  const { t } = useTranslation('coordination');
  const items = useQuery(openItemsQuery(meetingId));
  if (!items.data) return <ProblemAlert error={items.error} />;
  const { decisions, tasks } = items.data;
  return (
    <Card withBorder bg="yellow.0">
      <Title order={2} size="h4">
        {t('meetings.openItems')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('meetings.openItemsSince', { date: formatDate(heldOn) })}
      </Text>
      {decisions.length === 0 && tasks.length === 0 && <Text>{t('meetings.noOpenItems')}</Text>}
      <List spacing="xs">
        {decisions.map((d) => (
          <List.Item key={d.id}>
            <Anchor href={`/meetings/${d.meeting.id}`}>
              {formatDate(d.meeting.heldOn)} · {t('meetings.numbered', { number: d.number })}
            </Anchor>{' '}
            {d.text} {d.dueOn && <Badge variant="light">{formatDate(d.dueOn)}</Badge>}
          </List.Item>
        ))}
      </List>
      {tasks.length > 0 && (
        <>
          <Text fw={600} mt="sm">
            {t('meetings.openTasks')}
          </Text>
          <List spacing="xs">
            {tasks.map((task) => (
              <List.Item key={task.id}>
                {task.title} · <AgencyLabel code={task.leadAgency.code} /> · {formatDate(task.dueDate)}{' '}
                <Badge variant="light">{t(`meetings.taskStatus.${task.status as 'done'}`)}</Badge>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}

function Decisions({
  meeting,
  onAdd,
  onTask,
}: {
  meeting: MeetingView;
  onAdd: () => void;
  onTask: (decision: DecisionView) => void;
}) {
  const { t } = useTranslation('coordination');
  const session = useSignedInSession();
  const setStatus = useAction(
    ({ d, status }: { d: DecisionView; status: DecisionView['status'] }) =>
      meetingsApi.updateDecision(d.id, { status, version: d.version }),
    { invalidate: [meetingsKey], done: () => t('meetings.decisionSaved') },
    notifyProblem,
  );
  const mayClose = (d: DecisionView) =>
    meeting.canManage ||
    d.assigneeUser?.id === session.user.id ||
    d.assigneeAgency?.id === session.user.agency.id;
  return (
    <HeadedCard
      title={t('meetings.decisions')}
      action={
        meeting.canManage && (
          <RowButton
            variant="filled"
            icon={<IconPlus size={16} aria-hidden />}
            label={t('meetings.newDecision')}
            onClick={onAdd}
          />
        )
      }
    >
      {meeting.decisions.length === 0 && <Text c="dimmed">{t('meetings.noDecisions')}</Text>}
      <Stack gap="sm">
        {meeting.decisions.map((d) => (
          <Card key={d.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{t('meetings.numbered', { number: d.number })}</Text>
              <Badge color={statusColour[d.status]} variant="light">
                {t(`meetings.decisionStatus.${d.status}`)}
              </Badge>
            </Group>
            <Text lang={meeting.language}>{d.text}</Text>
            <Text size="sm" c="dimmed">
              {[d.assigneeUser?.name, d.assigneeAgency?.code].filter(Boolean).join(' · ')}
              {d.dueOn && ` · ${t('meetings.dueOn')} ${formatDate(d.dueOn)}`}
            </Text>
            {d.tasks.length > 0 && (
              <Text size="sm">
                {t('meetings.tasks')}:{' '}
                {d.tasks
                  .map((task) => `${task.title} (${t(`meetings.taskStatus.${task.status as 'done'}`)})`)
                  .join('; ')}
              </Text>
            )}
            <Group gap="xs" mt="xs">
              {mayClose(d) && d.status === 'open' && (
                <RowButton
                  variant="light"
                  color="green"
                  label={t('meetings.markDone')}
                  onClick={() => setStatus.mutate({ d, status: 'done' })}
                />
              )}
              {meeting.canManage && d.status === 'open' && (
                <>
                  <RowButton
                    variant="light"
                    color="gray"
                    label={t('meetings.drop')}
                    onClick={() => setStatus.mutate({ d, status: 'dropped' })}
                  />
                  <RowButton variant="light" label={t('meetings.createTask')} onClick={() => onTask(d)} />
                </>
              )}
              {mayClose(d) && d.status !== 'open' && (
                <RowButton
                  label={t('meetings.reopen')}
                  onClick={() => setStatus.mutate({ d, status: 'open' })}
                />
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    </HeadedCard>
  );
}
