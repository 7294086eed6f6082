import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyProblem } from '../../components/notify.js';
import { sessionApi } from './session.api.js';
import { applySession } from './session.js';

/** Ends sessions, this one among them; the app then shows the sign-in screen and keeps nothing of the user. */
function useEndSessions(end: () => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: end,
    onSuccess: () => applySession(queryClient, null),
    onError: notifyProblem,
  });
}

/** Ends this session. */
export const useSignOut = () => useEndSessions(sessionApi.signOut);

/** Ends every session of the user, on every computer, this one included. */
export const useSignOutEverywhere = () => useEndSessions(sessionApi.signOutEverywhere);
