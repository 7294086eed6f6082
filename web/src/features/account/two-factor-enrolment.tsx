import { Center, Image, List, Loader, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TwoFactorConfirm } from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SecretField } from '../../components/secret-field.js';
import { sessionApi } from '../session/session.api.js';
import { OneTimeCodeForm } from './one-time-code.form.js';

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
      <OneTimeCodeForm
        schema={TwoFactorConfirm}
        send={sessionApi.confirmTwoFactor}
        onAccepted={({ recoveryCodes }) => {
          queryClient.removeQueries({ queryKey: setupKey });
          onEnrolled(recoveryCodes);
        }}
        label={t('enrolment.code')}
        description={t('enrolment.codeDescription')}
        submitLabel={t('enrolment.submit')}
      />
      <Text size="xs" c="dimmed">
        {t('enrolment.note')}
      </Text>
    </Stack>
  );
}
