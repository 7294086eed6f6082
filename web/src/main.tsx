import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { isSessionEnded, ProblemError } from './api/http.js';
import { createAppRouter } from './app/router.js';
import { cssVariablesResolver, theme } from './app/theme.js';
import { notifySessionEnded } from './components/notify.js';
import { applySession, sessionQuery } from './features/session/session.js';
import { i18next } from './i18n/i18n.js';

// Any call that finds the session gone (expired, or ended from another computer) returns
// the app to the sign-in screen, saying why.
function onApiError(error: unknown): void {
  if (!isSessionEnded(error) || !queryClient.getQueryData(sessionQuery.queryKey)) return;
  applySession(queryClient, null);
  notifySessionEnded(error);
}

function isClientError(error: unknown): boolean {
  return error instanceof ProblemError && error.problem.status >= 400 && error.problem.status < 500;
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // A refusal or a missing record answers the same the second time: only failures of the
      // network or the server are tried again, so a page one may not see says so at once.
      retry: (failureCount, error) => !isSessionEnded(error) && !isClientError(error) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
