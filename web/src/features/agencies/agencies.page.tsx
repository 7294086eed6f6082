import { actionsColumn, RowButton } from '../../components/table-columns.js';
import { QueryTable } from '../../components/list-table.js';
import { ActiveBadge } from '../../components/status-badge.js';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyView } from '../../../../src/modules/access/access.schemas.js';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useCan } from '../session/session.js';
import { agenciesQuery } from './agencies.api.js';
import { AgencyDialog, type AgencyDialogTarget } from './agency.dialog.js';

export function AgenciesPage() {
  const { t } = useTranslation(['web', 'common']);
  const can = useCan();
  const mayManage = can('agency.manage');
  const agencies = useQuery(agenciesQuery);
  const [editing, setEditing] = useState<AgencyDialogTarget>(null);
  const language = currentLanguage();

  const columns: ColumnDef<AgencyView>[] = [
    {
      id: 'code',
      header: t('agencies.code'),
      accessorFn: (a) => a.code,
      cell: ({ row }) => <b>{row.original.code}</b>,
    },
    { id: 'name', header: t('agencies.name'), accessorFn: (a) => a.names[language] },
    { id: 'kind', header: t('agencies.kind'), accessorFn: (a) => t(`common:agencyKind.${a.kind}`) },
    {
      id: 'status',
      header: t('agencies.status'),
      accessorFn: (a) => a.active,
      cell: ({ row }) => <ActiveBadge active={row.original.active} />,
    },
  ];
  if (mayManage) {
    columns.push(
      actionsColumn(t('table.actions'), (agency) => (
        <RowButton
          variant="light"
          icon={<IconPencil size={16} aria-hidden />}
          name={t('agencies.editNamed', { code: agency.code })}
          label={t('action.edit')}
          onClick={() => setEditing({ record: agency })}
        />
      )),
    );
  }

  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.intro')}
        actions={
          mayManage && (
            <CreateButton label={t('agencies.create')} onClick={() => setEditing({ record: null })} />
          )
        }
      />
      <QueryTable
        query={agencies}
        label={t('agencies.title')}
        columns={columns}
        empty={t('agencies.empty')}
      />
      <AgencyDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}
