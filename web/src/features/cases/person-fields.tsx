import { Fieldset, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRole } from '../../../../src/core/cases/case-records.js';
import type { CodeListId } from '../../../../src/core/vocabularies/code-list.registry.js';
import type { SuspectInput, VictimInput } from '../../../../src/modules/cases/cases.schemas.js';
import type { z } from 'zod';
import { qualificationOptions } from './case-labels.js';
import {
  CountriesSelectField,
  DateField,
  MultiSelectField,
  NumberField,
  SelectField,
} from '../../components/form-fields.js';
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
function victimBody(values: VictimValues): z.input<typeof VictimInput> {
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

function suspectBody(values: SuspectValues): z.input<typeof SuspectInput> {
  return { rolesInProcess: values.rolesInProcess, charges: values.charges } as z.input<typeof SuspectInput>;
}

/** What a request says of the person's role: the victim's or the suspect's details, or nothing. */
export function roleDetailsBody(role: CaseRole, values: PersonFormValues) {
  return {
    ...(role === 'victim' ? { victim: victimBody(values.victim) } : {}),
    ...(role === 'suspect' ? { suspect: suspectBody(values.suspect) } : {}),
  };
}

/** Server paths name list items (`suspect.charges.0`); the form shows them on the list's field. */
export function personFormPath(serverPath: string): string {
  return serverPath.replace(/\.\d+$/, '');
}

/** Every field of the form, as the server's error paths name them once mapped (`personFormPath`). */
export const personFieldPaths = [
  'person.gender',
  'person.citizenship',
  ...(
    [
      'traffickingStatus',
      'statusDecidedBy',
      'statusDecidedOn',
      'recruitmentMethod',
      'meansOfControl',
      'exploitationTypes',
      'sexExploitationTypes',
      'labourSector',
      'ageWhenTrafficked',
      'relationshipToTrafficker',
      'migrationStatus',
    ] as const satisfies readonly (keyof VictimValues)[]
  ).map((name) => `victim.${name}` as const),
  'suspect.rolesInProcess',
  'suspect.charges',
] as const;

// The victim's HTCDS fields, in the order shown: a code list (one choice or several), a date or a number.
type VictimField = { name: keyof VictimValues } & (
  { codeList: CodeListId; multiple?: boolean } | { kind: 'date' | 'age' }
);
const victimFields: readonly VictimField[] = [
  { name: 'traffickingStatus', codeList: 'trafficking_status' },
  { name: 'statusDecidedBy', codeList: 'trafficking_status_decided_by' },
  { name: 'statusDecidedOn', kind: 'date' },
  { name: 'recruitmentMethod', codeList: 'method_of_recruitment' },
  { name: 'exploitationTypes', codeList: 'type_of_exploitation', multiple: true },
  { name: 'sexExploitationTypes', codeList: 'type_of_sex_exploitation', multiple: true },
  { name: 'labourSector', codeList: 'forced_labour_industry' },
  { name: 'meansOfControl', codeList: 'means_of_control', multiple: true },
  { name: 'ageWhenTrafficked', kind: 'age' },
  { name: 'relationshipToTrafficker', codeList: 'relationship_to_trafficker' },
  { name: 'migrationStatus', codeList: 'migration_status' },
];

function VictimFieldInput({ field }: { field: VictimField }) {
  const { t } = useTranslation(['cases']);
  const name = `victim.${field.name}`;
  const label = t(`cases:victim.${field.name}`);
  if ('kind' in field)
    return field.kind === 'date' ? (
      <DateField name={name} label={label} />
    ) : (
      <NumberField name={name} label={label} min={0} max={120} />
    );
  return field.multiple ? (
    <MultiSelectField name={name} label={label} codeList={field.codeList} />
  ) : (
    <SelectField name={name} label={label} codeList={field.codeList} searchable clearable />
  );
}

// The fields below read the form from the FormProvider (or FormDialog) around them.

/** Sex and citizenship, then the details of the person's role (a victim's, a suspect's). */
export function PersonRoleFields({ role }: { role: CaseRole | undefined }) {
  return (
    <>
      <ProfileFields />
      {role === 'victim' && <VictimFields />}
      {role === 'suspect' && <SuspectFields />}
    </>
  );
}

/** Sex and citizenship: kept with the pseudonym, not with the sealed identity. */
function ProfileFields() {
  const { t } = useTranslation(['cases']);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <SelectField
        name="person.gender"
        codeList="gender"
        label={t('cases:person.gender')}
        searchable
        clearable
      />
      <CountriesSelectField
        name="person.citizenship"
        label={t('cases:person.citizenship')}
        description={t('cases:person.citizenshipDescription')}
        max={5}
      />
    </SimpleGrid>
  );
}

function VictimFields() {
  const { t } = useTranslation(['cases']);
  return (
    <Fieldset legend={t('cases:victim.legend')} variant="filled" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {victimFields.map((field) => (
          <VictimFieldInput key={field.name} field={field} />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}

function SuspectFields() {
  const { t } = useTranslation(['cases']);
  const qualifications = useQuery(legalQualificationsQuery);
  // A retired qualification stays on a person who already has it, and is offered to no one else.
  const current = useFormContext<PersonFormValues>().getValues('suspect.charges');
  const chargeOptions = qualificationOptions(qualifications.data ?? [], current);
  return (
    <Fieldset legend={t('cases:suspect.legend')} variant="filled" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelectField
          name="suspect.rolesInProcess"
          codeList="role_in_process"
          label={t('cases:suspect.rolesInProcess')}
        />
        <MultiSelectField
          name="suspect.charges"
          data={chargeOptions}
          label={t('cases:suspect.charges')}
          description={t('cases:suspect.chargesDescription')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
