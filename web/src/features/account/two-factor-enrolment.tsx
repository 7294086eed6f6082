import { Button, Center, Image, List, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TwoFactorConfirm } from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SecretField } from '../../components/secret-field.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { sessionApi } from '../session/session.api.js';

const fields = ['code'] as const;
const setupKey = ['two-factor-setup'] as const;

type TwoFactorEnrolmentProps = { onEnrolled: (recoveryCodes: string[]) => void };

/** Pairs an authenticator app: a QR code to scan or a key to type, then a first code to prove it. */
export function TwoFactorEnrolment({ onEnrolled }: TwoFactorEnrolmentProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Each setup call makes a new pending secret on the server, so it is made once and kept
  // (a query rather than an effect: remounts and re-renders reuse the same secret).
  const setup = useQuery({
    queryKey: setupKey,
    queryFn: sessionApi.beginTwoFactor,
    staleTime: Infinity,
    retry: false,
  });
  const form = useForm({ resolver: translatedResolver(TwoFactorConfirm), defaultValues: { code: '' } });
  const confirm = useMutation({
    mutationFn: sessionApi.confirmTwoFactor,
    onSuccess: ({ recoveryCodes }) => {
      queryClient.removeQueries({ queryKey: setupKey });
      onEnrolled(recoveryCodes);
    },
    onError: (error) => {
      form.resetField('code');
      showFieldErrors(error, form.setError, fields);
    },
  });

  if (setup.isPending) {
    return (
      <Center py="lg">
        <Loader aria-label={t('status.loading')} />
      </Center>
    );
  }
  if (setup.isError) return <ProblemAlert error={setup.error} />;

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t('enrolment.stepInstall')}</List.Item>
        <List.Item>{t('enrolment.stepScan')}</List.Item>
        <List.Item>{t('enrolment.stepCode')}</List.Item>
      </List>
      <Center>
        <Image src={setup.data.qrCodeDataUrl} alt={t('enrolment.qrAlt')} w={200} h={200} fit="contain" />
      </Center>
      <SecretField
        label={t('enrolment.secret')}
        description={t('enrolment.secretDescription')}
        value={setup.data.secret}
        testId="totp-secret"
      />
      <form noValidate onSubmit={form.handleSubmit((values) => confirm.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert error={confirm.error} fields={fields} />
          <TextInput
            label={t('enrolment.code')}
            description={t('enrolment.codeDescription')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            required
            error={form.formState.errors.code?.message}
            {...form.register('code')}
          />
          <Button type="submit" loading={confirm.isPending}>
            {t('enrolment.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="xs" c="dimmed">
        {t('enrolment.note')}
      </Text>
    </Stack>
  );
}
