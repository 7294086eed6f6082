import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CardList } from '../../components/card-list.js';
import { SectionCard } from '../../components/section-card.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  dataRequesters,
  dataRequestRefusals,
  identityFields,
  type IdentityField,
} from '../../../../src/modules/retention/retention.schemas.js';
import { CaseList } from '../../../../src/modules/cases/cases.schemas.js';
import { queryString, request } from '../../api/http.js';
import { useAction } from '../../components/form-dialog.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDate, today } from '../cases/case-labels.js';
import { caseQuery } from '../cases/cases.api.js';
import { plainBadge } from '../cases/plain-badge.js';
import { dataRequestsKey, dataRequestsQuery, retentionApi, type DataRequest } from './retention.api.js';

const statusColors: Record<DataRequest['status'], string> = {
  open: 'orange',
  refused: 'gray',
  carried_out: 'teal',
};

/**
 * A victim's requests to erase or correct their identity: recorded here by the secretariat or
 * the lead agency's officers, then refused with a reason or carried out. Pseudonyms and case
 * references only; a correction's new values go straight to the identity, never to the register.
 */
export function DataRequestsPage() {
  const { t } = useTranslation(['retention']);
  const requests = useQuery(dataRequestsQuery);
  const items = requests.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('retention:title')} description={t('retention:intro')} />
      <Stack gap="md">
        <RecordRequest />
        <Title order={2} size="h3">
          {t('retention:list.title')}
        </Title>
        <CardList query={requests} items={items} empty={t('retention:list.empty')}>
          {(item) => <RequestCard item={item} />}
        </CardList>
      </Stack>
    </>
  );
}

/** Finds the case by its reference, then records the request on one of its people. */
function RecordRequest() {
  const { t } = useTranslation(['retention']);
  const [reference, setReference] = useState('');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [casePersonId, setCasePersonId] = useState<string | null>(null);
  const [kind, setKind] = useState<'erasure' | 'correction'>('erasure');
  const [requestedBy, setRequestedBy] = useState<string | null>('data_subject');
  const [receivedOn, setReceivedOn] = useState(today());
  const [fields, setFields] = useState<string[]>([]);
  const kase = useQuery({ ...caseQuery(caseId ?? ''), enabled: caseId !== null });
  const find = useMutation({
    mutationFn: () => request(CaseList, 'GET', `/api/v1/cases${queryString({ reference, limit: 5 })}`),
    onSuccess: (list) => {
      const match = list.items.find(
        (item) => item.reference.toLowerCase() === reference.trim().toLowerCase(),
      );
      setCaseId((match ?? list.items[0])?.id ?? null);
      setCasePersonId(null);
    },
  });
  const record = useAction(
    () =>
      retentionApi.record(caseId!, casePersonId!, {
        kind,
        requestedBy: (requestedBy ?? 'data_subject') as (typeof dataRequesters)[number],
        receivedOn,
        ...(kind === 'correction' ? { fields: fields as IdentityField[] } : {}),
      }),
    {
      invalidate: [dataRequestsKey],
      done: (view) => t('retention:record.recorded', { pseudonym: view.pseudonym }),
      then: () => {
        setCasePersonId(null);
        setFields([]);
      },
    },
  );
  const people = (kase.data?.people ?? []).map((p) => ({ value: p.id, label: p.person.pseudonym }));
  return (
    <SectionCard id="record-request" title={t('retention:record.title')}>
      <Stack gap="sm" maw={560}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('retention:record.caseReference')}
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
          />
          <Button
            variant="default"
            onClick={() => find.mutate()}
            loading={find.isPending}
            disabled={!reference.trim()}
          >
            {t('retention:record.find')}
          </Button>
        </Group>
        <ProblemAlert error={find.error ?? kase.error} />
        {find.isSuccess && caseId === null && <Text c="dimmed">{t('retention:record.noCase')}</Text>}
        {caseId !== null && (
          <>
            <Select
              label={t('retention:record.person')}
              data={people}
              value={casePersonId}
              onChange={setCasePersonId}
            />
            <Text size="sm" fw={500} id="request-kind-label">
              {t('retention:record.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="request-kind-label"
              value={kind}
              onChange={(value) => setKind(value === 'correction' ? 'correction' : 'erasure')}
              data={[
                { value: 'erasure', label: t('retention:kind.erasure') },
                { value: 'correction', label: t('retention:kind.correction') },
              ]}
            />
            <Select
              label={t('retention:record.requestedBy')}
              data={dataRequesters.map((value) => ({ value, label: t(`retention:requester.${value}`) }))}
              value={requestedBy}
              onChange={setRequestedBy}
            />
            <TextInput
              type="date"
              label={t('retention:record.receivedOn')}
              value={receivedOn}
              max={today()}
              onChange={(event) => setReceivedOn(event.currentTarget.value)}
            />
            {kind === 'correction' && (
              <MultiSelect
                label={t('retention:record.fields')}
                data={identityFields.map((value) => ({ value, label: t(`retention:field.${value}`) }))}
                value={fields}
                onChange={setFields}
              />
            )}
            <ProblemAlert error={record.error} />
            <Group>
              <Button onClick={() => record.mutate()} loading={record.isPending} disabled={!casePersonId}>
                {t('retention:record.submit')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </SectionCard>
  );
}

function RequestCard({ item }: { item: DataRequest }) {
  const { t, i18n } = useTranslation(['retention']);
  const headingId = `data-request-${item.id}`;
  // "名字、姓氏和地址", "Nomes próprios, Apelido e Morada": each language's own list.
  const fieldNames = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    item.fields.map((field) => t(`retention:field.${field}`)),
  );
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={3} size="h4" id={headingId}>
          {item.pseudonym} · {t(`retention:kind.${item.kind}`)}
        </Title>
        {/* The decision under the title at every width, not pushed right or left by the text's length. */}
        <Group gap="xs">
          <Badge color={statusColors[item.status]} variant="light" style={plainBadge}>
            {t(`retention:status.${item.status}`)}
          </Badge>
          {item.identityErased && (
            <Badge color="dark" variant="light" style={plainBadge}>
              {t('retention:list.erased')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('retention:list.inCase')}{' '}
          <RouterAnchor to="/cases/$caseId" params={{ caseId: item.caseId }} size="sm" fw={500}>
            {item.caseReference}
          </RouterAnchor>
          {' · '}
          {t(`retention:requester.${item.requestedBy}`)}
          {' · '}
          {t('retention:list.receivedOn', { date: formatDate(item.receivedOn) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('retention:list.fields', { fields: fieldNames })}
        </Text>
        {item.refusalReason && (
          <Text size="sm">
            {t('retention:list.reason')}: {t(`retention:refusal.${item.refusalReason}`)}
          </Text>
        )}
      </Stack>
      {item.status === 'open' && <RequestActions item={item} />}
    </Card>
  );
}

/** Refuse with a reason, or carry out: an erasure after a confirmation, a correction with its new values. */
function RequestActions({ item }: { item: DataRequest }) {
  const { t } = useTranslation(['retention']);
  const [reason, setReason] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [values, setValues] = useState<Partial<Record<IdentityField, string>>>({});
  const refuse = useAction(
    () =>
      retentionApi.refuse(item.id, {
        version: item.version,
        reason: reason as (typeof dataRequestRefusals)[number],
      }),
    { invalidate: [dataRequestsKey], done: () => t('retention:list.refused') },
  );
  const carryOut = useAction(
    () =>
      retentionApi.carryOut(
        item.id,
        item.version,
        item.kind === 'correction'
          ? Object.fromEntries(item.fields.map((field) => [field, values[field]?.trim() || null]))
          : undefined,
      ),
    {
      invalidate: [dataRequestsKey],
      done: (view) => t('retention:list.carriedOut', { pseudonym: view.pseudonym }),
    },
  );
  return (
    <Stack gap="sm" mt="md">
      <ProblemAlert error={refuse.error ?? carryOut.error} />
      {item.kind === 'correction' && (
        // The server asks for the right to edit the identity; say so before the secretariat tries.
        <Text size="sm" c="dimmed">
          {t('retention:list.correctionWho')}
        </Text>
      )}
      {item.kind === 'correction' &&
        item.fields.map((field) => (
          <TextInput
            key={field}
            type={field === 'birthDate' ? 'date' : 'text'}
            label={t(`retention:field.${field}`)}
            value={values[field] ?? ''}
            onChange={(event) => setValues({ ...values, [field]: event.currentTarget.value })}
            maw={400}
          />
        ))}
      <Group gap="sm" align="flex-end">
        {item.kind === 'erasure' && !confirming && (
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            {t('retention:list.erase')}
          </Button>
        )}
        {item.kind === 'erasure' && confirming && (
          <>
            <Button color="red" onClick={() => carryOut.mutate()} loading={carryOut.isPending}>
              {t('retention:list.confirmErase', { pseudonym: item.pseudonym })}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)} disabled={carryOut.isPending}>
              {t('retention:list.cancel')}
            </Button>
          </>
        )}
        {item.kind === 'correction' && (
          <Button onClick={() => carryOut.mutate()} loading={carryOut.isPending}>
            {t('retention:list.correct')}
          </Button>
        )}
        <Select
          label={t('retention:list.reason')}
          data={dataRequestRefusals.map((value) => ({ value, label: t(`retention:refusal.${value}`) }))}
          value={reason}
          onChange={setReason}
          w={280}
        />
        <Button
          variant="default"
          disabled={!reason}
          loading={refuse.isPending}
          onClick={() => refuse.mutate()}
        >
          {t('retention:list.refuse')}
        </Button>
      </Group>
    </Stack>
  );
}
