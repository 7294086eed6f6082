import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Permission } from '../../../../src/core/permissions.js';
import type { SessionView } from '../../../../src/modules/access/access.schemas.js';
import { isSessionEnded, setCsrfToken } from '../../api/http.js';
import { setCommitteeTimeZone } from '../../components/format.js';
import { currentLanguage, i18next, rememberLanguage } from '../../i18n/i18n.js';
import { sessionApi } from './session.api.js';

const sessionKey = ['session'] as const;

/** Every session view passes here: it carries the CSRF token and the user's language. */
function adopt(view: SessionView): SessionView {
  setCsrfToken(view.csrfToken);
  setCommitteeTimeZone(view.timeZone);
  if (view.user.language !== currentLanguage()) {
    rememberLanguage(view.user.language);
    void i18next.changeLanguage(view.user.language);
  }
  return view;
}

async function fetchSession(): Promise<SessionView | null> {
  try {
    return adopt(await sessionApi.current());
  } catch (error) {
    if (!isSessionEnded(error)) throw error;
    setCsrfToken(null);
    return null;
  }
}

/** The session, or null when nobody is signed in on this browser. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: fetchSession,
  // The session changes only through this app's own calls, which update it directly.
  staleTime: Infinity,
  retry: false,
});

export function useSession(): SessionView | null {
  return useQuery(sessionQuery).data ?? null;
}

/** Stores a session view answered by the server, or forgets the session (null). */
export function applySession(queryClient: QueryClient, view: SessionView | null): void {
  if (view) adopt(view);
  else {
    setCsrfToken(null);
    // Nothing of the previous user may remain on a shared computer.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }
  queryClient.setQueryData(sessionKey, view);
}

/** The fully signed-in session, provided by the application shell to the pages inside it. */
export const SignedInSession = createContext<SessionView | null>(null);

export function useSignedInSession(): SessionView {
  const session = useContext(SignedInSession);
  if (!session) throw new Error('useSignedInSession is used outside the signed-in application shell');
  return session;
}

export function useCan(): (permission: Permission) => boolean {
  const session = useSignedInSession();
  return (permission) => session.permissions.includes(permission);
}
