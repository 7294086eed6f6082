import { Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { QueryTable } from '../../components/list-table.js';
import { FilterSelect } from '../../components/filter-panel.js';
import { actionsColumn, RowButton, unsortedColumn, WithNote } from '../../components/table-columns.js';
import { ActiveBadge } from '../../components/status-badge.js';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKey, IconPencil, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRole, roles } from '../../../../src/core/permissions.js';
import type { UserView } from '../../../../src/modules/access/access.schemas.js';
import { formatDateTime } from '../../components/format.js';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan } from '../session/session.js';
import { ResetPasswordDialog, UserDialog, type UserDialogTarget } from './user.dialog.js';
import { usersQuery, type UserFilters } from './users.api.js';

const statusFilters = ['true', 'false'] as const;
const isStatusFilter = (value: string | null): value is 'true' | 'false' =>
  statusFilters.some((status) => status === value);

export function UsersPage() {
  const { t } = useTranslation(['web', 'common']);
  const can = useCan();
  const mayManage = can('user.manage');
  const [filters, setFilters] = useState<Omit<UserFilters, 'q'>>({
    agencyId: null,
    role: null,
    active: null,
  });
  const [search, setSearch] = useState('');
  // The list is asked for once typing pauses, not at every key.
  const [q] = useDebouncedValue(search.trim(), 300);
  const users = useQuery(usersQuery({ ...filters, q }));
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const [editing, setEditing] = useState<UserDialogTarget>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);

  const columns = useUserColumns({ mayManage, setEditing, setResetting });

  const language = currentLanguage();
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.intro')}
        actions={
          mayManage && <CreateButton label={t('users.create')} onClick={() => setEditing({ record: null })} />
        }
      />
      <Paper withBorder p="md" mb="md" component="section" aria-label={t('table.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
          />
          <FilterSelect
            label={t('users.agency')}
            data={(agencies.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.code} – ${a.names[language]}`,
            }))}
            value={filters.agencyId}
            onChange={(agencyId) => setFilters({ ...filters, agencyId })}
            searchable
          />
          <FilterSelect
            label={t('users.role')}
            data={roles.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
            value={filters.role}
            onChange={(role) => setFilters({ ...filters, role: role && isRole(role) ? role : null })}
          />
          <FilterSelect
            label={t('users.status')}
            data={[
              { value: 'true', label: t('status.active') },
              { value: 'false', label: t('status.inactive') },
            ]}
            value={filters.active}
            onChange={(active) => setFilters({ ...filters, active: isStatusFilter(active) ? active : null })}
          />
        </SimpleGrid>
      </Paper>
      <QueryTable
        query={users}
        label={t('users.title')}
        columns={columns}
        empty={t('users.empty')}
        minWidth={900}
      />
      <UserDialog target={editing} onClose={() => setEditing(null)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

function useUserColumns({
  mayManage,
  setEditing,
  setResetting,
}: {
  mayManage: boolean;
  setEditing: (target: UserDialogTarget) => void;
  setResetting: (user: UserView) => void;
}): ColumnDef<UserView>[] {
  const { t } = useTranslation(['web', 'common']);
  const columns: ColumnDef<UserView>[] = [
    {
      id: 'name',
      header: t('users.name'),
      accessorFn: (u) => u.name,
      cell: ({ row }) => (
        <WithNote note={row.original.email}>
          <Text size="sm" fw={600}>
            {row.original.name}
          </Text>
        </WithNote>
      ),
    },
    { id: 'agency', header: t('users.agency'), accessorFn: (u) => u.agency.code },
    unsortedColumn('roles', t('users.roles'), (user) => (
      <Stack gap={2}>
        {user.roles.map((role) => (
          <Text key={role} size="sm">
            {t(`common:role.${role}`)}
          </Text>
        ))}
      </Stack>
    )),
    {
      id: 'twoFactor',
      header: t('users.twoFactor'),
      accessorFn: (u) => u.twoFactorEnabled,
      cell: ({ row }) => (row.original.twoFactorEnabled ? t('status.yes') : t('status.no')),
    },
    {
      id: 'status',
      header: t('users.status'),
      accessorFn: (u) => u.active,
      cell: ({ row }) => (
        <Stack gap={4} align="flex-start">
          <ActiveBadge active={row.original.active} />
          {row.original.mustChangePassword && (
            <Text size="xs" c="dimmed">
              {t('users.awaitingFirstSignIn')}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'lastSignIn',
      header: t('users.lastSignIn'),
      accessorFn: (u) => u.lastSignInAt ?? '',
      cell: ({ row }) =>
        row.original.lastSignInAt ? formatDateTime(row.original.lastSignInAt) : t('users.never'),
    },
  ];
  if (mayManage) {
    columns.push(
      actionsColumn(t('table.actions'), (user) => (
        <Group gap={6} wrap="nowrap">
          <RowButton
            variant="light"
            icon={<IconPencil size={16} aria-hidden />}
            name={t('users.editNamed', { name: user.name })}
            label={t('action.edit')}
            onClick={() => setEditing({ record: user })}
          />
          <RowButton
            color="gray"
            icon={<IconKey size={16} aria-hidden />}
            name={t('users.resetNamed', { name: user.name })}
            label={t('users.reset')}
            onClick={() => setResetting(user)}
          />
        </Group>
      )),
    );
  }
  return columns;
}
