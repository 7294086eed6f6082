import { Alert, Button, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useForm } from 'react-hook-form';
import { agencyOptions } from '../cases/case-labels.js';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { languages } from '../../../../src/core/languages.js';
import { roles } from '../../../../src/core/permissions.js';
import {
  Language,
  UserCreate,
  UserUpdate,
  type UserView,
} from '../../../../src/modules/access/access.schemas.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SecretField } from '../../components/secret-field.js';
import { showFieldErrors } from '../../forms/problem.js';
import { useRecordAsRead } from '../../forms/record-as-read.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { endonym } from '../session/language-menu.js';
import { usersApi, usersKey } from './users.api.js';
import { Dialog } from '../../components/dialog.js';
import { EditorDialog, type EditorTarget } from '../../components/editor-dialog.js';
import { DialogFooter } from '../../components/form-dialog.js';
import { CheckboxesField, SelectField, TextField } from '../../components/form-fields.js';

// One form for adding and editing. The e-mail is fixed once the account exists; `active`
// only means something for an existing account. The version travels beside the form.
const createResolver = translatedResolver(
  UserCreate.pick({ email: true, name: true, agencyId: true, roles: true }).extend({
    language: Language,
    active: z.boolean(),
  }),
);
const editResolver = translatedResolver(
  UserUpdate.pick({ name: true, language: true, agencyId: true, roles: true, active: true })
    .required()
    .extend({ email: z.string() }),
);
const fields = ['email', 'name', 'language', 'agencyId', 'roles', 'active'] as const;

const valuesOf = (user: UserView) => ({
  email: user.email,
  name: user.name,
  language: user.language,
  agencyId: user.agency.id,
  roles: user.roles,
  active: user.active,
});
type UserValues = ReturnType<typeof valuesOf>;

/** Which account the dialog is open for: none (closed), a new one (null), or an existing one. */
export type UserDialogTarget = EditorTarget<UserView>;

export function UserDialog({ target, onClose }: { target: UserDialogTarget; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  return (
    <EditorDialog
      target={target}
      onClose={onClose}
      title={(user) => (user ? t('users.editTitle', { name: user.name }) : t('users.createTitle'))}
      size="lg"
    >
      {(user) => <UserForm user={user} onClose={onClose} />}
    </EditorDialog>
  );
}

function UserForm({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  const queryClient = useQueryClient();
  const [base, reload] = useRecordAsRead(user, {
    read: ({ id }) => usersApi.get(id),
    valuesOf,
    onGone: onClose,
  });
  // A new account's one-time password, shown once after creation.
  const [created, setCreated] = useState<{ user: UserView; oneTimePassword: string } | null>(null);
  const form = useForm<UserValues>({
    resolver: base ? editResolver : createResolver,
    defaultValues: base
      ? valuesOf(base)
      : { email: '', name: '', language: currentLanguage(), agencyId: '', roles: [], active: true },
  });
  const save = useMutation({
    mutationFn: async ({ email, name, language, agencyId, roles: chosen, active }: UserValues) => {
      if (base)
        return {
          user: await usersApi.update(base.id, {
            version: base.version,
            name,
            language,
            agencyId,
            roles: chosen,
            active,
          }),
        };
      return usersApi.create({ email, name, language, agencyId, roles: chosen });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      if ('oneTimePassword' in result) return setCreated(result);
      notifySuccess(t('users.saved', { name: result.user.name }));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });

  if (created)
    return (
      <OneTimePasswordPanel user={created.user} password={created.oneTimePassword} onDone={onClose} created />
    );

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={save.error} fields={fields} onReload={() => void reload(form, save)} />
          <UserFields existing={base} />
          <DialogFooter
            onCancel={onClose}
            submitLabel={base ? t('action.save') : t('users.create')}
            pending={save.isPending}
          />
        </Stack>
      </form>
    </FormProvider>
  );
}

/** The account's fields; the e-mail is fixed, and `active` offered, once the account exists. */
function UserFields({ existing }: { existing: UserView | null }) {
  const { t } = useTranslation(['web', 'common']);
  const agencies = useQuery(agenciesQuery);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextField name="name" label={t('users.name')} required autoComplete="off" />
        <TextField
          name="email"
          label={t('users.email')}
          description={existing ? t('users.emailFixed') : undefined}
          type="email"
          autoComplete="off"
          required={!existing}
          readOnly={Boolean(existing)}
          variant={existing ? 'filled' : 'default'}
        />
        <SelectField
          name="agencyId"
          label={t('users.agency')}
          data={agencyOptions(agencies.data ?? [], existing ? [existing.agency.id] : [])}
          searchable
          required
        />
        <SelectField
          name="language"
          label={t('users.language')}
          data={languages.map((language) => ({ value: language, label: endonym(language) }))}
          allowDeselect={false}
          required
        />
      </SimpleGrid>
      <CheckboxesField
        name="roles"
        label={t('users.roles')}
        description={t('users.rolesDescription')}
        required
        data={roles.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
      />
      {existing && <ActiveSwitch />}
      {!existing && (
        <Text size="sm" c="dimmed">
          {t('users.createNote')}
        </Text>
      )}
    </>
  );
}

function ActiveSwitch() {
  const { t } = useTranslation(['web']);
  const { field } = useController({ name: 'active' });
  return (
    <Switch
      label={t('users.active')}
      description={t('users.activeDescription')}
      checked={field.value as boolean}
      onChange={(event) => field.onChange(event.currentTarget.checked)}
      onBlur={field.onBlur}
      ref={field.ref}
    />
  );
}

type OneTimePasswordPanelProps = { user: UserView; password: string; created: boolean; onDone: () => void };

/** The one-time password exists in clear only in this answer: it is shown once, to hand over. */
function OneTimePasswordPanel({ user, password, created, onDone }: OneTimePasswordPanelProps) {
  const { t } = useTranslation(['web', 'common']);
  return (
    <Stack gap="md">
      <Alert
        color="green"
        variant="light"
        icon={<IconCircleCheck aria-hidden />}
        title={
          created
            ? t('users.createdTitle', { name: user.name })
            : t('users.resetDoneTitle', { name: user.name })
        }
      >
        {t('users.oneTimePasswordIntro', { email: user.email })}
      </Alert>
      <SecretField label={t('users.oneTimePassword')} value={password} testId="one-time-password" />
      <Text size="sm" c="dimmed">
        {t('users.oneTimePasswordNote')}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('action.done')}</Button>
      </Group>
    </Stack>
  );
}

/** Resets a password after confirmation; the new one-time password is then shown once. */
export function ResetPasswordDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  return (
    <Dialog opened={user !== null} onClose={onClose} title={t('users.resetTitle')} size="md">
      {user && <ResetPassword key={user.id} user={user} onClose={onClose} />}
    </Dialog>
  );
}

function ResetPassword({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => usersApi.resetPassword(user.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
  if (reset.data)
    return (
      <OneTimePasswordPanel
        user={user}
        password={reset.data.oneTimePassword}
        created={false}
        onDone={onClose}
      />
    );
  return (
    <Stack gap="md">
      <ProblemAlert error={reset.error} />
      <Text size="sm">{t('users.resetConfirm', { name: user.name, email: user.email })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('action.cancel')}
        </Button>
        <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
          {t('users.reset')}
        </Button>
      </Group>
    </Stack>
  );
}
