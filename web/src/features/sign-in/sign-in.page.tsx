import { Box, Center, Container, Group, Loader, Paper, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppBrand } from '../../components/app-brand.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { PasswordChangeForm } from '../account/password-change.form.js';
import { RecoveryCodes } from '../account/recovery-codes.js';
import { TwoFactorEnrolment } from '../account/two-factor-enrolment.js';
import { LanguageMenu } from '../session/language-menu.js';
import { sessionApi } from '../session/session.api.js';
import { applySession, sessionQuery } from '../session/session.js';
import { CredentialsStep } from './credentials.step.js';
import { SecondFactorStep } from './second-factor.step.js';
import { SignInStep } from './sign-in-step.js';

/**
 * Signing in is a sequence the server drives: password, then as needed a second factor,
 * a new password, and two-factor enrolment. The screen shows the step the session is at.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery);
  const { redirect } = useSearch({ from: '/sign-in' });
  // Recovery codes are shown once, after enrolment, before the session is read again.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  let content: ReactNode;
  if (session.isPending) {
    content = (
      <Center py="xl">
        <Loader aria-label={t('status.loading')} />
      </Center>
    );
  } else if (session.isError) {
    content = <ProblemAlert error={session.error} />;
  } else if (recoveryCodes) {
    content = (
      <SignInStep title={t('recoveryCodes.title')} description={t('recoveryCodes.intro')}>
        <RecoveryCodes
          codes={recoveryCodes}
          onDone={async () => {
            applySession(queryClient, await sessionApi.current());
            setRecoveryCodes(null);
          }}
        />
      </SignInStep>
    );
  } else {
    const stage = session.data?.stage;
    switch (stage) {
      case undefined:
        content = <CredentialsStep />;
        break;
      case 'second_factor':
        content = <SecondFactorStep />;
        break;
      case 'password_change':
        content = (
          <SignInStep
            title={t('passwordChange.firstTitle')}
            description={t('passwordChange.firstIntro')}
            withCancel
          >
            <PasswordChangeForm onChanged={(view) => applySession(queryClient, view)} />
          </SignInStep>
        );
        break;
      case 'two_factor_enrolment':
        content = (
          <SignInStep title={t('enrolment.title')} description={t('enrolment.firstIntro')} withCancel>
            <TwoFactorEnrolment onEnrolled={setRecoveryCodes} />
          </SignInStep>
        );
        break;
      case 'active':
        return <ReturnTo href={redirect} />;
    }
  }

  return (
    <Box bg="gray.0" mih="100vh">
      <Group component="header" justify="space-between" px="lg" py="sm">
        <Group gap="sm">
          <AppBrand signedIn={false} />
        </Group>
        <LanguageMenu />
      </Group>
      <Container component="main" size={480} py={48}>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {content}
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="lg">
          {t('signIn.notice')}
        </Text>
      </Container>
    </Box>
  );
}

/** Once signed in: back to the page that asked for the sign-in, or home. */
function ReturnTo({ href }: { href: string | undefined }) {
  const router = useRouter();
  useEffect(() => {
    // The address came from this app's own redirect and is a path of it (checked by the route).
    router.history.replace(href ?? '/');
  }, [router, href]);
  return null;
}
