import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { HistoricEventBody } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { codeOptions, optional, today } from './case-labels.js';
import { adoptCase, casesApi, type CasePersonView, type CaseView } from './cases.api.js';

const EventForm = z.object({
  type: HistoricEventBody.shape.type,
  country: HistoricEventBody.shape.country.unwrap().or(z.literal('')),
  locality: z.string().trim().max(200),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string().trim().max(5000),
});
type EventValues = z.input<typeof EventForm>;
const resolver = translatedResolver(EventForm);
const fields = ['type', 'country', 'locality', 'startDate', 'endDate', 'note'] as const;

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** A step of the person's trafficking history: where they were recruited, moved through, exploited. */
export function HistoricEventDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:event.title', { pseudonym: person.person.pseudonym }) : ''}
      size="lg"
    >
      {person && <EventFormBody key={person.id} kase={kase} person={person} onClose={onClose} />}
    </Dialog>
  );
}

function EventFormBody({
  kase,
  person,
  onClose,
}: {
  kase: CaseView;
  person: CasePersonView;
  onClose: () => void;
}) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const form = useForm<EventValues>({
    resolver,
    defaultValues: {
      type: '' as EventValues['type'],
      country: '',
      locality: '',
      startDate: '',
      endDate: '',
      note: '',
    },
  });
  const add = useMutation({
    mutationFn: (values: EventValues) =>
      casesApi.addEvent(kase.id, person.id, {
        type: values.type,
        country: optional(values.country),
        locality: optional(values.locality),
        startDate: optional(values.startDate),
        endDate: optional(values.endDate),
        note: optional(values.note),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:event.done'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={add.error} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Select
                label={t('cases:event.type')}
                data={codeOptions('historic_event_type')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.type?.message}
              />
            )}
          />
          <TextInput
            label={t('cases:event.country')}
            description={t('cases:create.countryDescription')}
            maxLength={3}
            spellCheck={false}
            error={errors.country?.message}
            {...form.register('country', { setValueAs: (value: string) => value.trim().toUpperCase() })}
          />
          <TextInput
            label={t('cases:event.locality')}
            maxLength={200}
            error={errors.locality?.message}
            {...form.register('locality')}
          />
          <div />
          <TextInput
            type="date"
            label={t('cases:event.startDate')}
            max={today()}
            error={errors.startDate?.message}
            {...form.register('startDate')}
          />
          <TextInput
            type="date"
            label={t('cases:event.endDate')}
            error={errors.endDate?.message}
            {...form.register('endDate')}
          />
        </SimpleGrid>
        <Textarea
          label={t('cases:event.note')}
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
          <Button type="submit" loading={add.isPending}>
            {t('cases:event.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
