import { Badge, Button, Card, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { dateColumn } from '../../components/table-columns.js';
import { IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingListItem } from '../../../../src/modules/coordination/meetings.schemas.js';
import { DataTable } from '../../components/data-table.js';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDate } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { GroupDialog, MeetingDialog } from './meeting.dialogs.js';
import { groupsQuery, meetingListQuery, myDecisionsQuery } from './meetings.api.js';

export function MeetingsPage() {
  const { t } = useTranslation(['coordination', 'web']);
  const can = useCan();
  const mayManage = can('meeting.manage');
  const navigate = useNavigate();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'meeting' | 'group' | null>(null);
  const groups = useQuery(groupsQuery);
  const meetings = useQuery(meetingListQuery(groupId));

  const columns: ColumnDef<MeetingListItem>[] = [
    dateColumn('heldOn', t('meetings.heldOn'), (m) => m.heldOn),
    {
      id: 'title',
      header: t('meetings.meetingTitle'),
      accessorFn: (m) => m.title,
      cell: ({ row }) => (
        <RouterAnchor to="/meetings/$meetingId" params={{ meetingId: row.original.id }} fw={600}>
          {row.original.title}
        </RouterAnchor>
      ),
    },
    { id: 'group', header: t('meetings.groupField'), accessorFn: (m) => m.group.name },
    {
      id: 'decisions',
      header: t('meetings.decisions'),
      accessorFn: (m) => m.decisions.open,
      cell: ({ row }) => (
        <Badge variant="light" color={row.original.decisions.open > 0 ? 'orange' : 'gray'}>
          {t('meetings.openCount', row.original.decisions)}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        description={t('meetings.intro')}
        actions={
          mayManage && (
            <>
              <Button
                variant="default"
                leftSection={<IconUsersGroup size={18} aria-hidden />}
                onClick={() => setDialog('group')}
              >
                {t('meetings.newGroup')}
              </Button>
              <CreateButton label={t('meetings.newMeeting')} onClick={() => setDialog('meeting')} />
            </>
          )
        }
      />
      <Stack gap="lg">
        <MyDecisions />
        <Select
          label={t('meetings.groupField')}
          maw={360}
          clearable
          placeholder={t('meetings.allGroups')}
          value={groupId}
          onChange={setGroupId}
          data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
        <ProblemAlert error={meetings.error ?? groups.error} />
        <DataTable
          label={t('meetings.title')}
          columns={columns}
          rows={meetings.data ?? []}
          rowId={(m) => m.id}
          loading={meetings.isPending}
          empty={t('meetings.empty')}
        />
        <Groups />
      </Stack>
      <MeetingDialog
        opened={dialog === 'meeting'}
        onClose={() => setDialog(null)}
        onCreated={(meetingId) => void navigate({ to: '/meetings/$meetingId', params: { meetingId } })}
      />
      <GroupDialog opened={dialog === 'group'} onClose={() => setDialog(null)} />
    </>
  );
}

/** The open decisions waiting on the reader or their agency. */
function MyDecisions() {
  const { t } = useTranslation('coordination');
  const mine = useQuery(myDecisionsQuery);
  if (!mine.data?.length) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('meetings.mine')}
      </Title>
      <List spacing="xs">
        {mine.data.map((d) => (
          <List.Item key={d.id}>
            <RouterAnchor to="/meetings/$meetingId" params={{ meetingId: d.meetingId }}>
              {d.meetingTitle} · {t('meetings.numbered', { number: d.number })}
            </RouterAnchor>{' '}
            <Text span size="sm">
              {d.text}
            </Text>
            {d.dueOn && (
              <Badge ml="xs" variant="light" color={d.overdue ? 'red' : 'blue'}>
                {formatDate(d.dueOn)}
              </Badge>
            )}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function Groups() {
  const { t } = useTranslation('coordination');
  const groups = useQuery(groupsQuery);
  if (!groups.data?.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('meetings.groups')}
      </Title>
      {groups.data.map((g) => (
        <Card key={g.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{g.name}</Text>
            <Badge variant="light">{t(`meetings.groupKind.${g.kind}`)}</Badge>
          </Group>
          {g.chair && (
            <Text size="sm">
              {t('meetings.chair')}: {g.chair.name}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('meetings.members')}:{' '}
            {g.members.map((m) => `${m.name}${m.agency ? ` (${m.agency.code})` : ''}`).join(', ')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
