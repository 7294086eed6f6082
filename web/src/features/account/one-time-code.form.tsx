import { Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';

const fields = ['code'] as const;
type Code = { code: string };

type OneTimeCodeFormProps<Result> = {
  /** The server's rule for the code (`TwoFactorConfirm`, `SecondFactor`). */
  schema: z.ZodType<Code, Code>;
  send: (body: Code) => Promise<Result>;
  onAccepted: (result: Result) => void;
  label: string;
  description: string;
  submitLabel: string;
  /** Signing in also takes a recovery code (letters and a dash); pairing an app only its six digits. */
  recoveryCode?: boolean;
  /** The form is the screen's one task (a sign-in step): its field takes the focus, its button the width. */
  alone?: boolean;
};

/**
 * A code from the authenticator app, checked by the server. A refused code is cleared, since the
 * app shows a new one, and the server's message is put on the field.
 */
export function OneTimeCodeForm<Result>({
  schema,
  send,
  onAccepted,
  label,
  description,
  submitLabel,
  recoveryCode = false,
  alone = false,
}: OneTimeCodeFormProps<Result>) {
  const form = useForm({ resolver: translatedResolver(schema), defaultValues: { code: '' } });
  const check = useMutation({
    mutationFn: send,
    onSuccess: (result) => onAccepted(result),
    onError: (error) => {
      form.resetField('code');
      showFieldErrors(error, form.setError, fields);
    },
  });
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => check.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={check.error} fields={fields} />
        <TextInput
          label={label}
          description={description}
          autoComplete="one-time-code"
          {...(recoveryCode
            ? { autoCapitalize: 'none', spellCheck: false }
            : { inputMode: 'numeric', maxLength: 6 })}
          required
          autoFocus={alone}
          error={form.formState.errors.code?.message}
          {...form.register('code')}
        />
        <Button type="submit" loading={check.isPending} fullWidth={alone}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
