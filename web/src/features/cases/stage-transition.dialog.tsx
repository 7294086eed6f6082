import { Button, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CaseStage, IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { agencyOptions, optional, today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, type CaseView } from './cases.api.js';

const TransitionFields = z.object({
  to: CaseStage,
  decidedOn: IsoDate,
  decidedByAgencyId: z.string(),
  authority: z.string().trim().max(300),
  note: z.string().trim().max(5000),
});
type TransitionValues = z.input<typeof TransitionFields>;
const resolver = translatedResolver(TransitionFields);
const fields = ['to', 'decidedOn', 'decidedByAgencyId', 'authority', 'note'] as const;

type Props = { kase: CaseView; opened: boolean; onClose: () => void };

export function StageTransitionDialog({ kase, opened, onClose }: Props) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  return (
    <Dialog opened={opened} onClose={onClose} title={t('cases:transition.title')} size="lg">
      {opened && <StageTransitionForm kase={kase} onClose={onClose} />}
    </Dialog>
  );
}

function StageTransitionForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const session = useSignedInSession();
  const can = useCan();
  const queryClient = useQueryClient();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const form = useForm<TransitionValues>({
    resolver,
    defaultValues: {
      // With one way forward, it is already chosen.
      to: kase.allowedNextStages.length === 1 ? kase.allowedNextStages[0] : ('' as TransitionValues['to']),
      decidedOn: today(),
      decidedByAgencyId: session.user.agency.id,
      authority: '',
      note: '',
    },
  });
  const transition = useMutation({
    mutationFn: (values: TransitionValues) =>
      casesApi.transition(kase.id, {
        version: kase.version,
        to: values.to,
        decidedOn: values.decidedOn,
        decidedByAgencyId: values.decidedByAgencyId || undefined,
        authority: optional(values.authority),
        note: optional(values.note),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:transition.done', { stage: t(`common:caseStage.${view.stage}`) }));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  // After a 409 for a stale version: the page shows the case as it now is, with the stages it
  // may now move to; the person chooses again.
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
    onClose();
  };
  const { errors } = form.formState;

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => transition.mutate(values))}>
      <Stack gap="md">
        <Text size="sm">{t('cases:transition.intro', { stage: t(`common:caseStage.${kase.stage}`) })}</Text>
        <ProblemAlert error={transition.error} fields={fields} onReload={() => void reload()} />
        <Controller
          control={form.control}
          name="to"
          render={({ field }) => (
            <Radio.Group
              label={t('cases:transition.to')}
              required
              value={field.value}
              onChange={field.onChange}
              error={errors.to?.message}
            >
              <Stack gap="xs" mt="xs">
                {kase.allowedNextStages.map((stage, index) => (
                  <Radio
                    key={stage}
                    value={stage}
                    label={t(`common:caseStage.${stage}`)}
                    description={t(`cases:stageHelp.${stage}`)}
                    ref={index === 0 ? field.ref : undefined}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('cases:transition.decidedOn')}
            required
            max={today()}
            error={errors.decidedOn?.message}
            {...form.register('decidedOn')}
          />
          {can('agency.read') && (
            <Controller
              control={form.control}
              name="decidedByAgencyId"
              render={({ field }) => (
                <Select
                  label={t('cases:transition.decidedBy')}
                  data={agencyOptions(agencies.data ?? [])}
                  searchable
                  allowDeselect={false}
                  nothingFoundMessage={t('web:table.noMatch')}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.decidedByAgencyId?.message}
                />
              )}
            />
          )}
        </SimpleGrid>
        <TextInput
          label={t('cases:transition.authority')}
          description={t('cases:transition.authorityDescription')}
          maxLength={300}
          error={errors.authority?.message}
          {...form.register('authority')}
        />
        <Textarea
          label={t('cases:transition.note')}
          autosize
          minRows={2}
          maxRows={8}
          error={errors.note?.message}
          {...form.register('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={transition.isPending}>
            {t('cases:transition.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
