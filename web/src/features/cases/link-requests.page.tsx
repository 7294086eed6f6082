import { Badge, Stack, Text } from '@mantine/core';
import { useAction } from '../../components/form-dialog.js';
import { actionsColumn, AnswerButtons } from '../../components/table-columns.js';
import { SectionCard } from '../../components/section-card.js';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.js';
import { formatDate } from './case-labels.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { casesKey, casesApi, linkRequestsKey, linkRequestsQuery, type LinkRequest } from './cases.api.js';
import { plainBadge } from './plain-badge.js';
import { AgencyLabel } from '../../components/agency-label.js';

const statusColors: Record<LinkRequest['status'], string> = {
  pending: 'blue',
  approved: 'teal',
  refused: 'red',
};

/**
 * Requests to link a person into another case: those about people the reader works with,
 * to answer, and those the reader sent, to follow.
 */
export function LinkRequestsPage() {
  const { t } = useTranslation(['cases', 'web']);
  const requests = useQuery(linkRequestsQuery);
  const decide = useDecide();

  const { incoming, outgoing } = useLinkColumns(decide);

  return (
    <>
      <PageHeader title={t('cases:links.title')} description={t('cases:links.intro')} />
      <Stack gap="lg">
        <ProblemAlert error={requests.error ?? decide.error} />
        <SectionCard
          id="links-incoming"
          title={t('cases:links.incoming')}
          intro={t('cases:links.incomingIntro')}
        >
          <DataTable
            label={t('cases:links.incoming')}
            columns={incoming}
            rows={requests.data?.incoming ?? []}
            rowId={(r) => r.id}
            loading={requests.isPending}
            empty={t('cases:links.emptyIncoming')}
            minWidth={900}
          />
        </SectionCard>
        <SectionCard id="links-outgoing" title={t('cases:links.outgoing')}>
          <DataTable
            label={t('cases:links.outgoing')}
            columns={outgoing}
            rows={requests.data?.outgoing ?? []}
            rowId={(r) => r.id}
            loading={requests.isPending}
            empty={t('cases:links.emptyOutgoing')}
            minWidth={800}
          />
        </SectionCard>
      </Stack>
    </>
  );
}

function LinkStatus({ request }: { request: LinkRequest }) {
  const { t } = useTranslation(['cases']);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={statusColors[request.status]} variant="light" style={plainBadge}>
        {t(`cases:linkStatus.${request.status}`)}
      </Badge>
      {request.decidedAt && (
        <Text size="xs" c="dimmed">
          {t('cases:links.byOn', {
            name: request.decidedBy?.name ?? t('cases:none'),
            date: formatDate(request.decidedAt),
          })}
        </Text>
      )}
    </Stack>
  );
}

function useDecide() {
  const { t } = useTranslation(['cases']);
  return useAction(
    ({ request, decision }: { request: LinkRequest; decision: 'approve' | 'refuse' }) =>
      casesApi.decideLink(request.id, decision),
    {
      invalidate: [linkRequestsKey, casesKey],
      done: (request) =>
        request.status === 'approved'
          ? t('cases:links.approved', {
              pseudonym: request.source.pseudonym,
              reference: request.target.reference,
            })
          : t('cases:links.refused', { reference: request.target.reference }),
    },
  );
}

function useLinkColumns(decide: ReturnType<typeof useDecide>) {
  const { t } = useTranslation(['cases', 'web']);
  const common: ColumnDef<LinkRequest>[] = [
    {
      id: 'person',
      header: t('cases:links.person'),
      accessorFn: (r) => r.source.pseudonym,
      cell: ({ row }) => (
        <Text size="sm" fw={600}>
          {row.original.source.pseudonym}
        </Text>
      ),
    },
    {
      id: 'source',
      header: t('cases:links.source'),
      accessorFn: (r) => r.source.reference,
    },
    {
      id: 'target',
      header: t('cases:links.target'),
      accessorFn: (r) => r.target.reference,
      cell: ({ row }) => (
        <Text size="sm">
          {row.original.target.reference} (<AgencyLabel code={row.original.target.leadAgency.code} />)
        </Text>
      ),
    },
    { id: 'role', header: t('cases:links.role'), accessorFn: (r) => t(`cases:role.${r.role}`) },
    {
      id: 'requested',
      header: t('cases:links.requested'),
      accessorFn: (r) => r.requestedAt,
      cell: ({ row }) => (
        <Text size="sm">
          {t('cases:links.byOn', {
            name: row.original.requestedBy?.name ?? t('cases:none'),
            date: formatDate(row.original.requestedAt),
          })}
        </Text>
      ),
    },
    {
      id: 'status',
      header: t('cases:links.status'),
      accessorFn: (r) => r.status,
      cell: ({ row }) => <LinkStatus request={row.original} />,
    },
  ];

  const incoming: ColumnDef<LinkRequest>[] = [
    ...common,
    actionsColumn(t('web:table.actions'), (request) => {
      if (request.status !== 'pending') return null;
      const names = { pseudonym: request.source.pseudonym, reference: request.target.reference };
      const busy = (decision: 'approve' | 'refuse') =>
        decide.isPending &&
        decide.variables?.request.id === request.id &&
        decide.variables.decision === decision;
      const answer = (decision: 'approve' | 'refuse') => ({
        loading: busy(decision),
        onClick: () => decide.mutate({ request, decision }),
        name: t(`cases:links.${decision}Named`, names),
        label: t(`cases:links.${decision}`),
      });
      return <AnswerButtons yes={answer('approve')} no={answer('refuse')} />;
    }),
  ];

  const outgoing: ColumnDef<LinkRequest>[] = common.map((column) =>
    column.id === 'target'
      ? {
          ...column,
          // The requester works the target case: it opens from here.
          cell: ({ row }) => (
            <RouterAnchor
              to="/cases/$caseId"
              params={{ caseId: row.original.target.caseId }}
              search={{ tab: 'people' }}
              size="sm"
              fw={600}
            >
              {row.original.target.reference}
            </RouterAnchor>
          ),
        }
      : column,
  );
  return { incoming, outgoing };
}
