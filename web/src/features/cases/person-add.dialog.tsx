import { Alert, Button, Fieldset, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCopy, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { caseRoles } from '../../../../src/core/cases/case-records.js';
import type { AddCasePerson } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { showFieldErrors, withFormPaths } from '../../forms/problem.js';
import { optional } from './case-labels.js';
import { caseKey, casesApi, casesKey, type CasePersonView, type CaseView } from './cases.api.js';
import { DuplicateElsewhere } from './duplicate-elsewhere.js';
import {
  emptyPersonForm,
  personFieldPaths,
  personFormPath,
  PersonRoleFields,
  roleDetailsBody,
  type PersonFormValues,
} from './person-fields.js';
import { DialogFooter } from '../../components/form-dialog.js';
import { DateField, RadioField, TextField, TextareaField } from '../../components/form-fields.js';

const fields = [
  'role',
  'person',
  'person.givenNames',
  'person.familyName',
  'person.identityNumber',
  'person.birthDate',
  'person.contacts',
  'person.address',
  'person.notes',
  ...personFieldPaths,
] as const;

type Props = { kase: CaseView; opened: boolean; onClose: () => void };

export function PersonAddDialog({ kase, opened, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog opened={opened} onClose={onClose} title={t('cases:people.addTitle')} size="xl">
      {opened && <PersonAddForm kase={kase} onClose={onClose} />}
    </Dialog>
  );
}

function PersonAddForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  // A person who may be someone already on record is shown before the dialog closes.
  const [added, setAdded] = useState<CasePersonView | null>(null);
  const form = useForm<PersonFormValues>({ defaultValues: emptyPersonForm });
  const role = form.watch('role');
  const add = useMutation({
    mutationFn: (values: PersonFormValues) => {
      const { role: chosen, person } = values;
      const body = {
        role: chosen,
        person: {
          givenNames: optional(person.givenNames),
          familyName: optional(person.familyName),
          identityNumber: optional(person.identityNumber),
          birthDate: optional(person.birthDate),
          contacts: optional(person.contacts),
          address: optional(person.address),
          notes: optional(person.notes),
          gender: optional(person.gender),
          citizenship: person.citizenship,
        },
        ...roleDetailsBody(chosen, values),
      } as AddCasePerson;
      return casesApi.addPerson(kase.id, body);
    },
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
      void queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] });
      if (view.probableDuplicates.length > 0 || view.duplicateOutsideYourCases) return setAdded(view);
      notifySuccess(t('cases:people.added', { pseudonym: view.person.pseudonym }));
      onClose();
    },
    onError: (error) => showFieldErrors(withFormPaths(error, personFormPath), form.setError, fields),
  });

  if (added) return <DuplicateWarning added={added} onDone={onClose} />;
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={withFormPaths(add.error, personFormPath)} fields={fields} />
          <RadioField
            name="role"
            label={t('cases:people.role')}
            required
            inline
            options={caseRoles.map((option) => ({ value: option, label: t(`cases:role.${option}`) }))}
          />
          <IdentityFieldset />
          <PersonRoleFields role={role} />
          <DialogFooter
            onCancel={onClose}
            submitLabel={t('cases:people.addSubmit')}
            pending={add.isPending}
          />
        </Stack>
      </form>
    </FormProvider>
  );
}

/** Who the person is: sealed at rest, and shown only to those who work the case. */
function IdentityFieldset() {
  const { t } = useTranslation(['cases']);
  return (
    <Fieldset
      legend={
        <Group gap={6} component="span">
          <IconLock size={16} aria-hidden />
          {t('cases:identity.legend')}
        </Group>
      }
      radius="md"
    >
      <Text size="sm" c="dimmed" mb="sm">
        {t('cases:identity.sealedNote')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextField name="person.givenNames" label={t('cases:identity.givenNames')} autoComplete="off" />
        <TextField name="person.familyName" label={t('cases:identity.familyName')} autoComplete="off" />
        <TextField
          name="person.identityNumber"
          label={t('cases:identity.identityNumber')}
          autoComplete="off"
          spellCheck={false}
        />
        <DateField name="person.birthDate" label={t('cases:identity.birthDate')} />
        <TextareaField name="person.contacts" label={t('cases:identity.contacts')} maxRows={undefined} />
        <TextareaField name="person.address" label={t('cases:identity.address')} maxRows={undefined} />
      </SimpleGrid>
      <TextareaField mt="sm" name="person.notes" label={t('cases:identity.notes')} maxRows={8} />
    </Fieldset>
  );
}

function DuplicateWarning({ added, onDone }: { added: CasePersonView; onDone: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <Stack gap="md">
      {added.probableDuplicates.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconCopy aria-hidden />}
          title={t('cases:people.duplicateTitle', { pseudonym: added.person.pseudonym })}
        >
          <Text size="sm">{t('cases:people.duplicateText')}</Text>
          <Group gap="sm" mt="xs">
            {added.probableDuplicates.map((duplicate) => (
              <RouterAnchor
                key={duplicate.personId}
                to="/persons/$personId"
                params={{ personId: duplicate.personId }}
                fw={600}
              >
                {duplicate.pseudonym}
              </RouterAnchor>
            ))}
          </Group>
        </Alert>
      )}
      <DuplicateElsewhere person={added} />
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('web:action.done')}</Button>
      </Group>
    </Stack>
  );
}
