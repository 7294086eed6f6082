import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SignIn } from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { sessionApi } from '../session/session.api.js';
import { applySession } from '../session/session.js';
import { SignInStep } from './sign-in-step.js';

const fields = ['email', 'password'] as const;

export function CredentialsStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ resolver: translatedResolver(SignIn), defaultValues: { email: '', password: '' } });
  const signIn = useMutation({
    mutationFn: sessionApi.signIn,
    onSuccess: (view) => applySession(queryClient, view),
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const { errors } = form.formState;

  return (
    <SignInStep title={t('signIn.title')} description={t('signIn.intro')}>
      <form noValidate onSubmit={form.handleSubmit((values) => signIn.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={signIn.error} fields={fields} />
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            error={errors.email?.message}
            {...form.register('email')}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            error={errors.password?.message}
            {...form.register('password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </SignInStep>
  );
}
