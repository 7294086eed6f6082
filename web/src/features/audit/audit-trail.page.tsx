import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { unsortedColumn, WithNote } from '../../components/table-columns.js';
import { FilterSelect } from '../../components/filter-panel.js';
import { PagedTable } from '../../components/list-table.js';
import { IconCircleCheck, IconFilter, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions } from '../../../../src/modules/audit/audit.schemas.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { ExportButtons } from '../exports/export-buttons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { usersQuery } from '../users/users.api.js';
import { useCan } from '../session/session.js';
import {
  auditActionLabel,
  auditApi,
  auditTrailQuery,
  isAuditAction,
  noAuditFilters,
  type AuditEntry,
  type AuditFilters,
} from './audit.api.js';

/** Summaries are small records of what changed; shown as `field: value` pairs. */
function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

export function AuditTrailPage() {
  const { t } = useTranslation(['web', 'common']);
  const can = useCan();
  // The form is edited freely; the list follows only when the filters are applied.
  const [draft, setDraft] = useState<AuditFilters>(noAuditFilters);
  const [applied, setApplied] = useState<AuditFilters>(noAuditFilters);
  const trail = useInfiniteQuery(auditTrailQuery(applied));
  const users = useQuery({
    ...usersQuery({ agencyId: null, role: null, active: null, q: '' }),
    enabled: can('user.read'),
  });
  const verification = useVerification();

  const columns = useAuditColumns();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...draft, entityId: draft.entityId.trim() });
  };
  const clear = () => {
    setDraft(noAuditFilters);
    setApplied(noAuditFilters);
  };
  const entries = trail.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.intro')}
        actions={
          <Group gap="xs" wrap="wrap">
            <ExportButtons path="/api/v1/audit/export" filters={applied} />
            <Button
              variant="light"
              leftSection={<IconShieldCheck size={18} aria-hidden />}
              loading={verification.isPending}
              onClick={() => verification.mutate()}
            >
              {t('audit.verify')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <VerificationResult verification={verification} />

        <Paper withBorder p="md" component="form" onSubmit={apply} aria-label={t('table.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
            <FilterSelect
              label={t('audit.action')}
              data={auditActions.map((action) => ({ value: action, label: auditActionLabel(action) }))}
              value={draft.action}
              onChange={(action) => setDraft({ ...draft, action: isAuditAction(action) ? action : null })}
              searchable
            />
            {can('user.read') && (
              <FilterSelect
                label={t('audit.actor')}
                data={(users.data ?? []).map((user) => ({
                  value: user.id,
                  label: `${user.name} (${user.email})`,
                }))}
                value={draft.actorId}
                onChange={(actorId) => setDraft({ ...draft, actorId })}
                searchable
              />
            )}
            <TextInput
              label={t('audit.entityId')}
              value={draft.entityId}
              onChange={(event) => setDraft({ ...draft, entityId: event.currentTarget.value })}
              maxLength={100}
              spellCheck={false}
            />
            <TextInput
              type="date"
              label={t('audit.from')}
              value={draft.from}
              max={draft.to || undefined}
              onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('audit.to')}
              value={draft.to}
              min={draft.from || undefined}
              onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="md" gap="sm">
            <Button variant="default" onClick={clear}>
              {t('action.clear')}
            </Button>
            <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
              {t('action.apply')}
            </Button>
          </Group>
        </Paper>

        <ProblemAlert error={trail.error} />
        <PagedTable
          query={trail}
          more={t('action.loadMore')}
          label={t('audit.title')}
          columns={columns}
          rows={entries}
          empty={t('audit.empty')}
          minWidth={1000}
        />
      </Stack>
    </>
  );
}

function useAuditColumns(): ColumnDef<AuditEntry>[] {
  const { t } = useTranslation(['web', 'common']);
  // Entries without a user were made by the system itself, the command line, or an unknown visitor.
  const actorKinds: Record<string, string> = {
    system: t('audit.actorKind.system'),
    cli: t('audit.actorKind.cli'),
    anonymous: t('audit.actorKind.anonymous'),
  };
  const actorLabel = ({ actor }: AuditEntry) =>
    actor.name ?? actor.email ?? actorKinds[actor.label] ?? actor.label;

  // The trail is shown in the order it was written: no column sorts it.
  const columns: ColumnDef<AuditEntry>[] = [
    unsortedColumn('seq', t('audit.seq'), (entry) => entry.seq),
    unsortedColumn('at', t('audit.at'), (entry) => (
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(entry.at)}
      </Text>
    )),
    unsortedColumn('action', t('audit.action'), (entry) => (
      <Text size="sm" fw={500}>
        {auditActionLabel(entry.action)}
      </Text>
    )),
    unsortedColumn('actor', t('audit.actor'), (entry) => (
      <WithNote note={entry.actor.agencyCode}>
        <Text size="sm">{actorLabel(entry)}</Text>
      </WithNote>
    )),
    unsortedColumn('entity', t('audit.entity'), (entry) =>
      entry.entityId ? (
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {entry.entityType}
          </Text>
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {entry.entityId}
          </Text>
        </Stack>
      ) : null,
    ),
    unsortedColumn('summary', t('audit.summary'), (entry) => (
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }} maw={360}>
        {summaryText(entry.summary)}
      </Text>
    )),
  ];
  return columns;
}

/** What the check of the hash chain found: intact, or the first entry that breaks it. */
function VerificationResult({ verification }: { verification: ReturnType<typeof useVerification> }) {
  const { t } = useTranslation(['web']);
  return (
    <div aria-live="polite">
      {verification.data &&
        (verification.data.ok ? (
          <Alert
            color="green"
            variant="light"
            icon={<IconCircleCheck aria-hidden />}
            title={t('audit.verifiedTitle')}
          >
            {t('audit.verifiedText', { entries: verification.data.entries })}
          </Alert>
        ) : (
          <Alert
            color="red"
            variant="light"
            icon={<IconShieldX aria-hidden />}
            title={t('audit.brokenTitle')}
          >
            {t('audit.brokenText', {
              entries: verification.data.entries,
              seq: verification.data.firstBad?.seq ?? '?',
              reason: verification.data.firstBad?.reason ?? '',
            })}
          </Alert>
        ))}
      <ProblemAlert error={verification.error} />
    </div>
  );
}

function useVerification() {
  return useMutation({ mutationFn: auditApi.verify });
}
