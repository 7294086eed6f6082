import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useAction } from '../../components/form-dialog.js';
import { actionsColumn, RowButton } from '../../components/table-columns.js';
import { IconBuildingPlus, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { usersQuery } from '../users/users.api.js';
import { agencyOptions } from './case-labels.js';
import { adoptCase, casesApi, type CaseView } from './cases.api.js';
import { plainBadge } from './plain-badge.js';
import { AgencyLabel } from '../../components/agency-label.js';

type Member = CaseView['members'][number];

/** Who works the case: its members see identities and write protection records; agencies bring their officers. */
export function CaseMembers({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const can = useCan();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  // The lead agency's members and supervisors choose who works the case: the server says who may.
  const mayManage = kase.can.manageMembers;
  const leadMembers = kase.members.filter((member) => member.agencyCode === kase.leadAgency.code);
  const isLastLead = (member: Member) =>
    member.agencyCode === kase.leadAgency.code && leadMembers.length === 1;
  const remove = useMutation({
    mutationFn: (member: Member) => casesApi.removeMember(kase.id, member.userId),
    onSuccess: (view, member) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:members.removed', { name: member.name }));
    },
  });

  const columns: ColumnDef<Member>[] = [
    {
      id: 'name',
      header: t('cases:members.name'),
      accessorFn: (m) => m.name,
      cell: ({ row }) => (
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {row.original.name}
          </Text>
          {row.original.userId === session.user.id && (
            <Badge size="sm" variant="light" style={plainBadge}>
              {t('cases:members.you')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: 'agency',
      header: t('cases:members.agency'),
      accessorFn: (m) => m.agencyCode,
      cell: ({ row }) => <AgencyLabel code={row.original.agencyCode} />,
    },
  ];
  if (mayManage)
    columns.push(
      actionsColumn(t('web:table.actions'), (member) =>
        // The last member of the lead agency cannot leave: someone must answer for the case.
        isLastLead(member) ? (
          <Text size="xs" c="dimmed">
            {t('cases:members.lastLead')}
          </Text>
        ) : (
          <RowButton
            color="red"
            icon={<IconUserMinus size={16} aria-hidden />}
            loading={remove.isPending && remove.variables?.userId === member.userId}
            onClick={() => remove.mutate(member)}
            name={t('cases:members.removeNamed', { name: member.name })}
            label={t('cases:members.remove')}
          />
        ),
      ),
    );

  return (
    <Stack gap="lg">
      <Stack gap={4} maw={720}>
        <Text c="dimmed">{t('cases:members.intro')}</Text>
        <Text c="dimmed" size="sm">
          {t('cases:members.managedBy', { agency: kase.leadAgency.code })}
        </Text>
      </Stack>
      <ProblemAlert error={remove.error} />
      <DataTable
        label={t('cases:members.title')}
        columns={columns}
        rows={kase.members}
        rowId={(m) => m.userId}
        empty={t('cases:members.empty')}
        minWidth={480}
      />
      {mayManage && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {can('user.read') && <AddMember kase={kase} />}
          {can('agency.read') && <AddAgency kase={kase} />}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function AddMember({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const session = useSignedInSession();
  const users = useQuery(usersQuery({ agencyId: null, role: null, active: 'true', q: '' }));
  const picker = usePickAndAdd(kase, (id) => casesApi.addMember(kase.id, id), t('cases:members.added'));
  const options = (users.data ?? [])
    // Nobody assigns themselves to a case.
    .filter((user) => user.id !== session.user.id)
    .filter((user) => !kase.members.some((member) => member.userId === user.id))
    .map((user) => ({ value: user.id, label: `${user.name} (${user.agency.code})` }));
  return (
    <AddToCaseCard
      {...picker}
      id="add-member-heading"
      title={t('cases:members.addTitle')}
      label={t('cases:members.user')}
      description={t('cases:members.userDescription')}
      options={options}
      icon={<IconUserPlus size={18} aria-hidden />}
      submitLabel={t('cases:members.add')}
    />
  );
}

function AddAgency({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const agencies = useQuery(agenciesQuery);
  const picker = usePickAndAdd(kase, (id) => casesApi.addAgency(kase.id, id), t('cases:members.agencyAdded'));
  const onCase = [kase.leadAgency.id, ...kase.participatingAgencies.map((agency) => agency.id)];
  const options = agencyOptions((agencies.data ?? []).filter((agency) => !onCase.includes(agency.id)));
  return (
    <AddToCaseCard
      {...picker}
      id="add-agency-heading"
      title={t('cases:members.agencyTitle')}
      label={t('cases:members.agencyLabel')}
      description={t('cases:members.agencyDescription')}
      options={options}
      icon={<IconBuildingPlus size={18} aria-hidden />}
      submitLabel={t('cases:members.agencyAdd')}
    />
  );
}

/**
 * The choice of an AddToCaseCard and its request: the case view the server answers replaces
 * the cached one, the choice is cleared and the person is told.
 */
function usePickAndAdd(kase: CaseView, add: (id: string) => Promise<CaseView>, done: string) {
  const [value, setValue] = useState<string | null>(null);
  const request = useAction(add, { adopt: adoptCase, done: () => done, then: () => setValue(null) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value) request.mutate(value);
  };
  return { value, onChange: setValue, onSubmit, pending: request.isPending, error: request.error };
}

/** A small form that picks one entry from a list and adds it to the case. */
function AddToCaseCard(props: {
  id: string;
  title: string;
  label: string;
  description: string;
  options: { value: string; label: string }[];
  value: string | null;
  onChange: (value: string | null) => void;
  onSubmit: (event: FormEvent) => void;
  pending: boolean;
  error: unknown;
  icon: ReactNode;
  submitLabel: string;
}) {
  const { t } = useTranslation(['web']);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="form"
      onSubmit={props.onSubmit}
      aria-labelledby={props.id}
    >
      <Title order={2} size="h5" id={props.id} mb="xs">
        {props.title}
      </Title>
      <Stack gap="sm">
        <ProblemAlert error={props.error} />
        <Select
          label={props.label}
          description={props.description}
          data={props.options}
          searchable
          clearable
          nothingFoundMessage={t('web:table.noMatch')}
          value={props.value}
          onChange={props.onChange}
        />
        <Group justify="flex-end">
          <Button type="submit" disabled={!props.value} loading={props.pending} leftSection={props.icon}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
