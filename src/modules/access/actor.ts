import type { Language } from '../../core/languages.js';
import type { PolicyActor, RoleId } from '../../core/permissions.js';

/** The signed-in user on whose behalf a use case runs. */
export type Actor = PolicyActor & {
  label: 'user';
  email: string;
  name: string;
  language: Language;
  roles: RoleId[];
  sessionId: string;
};
