import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ConsentBody } from '../../../../src/modules/protection/protection.schemas.js';
import { IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { codeOptions, codeText, codeTexts, formatDate, optional, today } from '../cases/case-labels.js';
import { withFormPaths } from '../cases/form-paths.js';
import { RecordsPanel } from './panel-card.js';
import { consentsQuery, protectionApi, protectionKey, type Consent } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';

/** What the person agreed to, after being told what; a consent can be withdrawn at any time. */
export function ConsentsPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const consents = useQuery(consentsQuery(caseId, victim.id));
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);

  const columns: ColumnDef<Consent>[] = [
    {
      id: 'purpose',
      header: t('cases:consent.purpose'),
      accessorFn: (c) => codeText('consent_purpose', c.purpose),
      cell: ({ row }) => (
        <Text size="sm" fw={500}>
          {codeText('consent_purpose', row.original.purpose)}
        </Text>
      ),
    },
    {
      id: 'informedOf',
      header: t('cases:consent.informedOf'),
      enableSorting: false,
      cell: ({ row }) => <Text size="sm">{codeTexts('consent_information', row.original.informedOf)}</Text>,
    },
    {
      id: 'givenOn',
      header: t('cases:consent.givenOn'),
      accessorFn: (c) => c.givenOn,
      cell: ({ row }) => formatDate(row.original.givenOn),
    },
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
    columns.push({
      id: 'actions',
      header: t('web:table.actions'),
      enableSorting: false,
      cell: ({ row }) =>
        row.original.active && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => setWithdrawing(row.original)}
            aria-label={t('cases:consent.withdrawNamed', {
              purpose: codeText('consent_purpose', row.original.purpose),
            })}
          >
            {t('cases:consent.withdraw')}
          </Button>
        ),
    });

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
      <Dialog
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('cases:consent.withdrawTitle')}
        size="md"
      >
        {withdrawing && (
          <WithdrawForm
            {...{ caseId, victim, mayWrite }}
            consent={withdrawing}
            onClose={() => setWithdrawing(null)}
          />
        )}
      </Dialog>
    </RecordsPanel>
  );
}

const ConsentFields = z.object({
  purpose: ConsentBody.shape.purpose,
  informedOf: z.array(z.string()).min(1),
  givenOn: IsoDate,
  note: z.string().trim().max(5000),
});
type ConsentValues = z.input<typeof ConsentFields>;
const resolver = translatedResolver(ConsentFields);
const fields = ['purpose', 'informedOf', 'givenOn', 'note'] as const;

function ConsentForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const form = useForm<ConsentValues>({
    resolver,
    defaultValues: { purpose: '' as ConsentValues['purpose'], informedOf: [], givenOn: today(), note: '' },
  });
  const record = useMutation({
    mutationFn: (values: ConsentValues) =>
      protectionApi.recordConsent(caseId, victim.id, {
        purpose: values.purpose,
        informedOf: values.informedOf as z.output<typeof ConsentBody>['informedOf'],
        givenOn: values.givenOn,
        note: optional(values.note),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(t('cases:consent.recorded'));
      onClose();
    },
    onError: (error) => showFieldErrors(withListPaths(error), form.setError, fields),
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => record.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={record.error} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="purpose"
            render={({ field }) => (
              <Select
                label={t('cases:consent.purpose')}
                data={codeOptions('consent_purpose')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.purpose?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:consent.givenOn')}
            required
            max={today()}
            error={errors.givenOn?.message}
            {...form.register('givenOn')}
          />
        </SimpleGrid>
        <Controller
          control={form.control}
          name="informedOf"
          render={({ field }) => (
            <Checkbox.Group
              label={t('cases:consent.informedOf')}
              description={t('cases:consent.informedOfDescription')}
              required
              value={field.value}
              onChange={field.onChange}
              error={errors.informedOf?.message}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {codeOptions('consent_information').map((option, index) => (
                  <Checkbox
                    key={option.value}
                    value={option.value}
                    label={option.label}
                    ref={index === 0 ? field.ref : undefined}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        />
        <Textarea
          label={t('cases:consent.note')}
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
            {t('cases:consent.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `informedOf.2` is the list's own field on the form. */
function withListPaths(error: unknown): unknown {
  return withFormPaths(error, (path) => path.replace(/\.\d+$/, ''));
}

function WithdrawForm({
  caseId,
  victim,
  consent,
  onClose,
}: VictimContext & { consent: Consent; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const [withdrawnOn, setWithdrawnOn] = useState(today());
  const withdraw = useMutation({
    mutationFn: () => protectionApi.withdrawConsent(caseId, victim.id, consent.id, withdrawnOn),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(t('cases:consent.withdrawn'));
      onClose();
    },
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t('cases:consent.withdrawText', {
            purpose: codeText('consent_purpose', consent.purpose),
            date: formatDate(consent.givenOn),
          })}
        </Text>
        <ProblemAlert error={withdraw.error} />
        <TextInput
          type="date"
          label={t('cases:consent.withdrawnOnLabel')}
          required
          min={consent.givenOn}
          max={today()}
          value={withdrawnOn}
          onChange={(event) => setWithdrawnOn(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" color="red" loading={withdraw.isPending}>
            {t('cases:consent.withdraw')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
