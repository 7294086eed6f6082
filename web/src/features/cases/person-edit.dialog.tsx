import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { adoptCase, caseKey, casesApi, type CasePersonView, type CaseView } from './cases.api.js';
import { withFormPaths } from './form-paths.js';
import {
  personFormOf,
  personFormPath,
  ProfileFields,
  suspectBody,
  SuspectFields,
  victimBody,
  VictimFields,
  type PersonFormValues,
} from './person-fields.js';

const fields = [
  'person.gender',
  'person.citizenship',
  'victim.traffickingStatus',
  'victim.statusDecidedBy',
  'victim.statusDecidedOn',
  'victim.recruitmentMethod',
  'victim.meansOfControl',
  'victim.exploitationTypes',
  'victim.sexExploitationTypes',
  'victim.labourSector',
  'victim.ageWhenTrafficked',
  'victim.relationshipToTrafficker',
  'victim.migrationStatus',
  'suspect.rolesInProcess',
  'suspect.charges',
] as const;

// The request names sex and citizenship at its top level; the form keeps them with the person.
const formPath = (serverPath: string) => {
  const path = personFormPath(serverPath);
  return path === 'gender' || path === 'citizenship' ? `person.${path}` : path;
};

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** The HTCDS details of a person in the case; the identity itself is never part of this form. */
export function PersonEditDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:people.editTitle', { pseudonym: person.person.pseudonym }) : ''}
      size="xl"
    >
      {person && <PersonEditForm key={person.id} kase={kase} person={person} onClose={onClose} />}
    </Dialog>
  );
}

function PersonEditForm({
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
  const form = useForm<PersonFormValues>({ defaultValues: personFormOf(person) });
  const save = useMutation({
    mutationFn: (values: PersonFormValues) =>
      casesApi.updatePerson(kase.id, person.id, {
        version: person.version,
        gender: values.person.gender || null,
        citizenship: values.person.citizenship,
        ...(person.role === 'victim' ? { victim: victimBody(values.victim) } : {}),
        ...(person.role === 'suspect' ? { suspect: suspectBody(values.suspect) } : {}),
      } as Parameters<typeof casesApi.updatePerson>[2]),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:people.saved', { pseudonym: person.person.pseudonym }));
      onClose();
    },
    onError: (error) => showFieldErrors(withFormPaths(error, formPath), form.setError, fields),
  });
  // After a 409: the page shows the person as they now are; the change is made again from there.
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
    onClose();
  };
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert
          error={withFormPaths(save.error, formPath)}
          fields={fields}
          onReload={() => void reload()}
        />
        <ProfileFields form={form} />
        {person.role === 'victim' && <VictimFields form={form} />}
        {person.role === 'suspect' && <SuspectFields form={form} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('web:action.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
