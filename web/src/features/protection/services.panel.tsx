import { SimpleGrid, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ServiceBody } from '../../../../src/modules/protection/protection.schemas.js';
import { codeText, formatDate, today } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { actionsColumn, dateColumn, RowButton, strongColumn } from '../../components/table-columns.js';
import { RecordsPanel } from '../../components/section-card.js';
import {
  protectionApi,
  protectionKey,
  referralsQuery,
  servicesQuery,
  type Service,
} from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { FormBody, FormDialog } from '../../components/form-dialog.js';
import { AgencySelectField, DateField, SelectField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { ServiceUpdate } from '../../../../src/modules/protection/protection.schemas.js';

/** Services given to the victim: by whom, from when to when, and under which referral. */
export function ServicesPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const services = useQuery(servicesQuery(caseId, victim.id));
  const [ending, setEnding] = useState<Service | null>(null);
  const columns: ColumnDef<Service>[] = [
    strongColumn('kind', t('cases:service.kind'), (s) => codeText('service_kind', s.kind)),
    {
      id: 'provider',
      header: t('cases:service.provider'),
      accessorFn: (s) => s.providerAgency?.code ?? t('cases:none'),
    },
    dateColumn('start', t('cases:service.startDate'), (s) => s.startDate),
    {
      id: 'end',
      header: t('cases:service.endDate'),
      accessorFn: (s) => s.endDate ?? '',
      cell: ({ row }) =>
        row.original.endDate ? formatDate(row.original.endDate) : t('cases:service.ongoing'),
    },
    {
      id: 'note',
      header: t('cases:service.note'),
      enableSorting: false,
      cell: ({ row }) => (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} maw={320}>
          {row.original.note ?? ''}
        </Text>
      ),
    },
  ];
  if (mayWrite)
    columns.push(
      actionsColumn(
        t('web:table.actions'),
        (service) =>
          !service.endDate && (
            <RowButton
              label={t('cases:service.end')}
              name={t('cases:service.endNamed', { kind: codeText('service_kind', service.kind) })}
              onClick={() => setEnding(service)}
            />
          ),
      ),
    );

  return (
    <RecordsPanel
      id="services"
      title={t('cases:protection.services')}
      mayWrite={mayWrite}
      addLabel={t('cases:service.record')}
      addIcon={<IconPlus size={18} aria-hidden />}
      addTitle={t('cases:service.recordTitle')}
      records={services}
      columns={columns}
      empty={t('cases:service.empty')}
      renderForm={(onClose) => <ServiceForm {...{ caseId, victim, mayWrite }} onClose={onClose} />}
    >
      <EndServiceDialog victim={victim} service={ending} onClose={() => setEnding(null)} />
    </RecordsPanel>
  );
}

const ServiceFields = ServiceBody.pick({ kind: true, startDate: true }).extend({
  providerAgencyId: blankOr(ServiceBody.shape.providerAgencyId),
  referralId: blankOr(ServiceBody.shape.referralId),
  endDate: blankOr(ServiceBody.shape.endDate),
  note: blankOr(ServiceBody.shape.note),
});

function ServiceForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <FormBody
      schema={ServiceFields}
      defaultValues={{
        kind: '' as ServiceBody['kind'],
        providerAgencyId: '',
        referralId: '',
        startDate: today(),
        endDate: '',
        note: '',
      }}
      submit={(values) =>
        protectionApi.recordService(caseId, victim.id, {
          ...values,
          // A service under a referral is given by the agency that accepted it; the server sets it.
          providerAgencyId: values.referralId ? undefined : values.providerAgencyId,
        })
      }
      invalidate={[protectionKey(victim.id)]}
      done={() => t('cases:service.recorded')}
      submitLabel={t('cases:service.record')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField name="kind" label={t('cases:service.kind')} codeList="service_kind" required />
        <ServiceProviderFields caseId={caseId} victim={victim} />
        <DateField name="startDate" label={t('cases:service.startDate')} required />
        <DateField name="endDate" label={t('cases:service.endDate')} />
      </SimpleGrid>
      <TextareaField name="note" label={t('cases:service.note')} />
    </FormBody>
  );
}

/** The referral the service answers; without one, the agency that gives it. */
function ServiceProviderFields({ caseId, victim }: Pick<VictimContext, 'caseId' | 'victim'>) {
  const { t } = useTranslation(['cases']);
  const can = useCan();
  const referrals = useQuery(referralsQuery(caseId, victim.id));
  const referralId = useWatch({ name: 'referralId' }) as string;
  const referralOptions = (referrals.data ?? [])
    .filter((r) => r.status === 'accepted' || r.status === 'completed')
    .map((r) => ({
      value: r.id,
      label: `${r.toAgency.code} · ${codeText('service_kind', r.serviceKind)} · ${formatDate(r.sentOn)}`,
    }));
  return (
    <>
      <SelectField
        name="referralId"
        label={t('cases:service.referral')}
        description={t('cases:service.referralDescription')}
        data={referralOptions}
        clearable
      />
      {!referralId && can('agency.read') && (
        <AgencySelectField name="providerAgencyId" label={t('cases:service.provider')} clearable />
      )}
    </>
  );
}

function EndServiceDialog({
  victim,
  service,
  onClose,
}: {
  victim: VictimContext['victim'];
  service: Service | null;
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={service !== null}
      onClose={onClose}
      title={t('cases:service.endTitle')}
      size="md"
      schema={ServiceUpdate.pick({ endDate: true }).required()}
      defaultValues={{ endDate: today() }}
      submit={(values) =>
        protectionApi.updateService(service!.id, { version: service!.version, endDate: values.endDate })
      }
      invalidate={[protectionKey(victim.id)]}
      reloadKey={protectionKey(victim.id)}
      done={() => t('cases:service.ended')}
      submitLabel={t('cases:service.end')}
    >
      <DateField name="endDate" label={t('cases:service.endDate')} required min={service?.startDate} />
    </FormDialog>
  );
}
