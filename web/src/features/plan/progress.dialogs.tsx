import { FileInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { uploadMediaTypes } from '../../../../src/core/media-types.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { FormDialog } from '../../components/form-dialog.js';
import { CheckboxField, NumberField, SelectField, TextareaField } from '../../components/form-fields.js';
import { planApi, planKey, type Progress, type TaskPage } from './plan.api.js';

// The agency's report on a period, and the secretariat's two answers to it.

const ReportForm = z.object({
  period: z.string().min(1, 'required'),
  value: z.union([z.number(), z.literal('')]),
  complete: z.boolean(),
  narrative: z.string().trim().min(1, 'required').max(5000),
});

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function ReportDialog({
  task,
  opened,
  onClose,
}: {
  task: TaskPage;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('coordination');
  const [file, setFile] = useState<File | null>(null);
  const milestone = task.target === null;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('plan.report.title')}
      schema={ReportForm}
      defaultValues={{ period: task.periods.at(-1)?.key ?? '', value: '', complete: false, narrative: '' }}
      submit={async (values) => {
        const draft = await planApi.draft(task.id, {
          period: values.period,
          ...(milestone
            ? { complete: values.complete }
            : { value: values.value === '' ? null : values.value }),
          narrative: values.narrative,
        });
        if (!file) return draft;
        return planApi.addEvidence(draft.id, {
          fileName: file.name,
          // A kind of file outside the server's allowlist travels as an opaque download.
          mediaType: (uploadMediaTypes as readonly string[]).includes(file.type)
            ? file.type
            : 'application/octet-stream',
          contentBase64: await base64Of(file),
        });
      }}
      invalidate={[planKey]}
      done={() => t('plan.report.drafted')}
      submitLabel={t('plan.report.save')}
    >
      <SelectField
        name="period"
        label={t('plan.report.period')}
        data={task.periods.map((p) => ({ value: p.key, label: p.key }))}
      />
      {milestone ? (
        <CheckboxField name="complete" label={t('plan.report.complete')} />
      ) : (
        <NumberField name="value" label={t('plan.report.value', { unit: task.unit ?? '' })} allowDecimal />
      )}
      <TextareaField name="narrative" label={t('plan.report.narrative')} />
      <FileInput label={t('plan.report.evidence')} value={file} onChange={setFile} clearable />
    </FormDialog>
  );
}

const ReturnForm = z.object({ comment: z.string().trim().min(1, 'required').max(2000) });

export function ReturnDialog({ report, onClose }: { report: Progress | null; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  return (
    <FormDialog
      opened={report !== null}
      onClose={onClose}
      title={t('plan.validate.returnTitle', { period: report?.period ?? '' })}
      schema={ReturnForm}
      defaultValues={{ comment: '' }}
      submit={(values) => planApi.returnWith(report!.id, report!.version, values.comment)}
      invalidate={[planKey]}
      done={() => t('plan.validate.returned')}
      submitLabel={t('plan.validate.return')}
      submitColor="orange"
    >
      <TextareaField name="comment" label={t('plan.validate.comment')} />
    </FormDialog>
  );
}

export function ValidateDialog({ report, onClose }: { report: Progress | null; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  return (
    <ConfirmDialog
      opened={report !== null}
      onClose={onClose}
      title={t('plan.validate.validateTitle', { period: report?.period ?? '' })}
      message={t('plan.validate.validateMessage', {
        agency: report?.agency.code ?? '',
        task: report?.taskTitle ?? '',
      })}
      confirmLabel={t('plan.validate.validate')}
      color="teal"
      action={() => planApi.validate(report!.id, report!.version)}
      invalidate={[planKey]}
      done={() => t('plan.validate.validated')}
    />
  );
}

export function SubmitDialog({ report, onClose }: { report: Progress | null; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  return (
    <ConfirmDialog
      opened={report !== null}
      onClose={onClose}
      title={t('plan.report.submitTitle', { period: report?.period ?? '' })}
      message={t('plan.report.submitMessage')}
      confirmLabel={t('plan.report.submit')}
      action={() => planApi.submit(report!.id, report!.version)}
      invalidate={[planKey]}
      done={() => t('plan.report.submitted')}
    />
  );
}
