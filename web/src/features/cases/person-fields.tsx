import { Fieldset, MultiSelect, NumberInput, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRole } from '../../../../src/core/cases/case-records.js';
import type { CodeListId } from '../../../../src/core/vocabularies/code-list.registry.js';
import type { SuspectInput, VictimInput } from '../../../../src/modules/cases/cases.schemas.js';
import type { z } from 'zod';
import { currentLanguage } from '../../i18n/i18n.js';
import { codeOptions, today } from './case-labels.js';
import { legalQualificationsQuery, type CasePersonView } from './cases.api.js';

// The HTCDS fields of a person in a case, shared by the "add" and "edit" dialogs. The form
// keeps empty selects as '' and empty numbers as ''; the request sends null for them.

export type VictimValues = {
  traffickingStatus: string;
  statusDecidedBy: string;
  statusDecidedOn: string;
  recruitmentMethod: string;
  meansOfControl: string[];
  exploitationTypes: string[];
  sexExploitationTypes: string[];
  labourSector: string;
  ageWhenTrafficked: number | string;
  relationshipToTrafficker: string;
  migrationStatus: string;
};

export type SuspectValues = { rolesInProcess: string[]; charges: string[] };

export type PersonFormValues = {
  role: CaseRole;
  person: {
    givenNames: string;
    familyName: string;
    identityNumber: string;
    birthDate: string;
    contacts: string;
    address: string;
    notes: string;
    gender: string;
    citizenship: string[];
  };
  victim: VictimValues;
  suspect: SuspectValues;
};

export const emptyPersonForm: PersonFormValues = {
  role: 'victim',
  person: {
    givenNames: '',
    familyName: '',
    identityNumber: '',
    birthDate: '',
    contacts: '',
    address: '',
    notes: '',
    gender: '',
    citizenship: [],
  },
  victim: {
    traffickingStatus: '',
    statusDecidedBy: '',
    statusDecidedOn: '',
    recruitmentMethod: '',
    meansOfControl: [],
    exploitationTypes: [],
    sexExploitationTypes: [],
    labourSector: '',
    ageWhenTrafficked: '',
    relationshipToTrafficker: '',
    migrationStatus: '',
  },
  suspect: { rolesInProcess: [], charges: [] },
};

/** The form values for a person already in the case (identity fields stay empty: they are not read). */
export function personFormOf(view: CasePersonView): PersonFormValues {
  const victim = view.victim;
  return {
    role: view.role,
    person: {
      ...emptyPersonForm.person,
      gender: view.person.gender ?? '',
      citizenship: view.person.citizenship,
    },
    victim: victim
      ? {
          traffickingStatus: victim.traffickingStatus ?? '',
          statusDecidedBy: victim.statusDecidedBy ?? '',
          statusDecidedOn: victim.statusDecidedOn ?? '',
          recruitmentMethod: victim.recruitmentMethod ?? '',
          meansOfControl: victim.meansOfControl,
          exploitationTypes: victim.exploitationTypes,
          sexExploitationTypes: victim.sexExploitationTypes,
          labourSector: victim.labourSector ?? '',
          ageWhenTrafficked: victim.ageWhenTrafficked ?? '',
          relationshipToTrafficker: victim.relationshipToTrafficker ?? '',
          migrationStatus: victim.migrationStatus ?? '',
        }
      : emptyPersonForm.victim,
    suspect: view.suspect
      ? { rolesInProcess: view.suspect.rolesInProcess, charges: view.suspect.charges }
      : emptyPersonForm.suspect,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

// The server checks every code against its list; the casts only restate the form's strings as codes.
export function victimBody(values: VictimValues): z.input<typeof VictimInput> {
  const age = values.ageWhenTrafficked === '' ? null : Number(values.ageWhenTrafficked);
  return {
    traffickingStatus: orNull(values.traffickingStatus),
    statusDecidedBy: orNull(values.statusDecidedBy),
    statusDecidedOn: orNull(values.statusDecidedOn),
    recruitmentMethod: orNull(values.recruitmentMethod),
    meansOfControl: values.meansOfControl,
    exploitationTypes: values.exploitationTypes,
    sexExploitationTypes: values.sexExploitationTypes,
    labourSector: orNull(values.labourSector),
    ageWhenTrafficked: Number.isNaN(age) ? null : age,
    relationshipToTrafficker: orNull(values.relationshipToTrafficker),
    migrationStatus: orNull(values.migrationStatus),
  } as z.input<typeof VictimInput>;
}

export function suspectBody(values: SuspectValues): z.input<typeof SuspectInput> {
  return { rolesInProcess: values.rolesInProcess, charges: values.charges } as z.input<typeof SuspectInput>;
}

/** Server paths name list items (`suspect.charges.0`); the form shows them on the list's field. */
export function personFormPath(serverPath: string): string {
  return serverPath.replace(/\.\d+$/, '');
}

type FieldsProps = { form: UseFormReturn<PersonFormValues> };

function CodeSelect({
  form,
  name,
  listId,
  label,
}: FieldsProps & {
  name: `victim.${keyof VictimValues}` | 'person.gender';
  listId: CodeListId;
  label: string;
}) {
  const { t } = useTranslation(['web']);
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          label={label}
          data={codeOptions(listId)}
          searchable
          clearable
          nothingFoundMessage={t('web:table.noMatch')}
          value={typeof field.value === 'string' && field.value ? field.value : null}
          onChange={(value) => field.onChange(value ?? '')}
          onBlur={field.onBlur}
          ref={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}

function CodeMultiSelect({
  form,
  name,
  listId,
  label,
}: FieldsProps & {
  name:
    | 'victim.meansOfControl'
    | 'victim.exploitationTypes'
    | 'victim.sexExploitationTypes'
    | 'suspect.rolesInProcess';
  listId: CodeListId;
  label: string;
}) {
  const { t } = useTranslation(['web']);
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <MultiSelect
          label={label}
          data={codeOptions(listId)}
          searchable
          clearable
          nothingFoundMessage={t('web:table.noMatch')}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}

/** Sex and citizenship: kept with the pseudonym, not with the sealed identity. */
export function ProfileFields({ form }: FieldsProps) {
  const { t } = useTranslation(['cases']);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <CodeSelect form={form} name="person.gender" listId="gender" label={t('cases:person.gender')} />
      <Controller
        control={form.control}
        name="person.citizenship"
        render={({ field, fieldState }) => (
          <TagsInput
            label={t('cases:person.citizenship')}
            description={t('cases:person.citizenshipDescription')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            maxTags={5}
            splitChars={[',', ' ', ';']}
            value={field.value}
            onChange={(values) => field.onChange(values.map((value) => value.trim().toUpperCase()))}
            onBlur={field.onBlur}
            ref={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
    </SimpleGrid>
  );
}

export function VictimFields({ form }: FieldsProps) {
  const { t } = useTranslation(['cases']);
  const { errors } = form.formState;
  return (
    <Fieldset legend={t('cases:victim.legend')} variant="filled" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <CodeSelect
          form={form}
          name="victim.traffickingStatus"
          listId="trafficking_status"
          label={t('cases:victim.traffickingStatus')}
        />
        <CodeSelect
          form={form}
          name="victim.statusDecidedBy"
          listId="trafficking_status_decided_by"
          label={t('cases:victim.statusDecidedBy')}
        />
        <TextInput
          type="date"
          label={t('cases:victim.statusDecidedOn')}
          max={today()}
          error={errors.victim?.statusDecidedOn?.message}
          {...form.register('victim.statusDecidedOn')}
        />
        <CodeSelect
          form={form}
          name="victim.recruitmentMethod"
          listId="method_of_recruitment"
          label={t('cases:victim.recruitmentMethod')}
        />
        <CodeMultiSelect
          form={form}
          name="victim.exploitationTypes"
          listId="type_of_exploitation"
          label={t('cases:victim.exploitationTypes')}
        />
        <CodeMultiSelect
          form={form}
          name="victim.sexExploitationTypes"
          listId="type_of_sex_exploitation"
          label={t('cases:victim.sexExploitationTypes')}
        />
        <CodeSelect
          form={form}
          name="victim.labourSector"
          listId="forced_labour_industry"
          label={t('cases:victim.labourSector')}
        />
        <CodeMultiSelect
          form={form}
          name="victim.meansOfControl"
          listId="means_of_control"
          label={t('cases:victim.meansOfControl')}
        />
        <Controller
          control={form.control}
          name="victim.ageWhenTrafficked"
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('cases:victim.ageWhenTrafficked')}
              min={0}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <CodeSelect
          form={form}
          name="victim.relationshipToTrafficker"
          listId="relationship_to_trafficker"
          label={t('cases:victim.relationshipToTrafficker')}
        />
        <CodeSelect
          form={form}
          name="victim.migrationStatus"
          listId="migration_status"
          label={t('cases:victim.migrationStatus')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

export function SuspectFields({ form }: FieldsProps) {
  const { t } = useTranslation(['cases', 'web']);
  const qualifications = useQuery(legalQualificationsQuery);
  const language = currentLanguage();
  const current = form.getValues('suspect.charges');
  // A retired qualification stays on a person who already has it, and is offered to no one else.
  const chargeOptions = (qualifications.data ?? [])
    .filter((q) => q.active || current.includes(q.code))
    .map((q) => ({ value: q.code, label: `${q.labels[language]} (${q.law} ${q.article})` }));
  return (
    <Fieldset legend={t('cases:suspect.legend')} variant="filled" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <CodeMultiSelect
          form={form}
          name="suspect.rolesInProcess"
          listId="role_in_process"
          label={t('cases:suspect.rolesInProcess')}
        />
        <Controller
          control={form.control}
          name="suspect.charges"
          render={({ field, fieldState }) => (
            <MultiSelect
              label={t('cases:suspect.charges')}
              description={t('cases:suspect.chargesDescription')}
              data={chargeOptions}
              searchable
              clearable
              nothingFoundMessage={t('web:table.noMatch')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
