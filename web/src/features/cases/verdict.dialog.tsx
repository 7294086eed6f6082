import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { useController, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { maxSuspendedSentenceMonths } from '../../../../src/core/cases/case-stages.js';
import { verdicts } from '../../../../src/core/cases/case-records.js';
import { today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, type CasePersonView, type CaseView } from './cases.api.js';
import { FormDialog } from '../../components/form-dialog.js';
import { DateField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { VerdictBody } from '../../../../src/modules/cases/cases.schemas.js';
import { CheckboxField, NumberField } from '../../components/form-fields.js';

// The server takes a number, or null for none; an empty box is none.
const amount = z.union([z.number(), z.string()]).transform((value) => (value === '' ? null : Number(value)));
const VerdictFields = VerdictBody.pick({ verdict: true, verdictDate: true }).extend({
  sentenceMonths: amount,
  suspended: z.boolean(),
  fineAmount: amount,
  confiscation: blankOr(VerdictBody.shape.confiscation.unwrap().unwrap().optional()),
  compensationAmount: amount,
});
type VerdictValues = z.input<typeof VerdictFields>;
type Verdict = z.output<typeof VerdictFields>;

function valuesOf(person: CasePersonView | null): VerdictValues {
  const suspect = person?.suspect;
  return {
    verdict: suspect?.verdict ?? ('' as Verdict['verdict']),
    verdictDate: suspect?.verdictDate ?? today(),
    sentenceMonths: suspect?.sentenceMonths ?? '',
    suspended: suspect?.suspended ?? false,
    fineAmount: suspect?.fineAmount ?? '',
    confiscation: suspect?.confiscation ?? '',
    compensationAmount: suspect?.compensationAmount ?? '',
  };
}

/** An acquittal carries no penalty: the penalty fields are not sent at all. */
const penaltyOf = (values: Verdict) =>
  values.verdict === 'convicted'
    ? {
        sentenceMonths: values.sentenceMonths,
        suspended: values.sentenceMonths === null ? null : values.suspended,
        fineAmount: values.fineAmount,
      }
    : {};

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** The court's decision on one charged defendant; recorded once the case has reached judgment. */
export function VerdictDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:verdict.title', { pseudonym: person.person.pseudonym }) : ''}
      schema={VerdictFields}
      defaultValues={valuesOf(person)}
      submit={(values) =>
        casesApi.recordVerdict(kase.id, person!.id, {
          version: person!.version,
          verdict: values.verdict,
          verdictDate: values.verdictDate,
          ...penaltyOf(values),
          confiscation: values.confiscation ?? null,
          compensationAmount: values.compensationAmount,
        })
      }
      adopt={adoptCase}
      reloadKey={caseKey(kase.id)}
      done={() => t('cases:verdict.done', { pseudonym: person!.person.pseudonym })}
      submitLabel={t('cases:verdict.submit')}
    >
      <VerdictFieldset />
    </FormDialog>
  );
}

function VerdictFieldset() {
  const { t } = useTranslation(['cases']);
  const convicted = useWatch({ name: 'verdict' }) === 'convicted';
  return (
    <>
      <VerdictChoice />
      <DateField name="verdictDate" label={t('cases:verdict.date')} required />
      {convicted && (
        <>
          <Text size="sm" c="dimmed">
            {t('cases:verdict.penaltyNote')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberField name="sentenceMonths" label={t('cases:verdict.sentenceMonths')} min={1} max={600} />
            <NumberField name="fineAmount" label={t('cases:verdict.fineAmount')} min={0} thousandSeparator />
          </SimpleGrid>
          <CheckboxField
            name="suspended"
            label={t('cases:verdict.suspended')}
            description={t('cases:verdict.suspendedDescription', { maximum: maxSuspendedSentenceMonths })}
          />
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberField
          name="compensationAmount"
          label={t('cases:verdict.compensationAmount')}
          min={0}
          thousandSeparator
        />
      </SimpleGrid>
      <TextareaField name="confiscation" label={t('cases:verdict.confiscation')} maxRows={undefined} />
    </>
  );
}

/** Convicted or acquitted, side by side. */
function VerdictChoice() {
  const { t } = useTranslation(['cases']);
  const { field, fieldState } = useController({ name: 'verdict' });
  return (
    <Radio.Group
      label={t('cases:verdict.verdict')}
      required
      value={field.value as string}
      onChange={field.onChange}
      error={fieldState.error?.message}
    >
      <Group gap="lg" mt="xs">
        {verdicts.map((option, index) => (
          <Radio
            key={option}
            value={option}
            label={t(`cases:verdict.${option}`)}
            ref={index === 0 ? field.ref : undefined}
          />
        ))}
      </Group>
    </Radio.Group>
  );
}
