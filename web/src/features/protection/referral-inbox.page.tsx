import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { LabelledSegments } from '../../components/labelled-segments.js';
import { ProtectionLink } from './protection-link.js';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconUserShare } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CompleteReferralBody,
  DeclineReferralBody,
  ReferralStatus,
} from '../../../../src/modules/protection/protection.schemas.js';
import { PagedTable } from '../../components/list-table.js';
import {
  actionsColumn,
  AnswerButtons,
  codeColumn,
  dateColumn,
  RowButton,
  WithNote,
} from '../../components/table-columns.js';
import { FormDialog, useAction } from '../../components/form-dialog.js';
import { DateField, TextareaField } from '../../components/form-fields.js';
import { PageHeader } from '../../components/page-header.js';
import { ExportButtons } from '../exports/export-buttons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { today } from '../cases/case-labels.js';
import { casesKey } from '../cases/cases.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { AssignDialog } from './referral-assign.dialog.js';
import { inboxKey, inboxQuery, protectionApi, type InboxItem } from './protection.api.js';
import { referralStatusColors } from './referrals.panel.js';
import { plainBadge } from '../cases/plain-badge.js';

const statusFilters = ['all', ...ReferralStatus.options] as const;
type StatusFilter = (typeof statusFilters)[number];

/** Referrals sent to the actor's agency: pseudonym and codes only, until the agency takes the case on. */
export function ReferralInboxPage() {
  const { t } = useTranslation(['cases', 'web']);
  const session = useSignedInSession();
  const [status, setStatus] = useState<StatusFilter>('sent');
  const inbox = useInfiniteQuery(inboxQuery(status === 'all' ? null : status));
  const [declining, setDeclining] = useState<InboxItem | null>(null);
  const [completing, setCompleting] = useState<InboxItem | null>(null);
  const [assigning, setAssigning] = useState<InboxItem | null>(null);
  const can = useCan();
  // The referral just accepted leaves the list of those waiting: the way to the person stays on screen.
  const [accepted, setAccepted] = useState<InboxItem | null>(null);
  const accept = useAccept(setAccepted);
  const columns = useInboxColumns({
    accept,
    onDecline: setDeclining,
    onComplete: setCompleting,
    // Giving a referral to a worker is the officer's (referral.assign); the others see who has it.
    onAssign: can('referral.assign') ? setAssigning : null,
  });
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('cases:inbox.title')}
        description={t('cases:inbox.intro', { agency: session.user.agency.code })}
        actions={
          <ExportButtons
            path="/api/v1/referrals/inbox/export"
            filters={{ status: status === 'all' ? null : status }}
          />
        }
      />
      <Stack gap="md">
        <StatusFilterControl value={status} onChange={setStatus} />
        <ProblemAlert error={inbox.error ?? accept.error} />
        {accepted && <AcceptedAlert item={accepted} onClose={() => setAccepted(null)} />}
        <PagedTable
          query={inbox}
          more={t('cases:inbox.more')}
          label={t('cases:inbox.title')}
          columns={columns}
          rows={items}
          empty={t('cases:inbox.empty')}
          minWidth={960}
        />
      </Stack>
      <DeclineDialog item={declining} onClose={() => setDeclining(null)} />
      <CompleteDialog item={completing} onClose={() => setCompleting(null)} />
      <AssignDialog item={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}

function useAccept(onAccepted: (item: InboxItem) => void) {
  const { t } = useTranslation(['cases']);
  return useAction((item: InboxItem) => protectionApi.acceptReferral(item.id), {
    // Accepting grants the referred person: what the user may open changes.
    invalidate: [inboxKey, casesKey],
    done: (item) => t('cases:inbox.accepted', { pseudonym: item.pseudonym }),
    then: onAccepted,
  });
}

type Accept = ReturnType<typeof useAccept>;
type RowActions = {
  accept: Accept;
  onDecline: (item: InboxItem) => void;
  onComplete: (item: InboxItem) => void;
  onAssign: ((item: InboxItem) => void) | null;
};

function useInboxColumns(actions: RowActions): ColumnDef<InboxItem>[] {
  const { t } = useTranslation(['cases', 'web', 'casework']);
  return [
    dateColumn('sentOn', t('cases:referral.sentOn'), (r) => r.sentOn),
    {
      id: 'case',
      header: t('cases:inbox.case'),
      accessorFn: (r) => r.caseReference,
      cell: ({ row }) => (
        <WithNote note={row.original.pseudonym}>
          {row.original.status === 'sent' || row.original.status === 'declined' ? (
            <Text size="sm" fw={600}>
              {row.original.caseReference}
            </Text>
          ) : (
            <RouterAnchor
              to="/cases/$caseId/victims/$casePersonId"
              params={{ caseId: row.original.caseId, casePersonId: row.original.casePersonId }}
              size="sm"
              fw={600}
            >
              {row.original.caseReference}
            </RouterAnchor>
          )}
        </WithNote>
      ),
    },
    { id: 'from', header: t('cases:inbox.from'), accessorFn: (r) => r.fromAgency.code },
    codeColumn('service', t('cases:referral.serviceKind'), 'service_kind', (r) => r.serviceKind),
    codeColumn('reason', t('cases:referral.reason'), 'referral_reason', (r) => r.reason),
    {
      id: 'details',
      header: t('cases:referral.details'),
      accessorFn: (r) => r.details ?? '',
      enableSorting: false,
      cell: ({ row }) =>
        row.original.details ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} maw={320} data-testid="referral-details">
            {row.original.details}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('cases:inbox.noDetails')}
          </Text>
        ),
    },
    {
      id: 'status',
      header: t('cases:referral.status'),
      accessorFn: (r) => r.status,
      cell: ({ row }) => (
        <Stack gap={2} align="flex-start">
          <Badge color={referralStatusColors[row.original.status]} variant="light" style={plainBadge}>
            {t(`cases:referralStatus.${row.original.status}`)}
          </Badge>
          {(row.original.status === 'accepted' || row.original.status === 'completed') && (
            <Text
              size="xs"
              c={row.original.assignedTo ? undefined : 'dimmed'}
              data-testid="referral-assignee"
            >
              {row.original.assignedTo
                ? t('casework:assign.assignedTo', { name: row.original.assignedTo.name })
                : t('casework:assign.unassigned')}
            </Text>
          )}
          {row.original.sentWithoutConsent && (
            <Badge color="orange" variant="light" size="sm" style={plainBadge}>
              {t('cases:referral.withoutConsent')}
            </Badge>
          )}
        </Stack>
      ),
    },
    actionsColumn(t('web:table.actions'), (item) => <InboxActions item={item} {...actions} />),
  ];
}

/** What the agency may do with a referral in its state: take it on or decline it, then complete it. */
function InboxActions({ item, accept, onDecline, onComplete, onAssign }: RowActions & { item: InboxItem }) {
  const { t } = useTranslation(['cases', 'casework']);
  const names = { pseudonym: item.pseudonym, reference: item.caseReference };
  if (item.status === 'sent')
    return (
      <AnswerButtons
        yes={{
          loading: accept.isPending && accept.variables?.id === item.id,
          onClick: () => accept.mutate(item),
          name: t('cases:inbox.acceptNamed', names),
          label: t('cases:inbox.accept'),
        }}
        no={{
          onClick: () => onDecline(item),
          name: t('cases:inbox.declineNamed', names),
          label: t('cases:inbox.decline'),
        }}
      />
    );
  if (item.status === 'accepted')
    return (
      <Group gap={6}>
        <OpenVictimButton item={item} />
        {onAssign && (
          <RowButton
            variant="light"
            color="indigo"
            icon={<IconUserShare size={16} aria-hidden />}
            onClick={() => onAssign(item)}
            name={t('casework:assign.actionNamed', names)}
            label={item.assignedTo ? t('casework:assign.reassign') : t('casework:assign.action')}
          />
        )}
        <RowButton
          variant="light"
          icon={<IconCircleCheck size={16} aria-hidden />}
          onClick={() => onComplete(item)}
          name={t('cases:inbox.completeNamed', names)}
          label={t('cases:inbox.complete')}
        />
      </Group>
    );
  if (item.status === 'completed') return <OpenVictimButton item={item} />;
  return null;
}

function StatusFilterControl({
  value,
  onChange,
}: {
  value: StatusFilter;
  onChange: (s: StatusFilter) => void;
}) {
  const { t } = useTranslation(['cases', 'web']);
  const phone = useMediaQuery('(max-width: 47.99em)');
  return (
    <LabelledSegments
      id="inbox-status-label"
      label={t('cases:referral.status')}
      // Five choices side by side do not fit a phone: there they are stacked.
      orientation={phone ? 'vertical' : 'horizontal'}
      fullWidth={phone}
      value={value}
      onChange={(next) => onChange(statusFilters.find((s) => s === next) ?? 'all')}
      data={statusFilters.map((filter) => ({
        value: filter,
        label: filter === 'all' ? t('web:table.all') : t(`cases:referralStatus.${filter}`),
      }))}
      maw={560}
    />
  );
}

function AcceptedAlert({ item, onClose }: { item: InboxItem; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      title={t('cases:inbox.acceptedTitle', { pseudonym: item.pseudonym })}
      withCloseButton
      closeButtonLabel={t('web:action.close')}
      onClose={onClose}
      data-testid="referral-accepted"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {t('cases:inbox.acceptedText', { agency: item.fromAgency.code, reference: item.caseReference })}
        </Text>
        <OpenVictimButton item={item} />
      </Stack>
    </Alert>
  );
}

/** The way from an accepted referral to the referred person's protection page. */
function OpenVictimButton({ item }: { item: InboxItem }) {
  const { t } = useTranslation(['cases']);
  return (
    <ProtectionLink
      caseId={item.caseId}
      casePersonId={item.casePersonId}
      name={t('cases:inbox.openNamed', { pseudonym: item.pseudonym })}
      label={t('cases:inbox.open')}
    />
  );
}

const DeclineFields = DeclineReferralBody.pick({ reason: true });
const CompleteFields = CompleteReferralBody;

function DeclineDialog({ item, onClose }: { item: InboxItem | null; onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={item !== null}
      onClose={onClose}
      title={t('cases:inbox.declineTitle')}
      size="md"
      schema={DeclineFields}
      defaultValues={{ reason: '' }}
      submit={(values) => protectionApi.declineReferral(item!.id, values.reason)}
      invalidate={[inboxKey]}
      done={() => t('cases:inbox.declined', { reference: item!.caseReference })}
      submitLabel={t('cases:inbox.decline')}
      submitColor="red"
      intro={
        item && t('cases:inbox.declineText', { pseudonym: item.pseudonym, agency: item.fromAgency.code })
      }
    >
      <TextareaField
        name="reason"
        label={t('cases:inbox.declineReason')}
        required
        minRows={3}
        maxRows={8}
        data-autofocus
      />
    </FormDialog>
  );
}

function CompleteDialog({ item, onClose }: { item: InboxItem | null; onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={item !== null}
      onClose={onClose}
      title={t('cases:inbox.completeTitle')}
      size="md"
      schema={CompleteFields}
      defaultValues={{ completedOn: today() }}
      submit={(values) => protectionApi.completeReferral(item!.id, values.completedOn)}
      invalidate={[inboxKey]}
      done={() => t('cases:inbox.completed', { reference: item!.caseReference })}
      submitLabel={t('cases:inbox.complete')}
      intro={item && t('cases:inbox.completeText', { pseudonym: item.pseudonym })}
    >
      <DateField
        name="completedOn"
        label={t('cases:inbox.completedOn')}
        required
        min={item ? (item.respondedOn ?? item.sentOn) : undefined}
        data-autofocus
      />
    </FormDialog>
  );
}
