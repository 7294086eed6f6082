import { Badge, Select, Stack, Text } from '@mantine/core';
import { actionsColumn, RowButton, unsortedColumn, WithNote } from '../../components/table-columns.js';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exchangeKinds, type ExchangeView } from '../../../../src/modules/cooperation/cooperation.schemas.js';
import { DataTable } from '../../components/data-table.js';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDate } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { exchangesQuery } from './cooperation.api.js';
import { ExchangeDialog, type ExchangeTarget } from './exchange.dialog.js';
import { countryText } from '../../components/country.js';
import { AgencyLabel } from '../../components/agency-label.js';

type Kind = (typeof exchangeKinds)[number];

export function CooperationPage() {
  const { t } = useTranslation(['coordination', 'web']);
  const can = useCan();
  const [kind, setKind] = useState<Kind | null>(null);
  const [target, setTarget] = useState<ExchangeTarget>(undefined);
  const exchanges = useQuery(exchangesQuery(kind ? { kind } : {}));

  const columns: ColumnDef<ExchangeView>[] = [
    {
      id: 'dates',
      header: t('cooperation.dates'),
      accessorFn: (e) => e.startedOn,
      cell: ({ row }) =>
        [formatDate(row.original.startedOn), row.original.endedOn && formatDate(row.original.endedOn)]
          .filter(Boolean)
          .join(' – '),
    },
    { id: 'kind', header: t('cooperation.kindField'), accessorFn: (e) => t(`cooperation.kind.${e.kind}`) },
    {
      id: 'counterpart',
      header: t('cooperation.counterpartKindField'),
      accessorFn: (e) => e.counterpart,
      cell: ({ row }) => (
        <WithNote
          note={
            t(`cooperation.counterpartKind.${row.original.counterpartKind}`) +
            (row.original.country ? ` · ${countryText(row.original.country)}` : '')
          }
        >
          <Text fw={600}>{row.original.counterpart}</Text>
        </WithNote>
      ),
    },
    {
      id: 'subject',
      header: t('cooperation.subject'),
      accessorFn: (e) => e.subject,
      cell: ({ row }) => (
        <Stack gap={2}>
          <Text size="sm">{row.original.subject}</Text>
          {row.original.outcome && (
            <Text size="sm" c="dimmed">
              {t('cooperation.outcome')}: {row.original.outcome}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'agency',
      header: t('cooperation.agency'),
      accessorFn: (e) => e.agency.code,
      cell: ({ row }) => <AgencyLabel id={row.original.agency.id} code={row.original.agency.code} />,
    },
    unsortedColumn('cases', t('cooperation.cases'), (exchange) => <LinkedCases exchange={exchange} />),
    actionsColumn(
      t('web:table.actions'),
      (exchange) =>
        exchange.canEdit && (
          <RowButton
            variant="light"
            icon={<IconPencil size={14} aria-hidden />}
            label={t('cooperation.edit')}
            onClick={() => setTarget(exchange)}
          />
        ),
    ),
  ];

  return (
    <>
      <PageHeader
        title={t('cooperation.title')}
        description={t('cooperation.intro')}
        actions={
          can('cooperation.write') && (
            <CreateButton label={t('cooperation.record')} onClick={() => setTarget(null)} />
          )
        }
      />
      <Stack gap="md">
        <Select
          label={t('cooperation.kindField')}
          placeholder={t('cooperation.allKinds')}
          clearable
          maw={360}
          value={kind}
          onChange={(value) => setKind(value as Kind | null)}
          data={exchangeKinds.map((k) => ({ value: k, label: t(`cooperation.kind.${k}`) }))}
        />
        <ProblemAlert error={exchanges.error} />
        <DataTable
          label={t('cooperation.title')}
          columns={columns}
          rows={exchanges.data ?? []}
          rowId={(e) => e.id}
          loading={exchanges.isPending}
          empty={t('cooperation.empty')}
        />
      </Stack>
      <ExchangeDialog target={target} onClose={() => setTarget(undefined)} />
    </>
  );
}

/** A case the reader may read is a link to it; any other is only said to be there. */
function LinkedCases({ exchange }: { exchange: ExchangeView }) {
  const { t } = useTranslation('coordination');
  return (
    <Stack gap={2}>
      {exchange.cases.map((c, index) =>
        c.readable && c.id ? (
          <RouterAnchor key={c.id} to="/cases/$caseId" params={{ caseId: c.id }} size="sm">
            {c.reference}
          </RouterAnchor>
        ) : (
          <Badge
            key={`hidden-${index}`}
            variant="light"
            color="gray"
            leftSection={<IconLock size={12} aria-hidden />}
          >
            {t('cooperation.caseHidden')}
          </Badge>
        ),
      )}
      {exchange.tasks.map((task) => (
        <Text key={task.id} size="xs">
          {task.title}
        </Text>
      ))}
    </Stack>
  );
}
