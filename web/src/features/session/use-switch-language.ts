import { useQueryClient } from '@tanstack/react-query';
import type { Language } from '../../../../src/core/languages.js';
import { notifyProblem } from '../../components/notify.js';
import { i18next, rememberLanguage } from '../../i18n/i18n.js';
import { sessionApi } from './session.api.js';
import { applySession, useSession } from './session.js';

/**
 * Switches the language on screen at once; for a signed-in user it is also stored on the
 * server, so that their next sign-in, on any computer, opens in it.
 */
export function useSwitchLanguage(): (language: Language) => Promise<void> {
  const queryClient = useQueryClient();
  const session = useSession();
  return async (language) => {
    rememberLanguage(language);
    await i18next.changeLanguage(language);
    if (!session) return;
    try {
      applySession(queryClient, await sessionApi.changeLanguage(language));
    } catch (error) {
      notifyProblem(error);
    }
  };
}
