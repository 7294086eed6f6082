import { MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CaseCreate, Country, IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import type { CaseView } from './cases.api.js';
import { codeOptions, optional, today } from './case-labels.js';

// The facts of a case, shared by the forms that register a case and that correct it. The
// form keeps text as typed; empty optional fields are left out of the request.

export const CaseForm = z.object({
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
export type CaseFormValues = z.input<typeof CaseForm>;
export const caseFormResolver = translatedResolver(CaseForm);

/** Server field paths, and the form fields that show them. */
export const caseFieldOf: Record<string, keyof CaseFormValues> = {
  leadAgencyId: 'leadAgencyId',
  origin: 'origin',
  reportDate: 'reportDate',
  factsDate: 'factsDate',
  registrationDate: 'reportDate',
  summary: 'summary',
  'places.0.country': 'placeCountry',
  'places.0.locality': 'placeLocality',
};
export const caseFormFields = Object.values(caseFieldOf);

export function caseFormOf(kase: CaseView): CaseFormValues {
  const [place] = kase.places;
  return {
    leadAgencyId: kase.leadAgency.id,
    origin: kase.origin as CaseFormValues['origin'],
    reportDate: kase.reportDate,
    factsDate: kase.factsDate ?? '',
    exploitationTypes: kase.exploitationTypes,
    sectors: kase.sectors,
    qualifications: [],
    participatingAgencyIds: [],
    placeCountry: place?.country ?? '',
    placeLocality: place?.locality ?? '',
    summary: kase.summary ?? '',
  };
}

/** The first place as the form shows it, before any further places the case already has. */
export function placesOf(values: CaseFormValues, others: CaseView['places'] = []): CaseView['places'] {
  const country = values.placeCountry.trim().toUpperCase();
  const locality = optional(values.placeLocality);
  return [...(country ? [{ country, ...(locality ? { locality } : {}) }] : []), ...others];
}

export function CaseFactsFields({
  form,
  summaryWithheld = false,
}: {
  form: UseFormReturn<CaseFormValues>;
  /** Who may not read the summary does not overwrite it unseen: the field is left out. */
  summaryWithheld?: boolean;
}) {
  const { t } = useTranslation(['cases', 'web']);
  const { errors } = form.formState;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
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
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          type="date"
          label={t('cases:case.factsDate')}
          max={today()}
          error={errors.factsDate?.message}
          {...form.register('factsDate')}
        />
        <TextInput
          label={t('cases:case.placeCountry')}
          description={t('cases:create.countryDescription')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
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
      {!summaryWithheld && (
        <Textarea
          label={t('cases:case.summary')}
          description={t('cases:create.summaryDescription')}
          autosize
          minRows={3}
          maxRows={10}
          error={errors.summary?.message}
          {...form.register('summary')}
        />
      )}
    </Stack>
  );
}
