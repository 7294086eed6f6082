import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/http.js';
import { RouterButton } from '../components/router-links.js';
import { usePageTitle } from '../components/page-header.js';

/** The router's page for an address that leads nowhere one may go. */
export function NotAvailablePage() {
  return <NotAvailable />;
}

/** A page out of reach; `reason` says why and whom to ask, where the page knows. */
export function NotAvailable({ reason }: { reason?: string }) {
  const { t } = useTranslation();
  return (
    <Fallback title={t('notAvailable.title')} text={reason ?? t('notAvailable.text')}>
      <RouterButton to="/" variant="light">
        {t('notAvailable.home')}
      </RouterButton>
    </Fallback>
  );
}

export function RouteErrorPage({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <Fallback
      title={t('errors.title')}
      text={error instanceof ProblemError ? error.problem.title : t('errors.unexpected')}
    >
      <Button
        variant="light"
        onClick={() => {
          // Loads the route again (its session check included), then clears the error.
          void router.invalidate().then(reset);
        }}
      >
        {t('action.retry')}
      </Button>
    </Fallback>
  );
}

/** A page in place of the one asked for: what happened, why, and the way on. */
function Fallback({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Center py="xl">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{text}</Text>
        {children}
      </Stack>
    </Center>
  );
}
