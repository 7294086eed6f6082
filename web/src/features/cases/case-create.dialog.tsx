import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CaseCreate, Country, IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { agencyOptions, codeOptions, optional, today } from './case-labels.js';
import { withFormPaths } from './form-paths.js';
import { adoptCase, casesApi, legalQualificationsQuery } from './cases.api.js';

// The form keeps text as typed; empty optional fields are left out of the request.
const CaseForm = z.object({
  leadAgencyId: z.string(),
  origin: CaseCreate.shape.origin,
  reportDate: IsoDate,
  factsDate: IsoDate.or(z.literal('')),
  exploitationTypes: z.array(z.string()),
  sectors: z.array(z.string()),
  qualifications: z.array(z.string()),
  participatingAgencyIds: z.array(z.string()),
  placeCountry: Country.or(z.literal('')),
  placeLocality: z.string().trim().max(200),
  summary: z.string().trim().max(20_000),
});
type CaseFormValues = z.input<typeof CaseForm>;
const resolver = translatedResolver(CaseForm);

// Server field paths, and the form fields that show them.
const fieldOf: Record<string, keyof CaseFormValues> = {
  leadAgencyId: 'leadAgencyId',
  origin: 'origin',
  reportDate: 'reportDate',
  factsDate: 'factsDate',
  registrationDate: 'reportDate',
  summary: 'summary',
  'places.0.country': 'placeCountry',
  'places.0.locality': 'placeLocality',
};
const formFields = Object.values(fieldOf);

export function CaseCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <Dialog opened={opened} onClose={onClose} title={t('cases:create.title')} size="xl">
      {opened && <CaseCreateForm onClose={onClose} />}
    </Dialog>
  );
}

function CaseCreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const session = useSignedInSession();
  const can = useCan();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const qualifications = useQuery(legalQualificationsQuery);
  const form = useForm<CaseFormValues>({
    resolver,
    defaultValues: {
      leadAgencyId: session.user.agency.id,
      origin: '' as CaseFormValues['origin'],
      reportDate: today(),
      factsDate: '',
      exploitationTypes: [],
      sectors: [],
      qualifications: [],
      participatingAgencyIds: [],
      placeCountry: '',
      placeLocality: '',
      summary: '',
    },
  });
  const create = useMutation({
    mutationFn: (values: CaseFormValues) => {
      const country = values.placeCountry.trim().toUpperCase();
      return casesApi.create({
        leadAgencyId: values.leadAgencyId || undefined,
        origin: values.origin,
        reportDate: values.reportDate,
        factsDate: optional(values.factsDate),
        places: country ? [{ country, locality: optional(values.placeLocality) }] : [],
        exploitationTypes: values.exploitationTypes,
        sectors: values.sectors,
        qualifications: values.qualifications,
        participatingAgencyIds: values.participatingAgencyIds.filter((id) => id !== values.leadAgencyId),
        summary: optional(values.summary),
      } as CaseCreate);
    },
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:create.done', { reference: view.reference }));
      onClose();
      void navigate({ to: '/cases/$caseId', params: { caseId: view.id } });
    },
    onError: (error) =>
      showFieldErrors(
        withFormPaths(error, (path) => fieldOf[path]),
        form.setError,
        formFields,
      ),
  });
  const { errors } = form.formState;
  const language = currentLanguage();
  const qualificationOptions = (qualifications.data ?? [])
    .filter((q) => q.active)
    .map((q) => ({ value: q.code, label: `${q.labels[language]} (${q.law} ${q.article})` }));

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={withFormPaths(create.error, (path) => fieldOf[path])} fields={formFields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {can('agency.read') && (
            <Controller
              control={form.control}
              name="leadAgencyId"
              render={({ field }) => (
                <Select
                  label={t('cases:case.leadAgency')}
                  description={t('cases:create.leadAgencyDescription')}
                  data={agencyOptions(agencies.data ?? [])}
                  searchable
                  allowDeselect={false}
                  nothingFoundMessage={t('web:table.noMatch')}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.leadAgencyId?.message}
                />
              )}
            />
          )}
          <Controller
            control={form.control}
            name="origin"
            render={({ field }) => (
              <Select
                label={t('cases:case.origin')}
                description={t('cases:create.originDescription')}
                data={codeOptions('case_origin')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.origin?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:case.reportDate')}
            description={t('cases:create.reportDateDescription')}
            required
            max={today()}
            error={errors.reportDate?.message}
            {...form.register('reportDate')}
          />
          <TextInput
            type="date"
            label={t('cases:case.factsDate')}
            description={t('cases:create.factsDateDescription')}
            max={today()}
            error={errors.factsDate?.message}
            {...form.register('factsDate')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="exploitationTypes"
            render={({ field }) => (
              <MultiSelect
                label={t('cases:case.exploitationTypes')}
                data={codeOptions('type_of_exploitation')}
                searchable
                clearable
                nothingFoundMessage={t('web:table.noMatch')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={form.control}
            name="sectors"
            render={({ field }) => (
              <MultiSelect
                label={t('cases:case.sectors')}
                data={codeOptions('forced_labour_industry')}
                searchable
                clearable
                nothingFoundMessage={t('web:table.noMatch')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={form.control}
            name="qualifications"
            render={({ field }) => (
              <MultiSelect
                label={t('cases:case.qualifications')}
                description={t('cases:create.qualificationsDescription')}
                data={qualificationOptions}
                searchable
                clearable
                nothingFoundMessage={t('web:table.noMatch')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
              />
            )}
          />
          {can('agency.read') && (
            <Controller
              control={form.control}
              name="participatingAgencyIds"
              render={({ field }) => (
                <MultiSelect
                  label={t('cases:case.participatingAgencies')}
                  data={agencyOptions(agencies.data ?? [])}
                  searchable
                  clearable
                  nothingFoundMessage={t('web:table.noMatch')}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  ref={field.ref}
                />
              )}
            />
          )}
          <TextInput
            label={t('cases:case.placeCountry')}
            description={t('cases:create.countryDescription')}
            maxLength={3}
            autoCapitalize="characters"
            spellCheck={false}
            error={errors.placeCountry?.message}
            {...form.register('placeCountry', { setValueAs: (value: string) => value.trim().toUpperCase() })}
          />
          <TextInput
            label={t('cases:case.placeLocality')}
            maxLength={200}
            error={errors.placeLocality?.message}
            {...form.register('placeLocality')}
          />
        </SimpleGrid>
        <Textarea
          label={t('cases:case.summary')}
          description={t('cases:create.summaryDescription')}
          autosize
          minRows={3}
          maxRows={10}
          error={errors.summary?.message}
          {...form.register('summary')}
        />
        <Text size="sm" c="dimmed">
          {t('cases:create.note')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('cases:create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
