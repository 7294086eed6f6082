import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { ServiceBody } from '../../../../src/modules/protection/protection.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { agencyOptions, codeOptions, codeText, formatDate, optional, today } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { RecordsPanel } from './panel-card.js';
import {
  protectionApi,
  protectionKey,
  referralsQuery,
  servicesQuery,
  type Service,
} from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';

/** Services given to the victim: by whom, from when to when, and under which referral. */
export function ServicesPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const services = useQuery(servicesQuery(caseId, victim.id));
  const [ending, setEnding] = useState<Service | null>(null);
  const columns: ColumnDef<Service>[] = [
    {
      id: 'kind',
      header: t('cases:service.kind'),
      accessorFn: (s) => codeText('service_kind', s.kind),
      cell: ({ row }) => (
        <Text size="sm" fw={500}>
          {codeText('service_kind', row.original.kind)}
        </Text>
      ),
    },
    {
      id: 'provider',
      header: t('cases:service.provider'),
      accessorFn: (s) => s.providerAgency?.code ?? t('cases:none'),
    },
    {
      id: 'start',
      header: t('cases:service.startDate'),
      accessorFn: (s) => s.startDate,
      cell: ({ row }) => formatDate(row.original.startDate),
    },
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
    columns.push({
      id: 'actions',
      header: t('web:table.actions'),
      enableSorting: false,
      cell: ({ row }) =>
        !row.original.endDate && (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setEnding(row.original)}
            aria-label={t('cases:service.endNamed', { kind: codeText('service_kind', row.original.kind) })}
          >
            {t('cases:service.end')}
          </Button>
        ),
    });

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
      <Dialog
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={t('cases:service.endTitle')}
        size="md"
      >
        {ending && <EndServiceForm victim={victim} service={ending} onClose={() => setEnding(null)} />}
      </Dialog>
    </RecordsPanel>
  );
}

const ServiceFields = z.object({
  kind: ServiceBody.shape.kind,
  providerAgencyId: z.string(),
  referralId: z.string(),
  startDate: IsoDate,
  endDate: IsoDate.or(z.literal('')),
  note: z.string().trim().max(5000),
});
type ServiceValues = z.input<typeof ServiceFields>;
const resolver = translatedResolver(ServiceFields);
const fields = ['kind', 'providerAgencyId', 'referralId', 'startDate', 'endDate', 'note'] as const;

function ServiceForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const can = useCan();
  const queryClient = useQueryClient();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const referrals = useQuery(referralsQuery(caseId, victim.id));
  const form = useForm<ServiceValues>({
    resolver,
    defaultValues: {
      kind: '' as ServiceValues['kind'],
      providerAgencyId: '',
      referralId: '',
      startDate: today(),
      endDate: '',
      note: '',
    },
  });
  const referralId = form.watch('referralId');
  const record = useMutation({
    mutationFn: (values: ServiceValues) =>
      protectionApi.recordService(caseId, victim.id, {
        kind: values.kind,
        // A service under a referral is given by the agency that accepted it; the server sets it.
        providerAgencyId: values.referralId ? undefined : optional(values.providerAgencyId),
        referralId: optional(values.referralId),
        startDate: values.startDate,
        endDate: optional(values.endDate),
        note: optional(values.note),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(t('cases:service.recorded'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const { errors } = form.formState;
  const referralOptions = (referrals.data ?? [])
    .filter((r) => r.status === 'accepted' || r.status === 'completed')
    .map((r) => ({
      value: r.id,
      label: `${r.toAgency.code} · ${codeText('service_kind', r.serviceKind)} · ${formatDate(r.sentOn)}`,
    }));
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => record.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={record.error} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('cases:service.kind')}
                data={codeOptions('service_kind')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.kind?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="referralId"
            render={({ field }) => (
              <Select
                label={t('cases:service.referral')}
                description={t('cases:service.referralDescription')}
                data={referralOptions}
                clearable
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.referralId?.message}
              />
            )}
          />
          {!referralId && can('agency.read') && (
            <Controller
              control={form.control}
              name="providerAgencyId"
              render={({ field }) => (
                <Select
                  label={t('cases:service.provider')}
                  data={agencyOptions(agencies.data ?? [])}
                  searchable
                  clearable
                  nothingFoundMessage={t('web:table.noMatch')}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.providerAgencyId?.message}
                />
              )}
            />
          )}
          <TextInput
            type="date"
            label={t('cases:service.startDate')}
            required
            max={today()}
            error={errors.startDate?.message}
            {...form.register('startDate')}
          />
          <TextInput
            type="date"
            label={t('cases:service.endDate')}
            max={today()}
            error={errors.endDate?.message}
            {...form.register('endDate')}
          />
        </SimpleGrid>
        <Textarea
          label={t('cases:service.note')}
          autosize
          minRows={2}
          maxRows={6}
          error={errors.note?.message}
          {...form.register('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('cases:service.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EndServiceForm({
  victim,
  service,
  onClose,
}: {
  victim: VictimContext['victim'];
  service: Service;
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(today());
  const end = useMutation({
    mutationFn: () => protectionApi.updateService(service.id, { version: service.version, endDate }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(t('cases:service.ended'));
      onClose();
    },
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
    onClose();
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        end.mutate();
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={end.error} onReload={() => void reload()} />
        <TextInput
          type="date"
          label={t('cases:service.endDate')}
          required
          min={service.startDate}
          max={today()}
          value={endDate}
          onChange={(event) => setEndDate(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={end.isPending}>
            {t('cases:service.end')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
