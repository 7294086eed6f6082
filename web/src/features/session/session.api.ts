import type { Language } from '../../../../src/core/languages.js';
import { RecoveryCodes, SessionView, TwoFactorSetup } from '../../../../src/modules/access/access.schemas.js';
import { request, requestNoContent } from '../../api/http.js';

// The sign-in steps and the account endpoints of the signed-in user.
export const sessionApi = {
  current: () => request(SessionView, 'GET', '/api/v1/session'),
  signIn: (body: { email: string; password: string }) =>
    request(SessionView, 'POST', '/api/v1/auth/sign-in', body),
  secondFactor: (body: { code: string }) => request(SessionView, 'POST', '/api/v1/auth/second-factor', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request(SessionView, 'POST', '/api/v1/account/password', body),
  changeLanguage: (language: Language) =>
    request(SessionView, 'PUT', '/api/v1/account/language', { language }),
  beginTwoFactor: () => request(TwoFactorSetup, 'POST', '/api/v1/account/two-factor/setup'),
  confirmTwoFactor: (body: { code: string }) =>
    request(RecoveryCodes, 'POST', '/api/v1/account/two-factor/confirm', body),
  signOut: () => requestNoContent('POST', '/api/v1/auth/sign-out'),
  signOutEverywhere: () => requestNoContent('POST', '/api/v1/auth/sign-out-everywhere'),
};
