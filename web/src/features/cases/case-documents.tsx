import { SimpleGrid, Stack, Text } from '@mantine/core';
import { CreateButton, IntroBar } from '../../components/page-header.js';
import { dateColumn } from '../../components/table-columns.js';
import { IconFilePlus } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentKinds } from '../../../../src/core/cases/case-records.js';
import { DocumentBody } from '../../../../src/modules/cases/cases.schemas.js';
import { DataTable } from '../../components/data-table.js';
import { useCan } from '../session/session.js';
import { today } from './case-labels.js';
import { adoptCase, casesApi, type CaseView, type TimelineEntry } from './cases.api.js';
import { FormDialog } from '../../components/form-dialog.js';
import { AgencySelectField, DateField, SelectField, TextField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { AttachmentsPanel } from './casework-panels.js';

type DocumentEntry = Extract<TimelineEntry, { type: 'document' }>;

/** The papers of the case file: reports, statements, orders, the indictment, the judgment. */
export function CaseDocuments({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const [adding, setAdding] = useState(false);
  const documents = kase.timeline.flatMap((entry) => (entry.type === 'document' ? [entry] : []));
  const columns: ColumnDef<DocumentEntry>[] = [
    dateColumn('date', t('cases:documents.date'), (d) => d.at),
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
      <IntroBar
        intro={t('cases:documents.intro')}
        action={
          kase.can.update && (
            <CreateButton
              icon={<IconFilePlus size={18} aria-hidden />}
              label={t('cases:documents.add')}
              onClick={() => setAdding(true)}
            />
          )
        }
      />
      <DataTable
        label={t('cases:documents.title')}
        columns={columns}
        rows={documents}
        rowId={(d) => d.id}
        empty={t('cases:documents.empty')}
      />
      <DocumentDialog kase={kase} opened={adding} onClose={() => setAdding(false)} />
      {/* The files of the case, each possibly the copy of an entry of the register above. */}
      {kase.can.readText && (
        <AttachmentsPanel
          subject={{ caseId: kase.id }}
          mayWrite={kase.can.workPeople}
          documents={documents.map((d) => ({
            id: d.id,
            label: `${t(`cases:documentKind.${d.kind}`)}${d.title ? ` — ${d.title}` : ''}`,
          }))}
        />
      )}
    </Stack>
  );
}

const DocumentFields = DocumentBody.pick({ kind: true, title: true }).extend({
  documentDate: blankOr(DocumentBody.shape.documentDate),
  issuingAgencyId: blankOr(DocumentBody.shape.issuingAgencyId),
  reference: blankOr(DocumentBody.shape.reference),
});

function DocumentDialog({ kase, opened, onClose }: { kase: CaseView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['cases']);
  const can = useCan();
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('cases:documents.addTitle')}
      schema={DocumentFields}
      defaultValues={{
        kind: '' as DocumentBody['kind'],
        title: '',
        documentDate: today(),
        issuingAgencyId: '',
        reference: '',
      }}
      submit={(values) => casesApi.addDocument(kase.id, values)}
      adopt={adoptCase}
      done={() => t('cases:documents.added')}
      submitLabel={t('cases:documents.add')}
      note={t('cases:documents.formNote')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="kind"
          label={t('cases:documents.kind')}
          data={documentKinds.map((kind) => ({ value: kind, label: t(`cases:documentKind.${kind}`) }))}
          required
        />
        <DateField name="documentDate" label={t('cases:documents.date')} />
      </SimpleGrid>
      <TextField name="title" label={t('cases:documents.documentTitle')} required />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextField name="reference" label={t('cases:documents.reference')} />
        {can('agency.read') && (
          <AgencySelectField name="issuingAgencyId" label={t('cases:documents.issuedBy')} clearable />
        )}
      </SimpleGrid>
    </FormDialog>
  );
}
