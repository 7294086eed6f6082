import {
  Alert,
  Button,
  Fieldset,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCopy, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { caseRoles, type CaseRole } from '../../../../src/core/cases/case-records.js';
import type { AddCasePerson } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { showFieldErrors } from '../../forms/problem.js';
import { optional, today } from './case-labels.js';
import { caseKey, casesApi, casesKey, type CasePersonView, type CaseView } from './cases.api.js';
import { DuplicateElsewhere } from './duplicate-elsewhere.js';
import { withFormPaths } from './form-paths.js';
import {
  emptyPersonForm,
  personFormPath,
  ProfileFields,
  suspectBody,
  SuspectFields,
  victimBody,
  VictimFields,
  type PersonFormValues,
} from './person-fields.js';

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
    mutationFn: ({ role: chosen, person, victim, suspect }: PersonFormValues) => {
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
        ...(chosen === 'victim' ? { victim: victimBody(victim) } : {}),
        ...(chosen === 'suspect' ? { suspect: suspectBody(suspect) } : {}),
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
  const { errors } = form.formState;

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={withFormPaths(add.error, personFormPath)} fields={fields} />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Radio.Group
              label={t('cases:people.role')}
              required
              value={field.value}
              onChange={(value) => field.onChange(value as CaseRole)}
              error={errors.role?.message}
            >
              <Group gap="lg" mt="xs">
                {caseRoles.map((option, index) => (
                  <Radio
                    key={option}
                    value={option}
                    label={t(`cases:role.${option}`)}
                    ref={index === 0 ? field.ref : undefined}
                  />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
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
            <TextInput
              label={t('cases:identity.givenNames')}
              autoComplete="off"
              maxLength={200}
              error={errors.person?.givenNames?.message}
              {...form.register('person.givenNames')}
            />
            <TextInput
              label={t('cases:identity.familyName')}
              autoComplete="off"
              maxLength={200}
              error={errors.person?.familyName?.message}
              {...form.register('person.familyName')}
            />
            <TextInput
              label={t('cases:identity.identityNumber')}
              autoComplete="off"
              maxLength={100}
              spellCheck={false}
              error={errors.person?.identityNumber?.message}
              {...form.register('person.identityNumber')}
            />
            <TextInput
              type="date"
              label={t('cases:identity.birthDate')}
              max={today()}
              error={errors.person?.birthDate?.message}
              {...form.register('person.birthDate')}
            />
            <Textarea
              label={t('cases:identity.contacts')}
              autosize
              minRows={2}
              maxLength={2000}
              error={errors.person?.contacts?.message}
              {...form.register('person.contacts')}
            />
            <Textarea
              label={t('cases:identity.address')}
              autosize
              minRows={2}
              maxLength={2000}
              error={errors.person?.address?.message}
              {...form.register('person.address')}
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('cases:identity.notes')}
            autosize
            minRows={2}
            maxRows={8}
            error={errors.person?.notes?.message}
            {...form.register('person.notes')}
          />
        </Fieldset>
        <ProfileFields form={form} />
        {role === 'victim' && <VictimFields form={form} />}
        {role === 'suspect' && <SuspectFields form={form} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('cases:people.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
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
