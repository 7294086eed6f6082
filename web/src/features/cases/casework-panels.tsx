import { Anchor, Button, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { dateColumn } from '../../components/table-columns.js';
import { IconDownload, IconFileUpload, IconNotes, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { revealPurposes, type RevealPurpose } from '../../../../src/modules/cases/cases.schemas.js';
import { JournalNoteBody } from '../../../../src/modules/cases/journal-attachments.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { FormBody } from '../../components/form-dialog.js';
import { DateField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { currentLanguage } from '../../i18n/i18n.js';
import {
  attachmentUrl,
  attachmentsQuery,
  caseworkApi,
  journalQuery,
  victimSummaryUrl,
  type Attachment,
  type JournalEntry,
  type Subject,
} from '../protection/casework.api.js';
import { RecordsPanel } from '../../components/section-card.js';
import { formatDate, today } from './case-labels.js';

// The journal, the files and the prints of a case or of one victim (issue 12). The same panels
// serve both: the subject names the case, or the case and the victim.

const subjectId = (s: Subject) => (s.casePersonId ? 'victim' : 'case');

const NoteFields = z.object({
  noteDate: blankOr(JournalNoteBody.shape.noteDate),
  text: JournalNoteBody.shape.text,
});

/** Dated notes, newest first; adding one for those who may write. */
export function JournalPanel({ subject, mayWrite }: { subject: Subject; mayWrite: boolean }) {
  const { t } = useTranslation(['casework']);
  const query = journalQuery(subject);
  const notes = useQuery(query);
  const columns: ColumnDef<JournalEntry>[] = [
    dateColumn('date', t('casework:journal.noteDate'), (n) => n.noteDate),
    {
      id: 'text',
      header: t('casework:journal.text'),
      accessorFn: (n) => n.text,
      enableSorting: false,
      cell: ({ row }) => (
        <Stack gap={2}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="journal-note">
            {row.original.text}
          </Text>
          <Text size="xs" c="dimmed">
            {row.original.author?.name ?? ''}
          </Text>
        </Stack>
      ),
    },
  ];
  return (
    <RecordsPanel
      id={`${subjectId(subject)}-journal`}
      title={subject.casePersonId ? t('casework:journal.victimTitle') : t('casework:journal.title')}
      mayWrite={mayWrite}
      addLabel={t('casework:journal.add')}
      addIcon={<IconNotes size={18} aria-hidden />}
      addTitle={t('casework:journal.addTitle')}
      records={notes}
      columns={columns}
      empty={t('casework:journal.empty')}
      renderForm={(onClose) => (
        <FormBody
          schema={NoteFields}
          defaultValues={{ noteDate: today(), text: '' }}
          submit={(values) =>
            caseworkApi.addNote(subject, {
              text: values.text,
              ...(values.noteDate ? { noteDate: values.noteDate } : {}),
            })
          }
          invalidate={[query.queryKey]}
          done={() => t('casework:journal.added')}
          submitLabel={t('casework:journal.add')}
          onClose={onClose}
          note={t('casework:journal.intro')}
        >
          <DateField name="noteDate" label={t('casework:journal.noteDate')} />
          <TextareaField
            name="text"
            label={t('casework:journal.text')}
            required
            minRows={4}
            maxRows={12}
            data-autofocus
          />
        </FormBody>
      )}
    />
  );
}

/** A register entry a file can be the copy of. */
export type DocumentChoice = { id: string; label: string };

/** The files, each downloadable (each download audited); attaching one for those who may write. */
export function AttachmentsPanel({
  subject,
  mayWrite,
  documents = [],
}: {
  subject: Subject;
  mayWrite: boolean;
  documents?: DocumentChoice[];
}) {
  const { t } = useTranslation(['casework']);
  const query = attachmentsQuery(subject);
  const files = useQuery(query);
  const documentLabel = (id: string | null) => documents.find((d) => d.id === id)?.label ?? '';
  const columns: ColumnDef<Attachment>[] = [
    {
      id: 'name',
      header: t('casework:attachments.file'),
      accessorFn: (f) => f.fileName,
      cell: ({ row }) => (
        <Stack gap={2}>
          <Anchor
            href={attachmentUrl(subject, row.original.id)}
            download={row.original.fileName}
            size="sm"
            fw={500}
            aria-label={t('casework:attachments.downloadNamed', { name: row.original.fileName })}
            data-testid="attachment-link"
          >
            <Group gap={4} wrap="nowrap" component="span">
              <IconDownload size={14} aria-hidden />
              {row.original.fileName}
            </Group>
          </Anchor>
          {row.original.documentId && (
            <Text size="xs" c="dimmed">
              {documentLabel(row.original.documentId)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'size',
      header: t('casework:attachments.sizeHeader'),
      accessorFn: (f) => f.sizeBytes,
      cell: ({ row }) =>
        t('casework:attachments.size', { size: Math.max(1, Math.round(row.original.sizeBytes / 1024)) }),
    },
    {
      id: 'uploaded',
      header: t('casework:attachments.uploadedHeader'),
      accessorFn: (f) => f.createdAt,
      cell: ({ row }) =>
        t('casework:attachments.uploadedBy', {
          name: row.original.uploadedBy?.name ?? '',
          date: formatDate(row.original.createdAt),
        }),
    },
  ];
  return (
    <RecordsPanel
      id={`${subjectId(subject)}-files`}
      title={subject.casePersonId ? t('casework:attachments.victimTitle') : t('casework:attachments.title')}
      mayWrite={mayWrite}
      addLabel={t('casework:attachments.upload')}
      addIcon={<IconFileUpload size={18} aria-hidden />}
      addTitle={t('casework:attachments.uploadTitle')}
      records={files}
      columns={columns}
      empty={t('casework:attachments.empty')}
      renderForm={(onClose) => (
        <UploadForm subject={subject} documents={documents} queryKey={query.queryKey} onClose={onClose} />
      )}
    />
  );
}

const UploadFields = z.object({ documentId: z.string() });

function UploadForm({
  subject,
  documents,
  queryKey,
  onClose,
}: {
  subject: Subject;
  documents: DocumentChoice[];
  queryKey: readonly unknown[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['casework', 'common']);
  const [file, setFile] = useState<File | null>(null);
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <FormBody
      schema={UploadFields}
      defaultValues={{ documentId: '' }}
      formPath={(path) => (path === 'file' || path === 'fileName' ? undefined : path)}
      precheck={() => {
        setMissing(file === null);
        return file !== null;
      }}
      submit={() => caseworkApi.attach(subject, file!, documentId ?? undefined)}
      invalidate={[queryKey]}
      done={(result) => t('casework:attachments.uploaded', { name: result.fileName })}
      submitLabel={t('casework:attachments.upload')}
      onClose={onClose}
      note={t('casework:attachments.intro')}
    >
      <FileInput
        label={t('casework:attachments.file')}
        value={file}
        onChange={(next) => {
          setFile(next);
          setMissing(false);
        }}
        accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
        required
        clearable
        error={missing ? t('common:validation.required') : undefined}
        data-autofocus
        data-testid="attachment-file"
      />
      {documents.length > 0 && (
        <Select
          label={t('casework:attachments.document')}
          data={documents.map((d) => ({ value: d.id, label: d.label }))}
          value={documentId}
          onChange={setDocumentId}
          clearable
        />
      )}
    </FormBody>
  );
}

/** Prints the page as it is (every section; the print stylesheet leaves the navigation out). */
export function PrintButton() {
  const { t } = useTranslation(['casework']);
  return (
    <Button
      variant="default"
      leftSection={<IconPrinter size={18} aria-hidden />}
      onClick={() => window.print()}
    >
      {t('casework:print.case')}
    </Button>
  );
}

/** The case summary PDF in the language on screen, people by pseudonym. */
export function CaseSummaryLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation(['casework']);
  return (
    <Button
      component="a"
      variant="default"
      href={`/api/v1/cases/${caseId}/summary.pdf?lang=${currentLanguage()}`}
      target="_blank"
      rel="noopener"
      leftSection={<IconPrinter size={18} aria-hidden />}
    >
      {t('casework:print.summaryPdf')}
    </Button>
  );
}

/** The victim summary PDF shows the identity: the reader says why first, as for any reveal. */
export function VictimSummaryButton({
  caseId,
  casePersonId,
  pseudonym,
}: Required<Subject> & { pseudonym: string }) {
  const { t } = useTranslation(['casework', 'cases']);
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState<RevealPurpose | null>(null);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconPrinter size={18} aria-hidden />}
        onClick={() => setAsking(true)}
        title={t('casework:print.victimPdfNamed', { pseudonym })}
      >
        {t('casework:print.victimPdf')}
      </Button>
      <Dialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('casework:print.victimPdf')}
        size="md"
      >
        <Stack gap="md">
          <Select
            label={t('casework:print.purpose')}
            data={revealPurposes.map((p) => ({ value: p, label: t(`cases:revealPurpose.${p}`) }))}
            value={purpose}
            onChange={(value) => setPurpose(revealPurposes.find((p) => p === value) ?? null)}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button
              component="a"
              href={purpose ? victimSummaryUrl(caseId, casePersonId, purpose) : undefined}
              target="_blank"
              rel="noopener"
              disabled={!purpose}
              onClick={() => setAsking(false)}
              leftSection={<IconPrinter size={18} aria-hidden />}
            >
              {t('casework:print.open')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </>
  );
}
