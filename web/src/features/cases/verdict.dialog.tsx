import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { maxSuspendedSentenceMonths } from '../../../../src/core/cases/case-stages.js';
import { verdicts } from '../../../../src/core/cases/case-records.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { optional, today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, type CasePersonView, type CaseView } from './cases.api.js';

type VerdictValues = {
  verdict: (typeof verdicts)[number] | '';
  verdictDate: string;
  sentenceMonths: number | string;
  suspended: boolean;
  fineAmount: number | string;
  confiscation: string;
  compensationAmount: number | string;
};
const fields = [
  'verdict',
  'verdictDate',
  'sentenceMonths',
  'suspended',
  'fineAmount',
  'confiscation',
  'compensationAmount',
] as const;

const numberOrNull = (value: number | string) => (value === '' ? null : Number(value));

function valuesOf(person: CasePersonView): VerdictValues {
  const suspect = person.suspect;
  return {
    verdict: suspect?.verdict ?? '',
    verdictDate: suspect?.verdictDate ?? today(),
    sentenceMonths: suspect?.sentenceMonths ?? '',
    suspended: suspect?.suspended ?? false,
    fineAmount: suspect?.fineAmount ?? '',
    confiscation: suspect?.confiscation ?? '',
    compensationAmount: suspect?.compensationAmount ?? '',
  };
}

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** The court's decision on one charged defendant; recorded once the case has reached judgment. */
export function VerdictDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:verdict.title', { pseudonym: person.person.pseudonym }) : ''}
      size="lg"
    >
      {person && <VerdictForm key={person.id} kase={kase} person={person} onClose={onClose} />}
    </Dialog>
  );
}

function VerdictForm({
  kase,
  person,
  onClose,
}: {
  kase: CaseView;
  person: CasePersonView;
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const queryClient = useQueryClient();
  const form = useForm<VerdictValues>({ defaultValues: valuesOf(person) });
  const verdict = form.watch('verdict');
  const convicted = verdict === 'convicted';
  const save = useMutation({
    mutationFn: (values: VerdictValues) =>
      casesApi.recordVerdict(kase.id, person.id, {
        version: person.version,
        verdict: values.verdict as (typeof verdicts)[number],
        verdictDate: values.verdictDate,
        // An acquittal carries no penalty: the penalty fields are not sent at all.
        ...(values.verdict === 'convicted'
          ? {
              sentenceMonths: numberOrNull(values.sentenceMonths),
              suspended: values.sentenceMonths === '' ? null : values.suspended,
              fineAmount: numberOrNull(values.fineAmount),
            }
          : {}),
        confiscation: optional(values.confiscation) ?? null,
        compensationAmount: numberOrNull(values.compensationAmount),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:verdict.done', { pseudonym: person.person.pseudonym }));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
    onClose();
  };
  const { errors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        if (!values.verdict) {
          form.setError(
            'verdict',
            { type: 'required', message: t('common:validation.required') },
            { shouldFocus: true },
          );
          return;
        }
        save.mutate(values);
      })}
    >
      <Stack gap="md">
        <ProblemAlert error={save.error} fields={fields} onReload={() => void reload()} />
        <Controller
          control={form.control}
          name="verdict"
          render={({ field }) => (
            <Radio.Group
              label={t('cases:verdict.verdict')}
              required
              value={field.value}
              onChange={field.onChange}
              error={errors.verdict?.message}
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
          )}
        />
        <TextInput
          type="date"
          label={t('cases:verdict.date')}
          required
          max={today()}
          error={errors.verdictDate?.message}
          {...form.register('verdictDate', { required: t('common:validation.required') })}
        />
        {convicted && (
          <>
            <Text size="sm" c="dimmed">
              {t('cases:verdict.penaltyNote')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Controller
                control={form.control}
                name="sentenceMonths"
                render={({ field }) => (
                  <NumberInput
                    label={t('cases:verdict.sentenceMonths')}
                    min={1}
                    max={600}
                    allowDecimal={false}
                    allowNegative={false}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    error={errors.sentenceMonths?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="fineAmount"
                render={({ field }) => (
                  <NumberInput
                    label={t('cases:verdict.fineAmount')}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    error={errors.fineAmount?.message}
                  />
                )}
              />
            </SimpleGrid>
            <Controller
              control={form.control}
              name="suspended"
              render={({ field }) => (
                <Checkbox
                  label={t('cases:verdict.suspended')}
                  description={t('cases:verdict.suspendedDescription', {
                    maximum: maxSuspendedSentenceMonths,
                  })}
                  checked={field.value}
                  onChange={(event) => field.onChange(event.currentTarget.checked)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.suspended?.message}
                />
              )}
            />
          </>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="compensationAmount"
            render={({ field }) => (
              <NumberInput
                label={t('cases:verdict.compensationAmount')}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.compensationAmount?.message}
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t('cases:verdict.confiscation')}
          autosize
          minRows={2}
          maxLength={1000}
          error={errors.confiscation?.message}
          {...form.register('confiscation')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('cases:verdict.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
