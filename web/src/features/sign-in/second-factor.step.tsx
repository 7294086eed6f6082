import { Button, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SecondFactor } from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { sessionApi } from '../session/session.api.js';
import { applySession } from '../session/session.js';
import { SignInStep } from './sign-in-step.js';

const fields = ['code'] as const;

export function SecondFactorStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ resolver: translatedResolver(SecondFactor), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: sessionApi.secondFactor,
    onSuccess: (view) => applySession(queryClient, view),
    onError: (error) => {
      form.resetField('code');
      showFieldErrors(error, form.setError, fields);
    },
  });

  return (
    <SignInStep title={t('secondFactor.title')} description={t('secondFactor.intro')} withCancel>
      <form noValidate onSubmit={form.handleSubmit((values) => verify.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={verify.error} fields={fields} />
          <TextInput
            label={t('secondFactor.code')}
            description={t('secondFactor.codeDescription')}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            error={form.formState.errors.code?.message}
            {...form.register('code')}
          />
          <Button type="submit" loading={verify.isPending} fullWidth>
            {t('secondFactor.submit')}
          </Button>
        </Stack>
      </form>
    </SignInStep>
  );
}
