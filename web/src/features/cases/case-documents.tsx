import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { documentKinds } from '../../../../src/core/cases/case-records.js';
import { DocumentBody, IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { DataTable } from '../../components/data-table.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan } from '../session/session.js';
import { agencyOptions, formatDate, optional, today } from './case-labels.js';
import { adoptCase, casesApi, type CaseView, type TimelineEntry } from './cases.api.js';

type DocumentEntry = Extract<TimelineEntry, { type: 'document' }>;

/** The papers of the case file: reports, statements, orders, the indictment, the judgment. */
export function CaseDocuments({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const [adding, setAdding] = useState(false);
  const documents = kase.timeline.flatMap((entry) => (entry.type === 'document' ? [entry] : []));
  const columns: ColumnDef<DocumentEntry>[] = [
    {
      id: 'date',
      header: t('cases:documents.date'),
      accessorFn: (d) => d.at,
      cell: ({ row }) => formatDate(row.original.at),
    },
    { id: 'kind', header: t('cases:documents.kind'), accessorFn: (d) => t(`cases:documentKind.${d.kind}`) },
    {
      id: 'title',
      header: t('cases:documents.documentTitle'),
      accessorFn: (d) => d.title ?? '',
      cell: ({ row }) =>
        row.original.title === null ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('cases:documents.titleWithheld')}
          </Text>
        ) : (
          <Text size="sm" fw={500}>
            {row.original.title}
          </Text>
        ),
    },
    { id: 'reference', header: t('cases:documents.reference'), accessorFn: (d) => d.reference ?? '' },
    { id: 'issuedBy', header: t('cases:documents.issuedBy'), accessorFn: (d) => d.issuedBy?.code ?? '' },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" maw={720}>
          {t('cases:documents.intro')}
        </Text>
        {kase.can.update && (
          <Button leftSection={<IconFilePlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
            {t('cases:documents.add')}
          </Button>
        )}
      </Group>
      <DataTable
        label={t('cases:documents.title')}
        columns={columns}
        rows={documents}
        rowId={(d) => d.id}
        empty={t('cases:documents.empty')}
      />
      <Dialog
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('cases:documents.addTitle')}
        size="lg"
      >
        {adding && <DocumentForm kase={kase} onClose={() => setAdding(false)} />}
      </Dialog>
    </Stack>
  );
}

const DocumentFields = z.object({
  kind: DocumentBody.shape.kind,
  title: DocumentBody.shape.title,
  documentDate: IsoDate.or(z.literal('')),
  issuingAgencyId: z.string(),
  reference: z.string().trim().max(100),
});
type DocumentValues = z.input<typeof DocumentFields>;
const resolver = translatedResolver(DocumentFields);
const fields = ['kind', 'title', 'documentDate', 'issuingAgencyId', 'reference'] as const;

function DocumentForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const can = useCan();
  const queryClient = useQueryClient();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const form = useForm<DocumentValues>({
    resolver,
    defaultValues: {
      kind: '' as DocumentValues['kind'],
      title: '',
      documentDate: today(),
      issuingAgencyId: '',
      reference: '',
    },
  });
  const add = useMutation({
    mutationFn: (values: DocumentValues) =>
      casesApi.addDocument(kase.id, {
        kind: values.kind,
        title: values.title.trim(),
        documentDate: optional(values.documentDate),
        issuingAgencyId: optional(values.issuingAgencyId),
        reference: optional(values.reference),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:documents.added'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('cases:documents.formNote')}
        </Text>
        <ProblemAlert error={add.error} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('cases:documents.kind')}
                data={documentKinds.map((kind) => ({ value: kind, label: t(`cases:documentKind.${kind}`) }))}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.kind?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:documents.date')}
            max={today()}
            error={errors.documentDate?.message}
            {...form.register('documentDate')}
          />
        </SimpleGrid>
        <TextInput
          label={t('cases:documents.documentTitle')}
          required
          maxLength={500}
          error={errors.title?.message}
          {...form.register('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('cases:documents.reference')}
            maxLength={100}
            error={errors.reference?.message}
            {...form.register('reference')}
          />
          {can('agency.read') && (
            <Controller
              control={form.control}
              name="issuingAgencyId"
              render={({ field }) => (
                <Select
                  label={t('cases:documents.issuedBy')}
                  data={agencyOptions(agencies.data ?? [])}
                  searchable
                  clearable
                  nothingFoundMessage={t('web:table.noMatch')}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.issuingAgencyId?.message}
                />
              )}
            />
          )}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('cases:documents.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
