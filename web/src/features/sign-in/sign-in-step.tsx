import { Anchor, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/page-header.js';
import { useSignOut } from '../session/use-sign-out.js';

type SignInStepProps = {
  title: string;
  description?: string;
  /** Offers to abandon this sign-in (e.g. the wrong account), which ends the half-open session. */
  withCancel?: boolean;
  children: ReactNode;
};

export function SignInStep({ title, description, withCancel = false, children }: SignInStepProps) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={1} size="h3">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {children}
      {withCancel && (
        <Anchor component="button" type="button" size="sm" ta="center" onClick={() => signOut.mutate()}>
          {t('signIn.cancel')}
        </Anchor>
      )}
    </Stack>
  );
}
