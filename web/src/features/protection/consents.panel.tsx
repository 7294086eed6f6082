import { Badge, SimpleGrid, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsentBody } from '../../../../src/modules/protection/protection.schemas.js';
import { codeText, codeTexts, formatDate, today } from '../cases/case-labels.js';
import { actionsColumn, dateColumn, RowButton, strongColumn } from '../../components/table-columns.js';
import { RecordsPanel } from '../../components/section-card.js';
import { consentsQuery, protectionApi, protectionKey, type Consent } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';
import { FormBody, FormDialog } from '../../components/form-dialog.js';
import { CheckboxesField, DateField, SelectField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { listPath } from '../../forms/problem.js';
import { WithdrawConsentBody } from '../../../../src/modules/protection/protection.schemas.js';

/** What the person agreed to, after being told what; a consent can be withdrawn at any time. */
export function ConsentsPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const consents = useQuery(consentsQuery(caseId, victim.id));
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);

  const columns: ColumnDef<Consent>[] = [
    strongColumn('purpose', t('cases:consent.purpose'), (c) => codeText('consent_purpose', c.purpose)),
    {
      id: 'informedOf',
      header: t('cases:consent.informedOf'),
      enableSorting: false,
      cell: ({ row }) => <Text size="sm">{codeTexts('consent_information', row.original.informedOf)}</Text>,
    },
    dateColumn('givenOn', t('cases:consent.givenOn'), (c) => c.givenOn),
    {
      id: 'status',
      header: t('cases:consent.status'),
      accessorFn: (c) => c.active,
      cell: ({ row }) =>
        row.original.active ? (
          <Badge color="green" variant="light" style={plainBadge}>
            {t('cases:consent.active')}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('cases:consent.withdrawnOn', { date: formatDate(row.original.withdrawnOn) })}
          </Text>
        ),
    },
    { id: 'by', header: t('cases:consent.recordedBy'), accessorFn: (c) => c.recordedBy?.name ?? '' },
  ];
  if (mayWrite)
    columns.push(
      actionsColumn(
        t('web:table.actions'),
        (consent) =>
          consent.active && (
            <RowButton
              color="red"
              label={t('cases:consent.withdraw')}
              name={t('cases:consent.withdrawNamed', {
                purpose: codeText('consent_purpose', consent.purpose),
              })}
              onClick={() => setWithdrawing(consent)}
            />
          ),
      ),
    );

  return (
    <RecordsPanel
      id="consents"
      title={t('cases:protection.consents')}
      mayWrite={mayWrite}
      addLabel={t('cases:consent.record')}
      addIcon={<IconSignature size={18} aria-hidden />}
      addTitle={t('cases:consent.recordTitle')}
      records={consents}
      columns={columns}
      empty={t('cases:consent.empty')}
      renderForm={(onClose) => <ConsentForm {...{ caseId, victim, mayWrite }} onClose={onClose} />}
    >
      <WithdrawDialog
        {...{ caseId, victim, mayWrite }}
        consent={withdrawing}
        onClose={() => setWithdrawing(null)}
      />
    </RecordsPanel>
  );
}

const ConsentFields = ConsentBody.pick({ purpose: true, informedOf: true, givenOn: true }).extend({
  note: blankOr(ConsentBody.shape.note),
});

function ConsentForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <FormBody
      schema={ConsentFields}
      defaultValues={{ purpose: '' as ConsentBody['purpose'], informedOf: [], givenOn: today(), note: '' }}
      formPath={listPath}
      submit={(values) => protectionApi.recordConsent(caseId, victim.id, values)}
      invalidate={[protectionKey(victim.id)]}
      done={() => t('cases:consent.recorded')}
      submitLabel={t('cases:consent.record')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField name="purpose" label={t('cases:consent.purpose')} codeList="consent_purpose" required />
        <DateField name="givenOn" label={t('cases:consent.givenOn')} required />
      </SimpleGrid>
      <CheckboxesField
        name="informedOf"
        label={t('cases:consent.informedOf')}
        description={t('cases:consent.informedOfDescription')}
        codeList="consent_information"
        required
      />
      <TextareaField name="note" label={t('cases:consent.note')} />
    </FormBody>
  );
}

function WithdrawDialog({
  caseId,
  victim,
  consent,
  onClose,
}: VictimContext & { consent: Consent | null; onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={consent !== null}
      onClose={onClose}
      title={t('cases:consent.withdrawTitle')}
      size="md"
      schema={WithdrawConsentBody}
      defaultValues={{ withdrawnOn: today() }}
      submit={(values) => protectionApi.withdrawConsent(caseId, victim.id, consent!.id, values.withdrawnOn)}
      invalidate={[protectionKey(victim.id)]}
      done={() => t('cases:consent.withdrawn')}
      submitLabel={t('cases:consent.withdraw')}
      submitColor="red"
      intro={
        consent &&
        t('cases:consent.withdrawText', {
          purpose: codeText('consent_purpose', consent.purpose),
          date: formatDate(consent.givenOn),
        })
      }
    >
      <DateField
        name="withdrawnOn"
        label={t('cases:consent.withdrawnOnLabel')}
        required
        min={consent?.givenOn}
      />
    </FormDialog>
  );
}
