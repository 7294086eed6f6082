import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyProblem } from '../../components/notify.js';
import { sessionApi } from './session.api.js';
import { applySession } from './session.js';

/** Ends this session; the app then shows the sign-in screen and keeps nothing of the user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sessionApi.signOut,
    onSuccess: () => applySession(queryClient, null),
    onError: notifyProblem,
  });
}

/** Ends every session of the user, on every computer, this one included. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sessionApi.signOutEverywhere,
    onSuccess: () => applySession(queryClient, null),
    onError: notifyProblem,
  });
}
