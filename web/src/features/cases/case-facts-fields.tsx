import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CaseCreate, Country, IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { withFormPaths } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import type { CaseView } from './cases.api.js';
import {
  CountrySelectField,
  DateField,
  MultiSelectField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form-fields.js';
import { optional } from './case-labels.js';

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
const caseFieldOf: Record<string, keyof CaseFormValues> = {
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

/** A problem of the server with its field paths renamed to the case form's fields. */
export const caseFormProblem = (error: unknown) => withFormPaths(error, (path) => caseFieldOf[path]);

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

/** Reads the form from the FormProvider around it. */
export function CaseFactsFields({
  summaryWithheld = false,
}: {
  /** Who may not read the summary does not overwrite it unseen: the field is left out. */
  summaryWithheld?: boolean;
}) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="origin"
          codeList="case_origin"
          label={t('cases:case.origin')}
          description={t('cases:create.originDescription')}
          required
        />
        <DateField
          name="reportDate"
          label={t('cases:case.reportDate')}
          description={t('cases:create.reportDateDescription')}
          required
        />
        <MultiSelectField
          name="exploitationTypes"
          codeList="type_of_exploitation"
          label={t('cases:case.exploitationTypes')}
        />
        <MultiSelectField name="sectors" codeList="forced_labour_industry" label={t('cases:case.sectors')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField name="factsDate" label={t('cases:case.factsDate')} />
        <CountrySelectField
          name="placeCountry"
          label={t('cases:case.placeCountry')}
          description={t('cases:create.countryDescription')}
        />
        <TextField name="placeLocality" label={t('cases:case.placeLocality')} maxLength={200} />
      </SimpleGrid>
      {!summaryWithheld && (
        <TextareaField
          name="summary"
          label={t('cases:case.summary')}
          description={t('cases:create.summaryDescription')}
          minRows={3}
          maxRows={10}
        />
      )}
    </Stack>
  );
}
