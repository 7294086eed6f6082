import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseCreate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import {
  CaseFactsFields,
  caseFieldOf,
  caseFormFields,
  caseFormResolver,
  placesOf,
  type CaseFormValues,
} from './case-facts-fields.js';
import { agencyOptions, optional, today } from './case-labels.js';
import { adoptCase, casesApi, legalQualificationsQuery } from './cases.api.js';
import { withFormPaths } from './form-paths.js';

const formPath = (path: string) => caseFieldOf[path];

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
    resolver: caseFormResolver,
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
    // The server checks every code against its list; the cast restates the form's strings as codes.
    mutationFn: (values: CaseFormValues) =>
      casesApi.create({
        leadAgencyId: values.leadAgencyId || undefined,
        origin: values.origin,
        reportDate: values.reportDate,
        factsDate: optional(values.factsDate),
        places: placesOf(values),
        exploitationTypes: values.exploitationTypes,
        sectors: values.sectors,
        qualifications: values.qualifications,
        participatingAgencyIds: values.participatingAgencyIds.filter((id) => id !== values.leadAgencyId),
        summary: optional(values.summary),
      } as CaseCreate),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:create.done', { reference: view.reference }));
      onClose();
      void navigate({ to: '/cases/$caseId', params: { caseId: view.id } });
    },
    onError: (error) => showFieldErrors(withFormPaths(error, formPath), form.setError, caseFormFields),
  });
  const { errors } = form.formState;
  const language = currentLanguage();
  const qualificationOptions = (qualifications.data ?? [])
    .filter((q) => q.active)
    .map((q) => ({ value: q.code, label: `${q.labels[language]} (${q.law} ${q.article})` }));

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={withFormPaths(create.error, formPath)} fields={caseFormFields} />
        {can('agency.read') && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
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
            <Controller
              control={form.control}
              name="participatingAgencyIds"
              render={({ field }) => (
                <MultiSelect
                  label={t('cases:case.participatingAgencies')}
                  description={t('cases:create.participatingDescription')}
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
          </SimpleGrid>
        )}
        <CaseFactsFields form={form} />
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
