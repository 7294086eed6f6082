import { Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordProblem } from '../../../../src/core/password-policy.js';
import { ChangePassword, type SessionView } from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { sessionApi } from '../session/session.api.js';
import { useSession } from '../session/session.js';
import { PasswordStrengthMeter } from './password-strength.js';

const fields = ['currentPassword', 'newPassword', 'confirmation'] as const;

/**
 * The server's password rules, checked as the person types them too: the same core
 * function decides, with the user's own e-mail and name as words to avoid.
 */
function passwordChangeSchema(avoid: string[], mismatch: string) {
  return ChangePassword.extend({ confirmation: z.string() }).superRefine((values, context) => {
    // The problem is a catalogue key (`password.too_short`), translated by the resolver.
    const problem = passwordProblem(values.newPassword, avoid);
    if (problem) context.addIssue({ code: 'custom', path: ['newPassword'], message: problem });
    if (values.confirmation !== values.newPassword) {
      context.addIssue({ code: 'custom', path: ['confirmation'], message: mismatch });
    }
  });
}

type PasswordChangeFormProps = { onChanged: (view: SessionView) => void; submitLabel?: string };

export function PasswordChangeForm({ onChanged, submitLabel }: PasswordChangeFormProps) {
  const { t } = useTranslation();
  const session = useSession();
  const avoid = session ? [session.user.email.split('@')[0] ?? '', session.user.name] : [];
  const form = useForm({
    resolver: translatedResolver(passwordChangeSchema(avoid, t('passwordChange.mismatch'))),
    defaultValues: { currentPassword: '', newPassword: '', confirmation: '' },
  });
  const change = useMutation({
    mutationFn: sessionApi.changePassword,
    onSuccess: (view) => {
      form.reset();
      onChanged(view);
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const { errors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(({ currentPassword, newPassword }) =>
        change.mutate({ currentPassword, newPassword }),
      )}
    >
      <Stack gap="md">
        <ProblemAlert error={change.error} fields={fields} />
        <PasswordInput
          label={t('passwordChange.current')}
          autoComplete="current-password"
          required
          error={errors.currentPassword?.message}
          {...form.register('currentPassword')}
        />
        <PasswordInput
          label={t('passwordChange.new')}
          description={t('passwordChange.newDescription')}
          autoComplete="new-password"
          required
          error={errors.newPassword?.message}
          {...form.register('newPassword')}
        />
        <PasswordStrengthMeter password={form.watch('newPassword')} avoid={avoid} />
        <PasswordInput
          label={t('passwordChange.confirmation')}
          autoComplete="new-password"
          required
          error={errors.confirmation?.message}
          {...form.register('confirmation')}
        />
        <Button type="submit" loading={change.isPending}>
          {submitLabel ?? t('passwordChange.submit')}
        </Button>
      </Stack>
    </form>
  );
}
