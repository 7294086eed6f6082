import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseCreate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { DialogFooter, useDialogAction } from '../../components/form-dialog.js';
import { MultiSelectField, SelectField } from '../../components/form-fields.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import {
  CaseFactsFields,
  caseFormFields,
  caseFormProblem,
  caseFormResolver,
  placesOf,
  type CaseFormValues,
} from './case-facts-fields.js';
import { agencyOptions, optional, qualificationOptions, today } from './case-labels.js';
import { adoptCase, casesApi, legalQualificationsQuery } from './cases.api.js';

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
  const create = useDialogAction(
    // The server checks every code against its list; the cast restates the form's strings as codes.
    (values: CaseFormValues) =>
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
    {
      adopt: adoptCase,
      done: (view) => t('cases:create.done', { reference: view.reference }),
      then: (view) => void navigate({ to: '/cases/$caseId', params: { caseId: view.id } }),
    },
    onClose,
    (error) => showFieldErrors(caseFormProblem(error), form.setError, caseFormFields),
  );
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={caseFormProblem(create.error)} fields={caseFormFields} />
          {can('agency.read') && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <SelectField
                name="leadAgencyId"
                data={agencyOptions(agencies.data ?? [])}
                label={t('cases:case.leadAgency')}
                description={t('cases:create.leadAgencyDescription')}
                searchable
                allowDeselect={false}
              />
              <MultiSelectField
                name="participatingAgencyIds"
                data={agencyOptions(agencies.data ?? [])}
                label={t('cases:case.participatingAgencies')}
                description={t('cases:create.participatingDescription')}
              />
            </SimpleGrid>
          )}
          <CaseFactsFields />
          <MultiSelectField
            name="qualifications"
            data={qualificationOptions(qualifications.data ?? [])}
            label={t('cases:case.qualifications')}
            description={t('cases:create.qualificationsDescription')}
          />
          <Text size="sm" c="dimmed">
            {t('cases:create.note')}
          </Text>
          <DialogFooter
            onCancel={onClose}
            submitLabel={t('cases:create.submit')}
            pending={create.isPending}
          />
        </Stack>
      </form>
    </FormProvider>
  );
}
