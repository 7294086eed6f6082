import { isLanguage, type Language } from '../../core/languages.js';
import { mergeGrants, type PolicyActor, type RoleId } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import { usersRepo, type UserRow } from './access.repo.js';

/** The signed-in user on whose behalf a use case runs. */
export type Actor = PolicyActor & {
  label: 'user';
  email: string;
  name: string;
  language: Language;
  roles: RoleId[];
  sessionId: string;
};

/**
 * The user as the policy sees them at a sign-in, for work done on their behalf without a
 * session (the daily digest decides with their rights; the demo's data is recorded by its
 * users): `sessionId` names that work.
 */
export async function actorOfUser(db: Executor, user: UserRow, sessionId: string): Promise<Actor> {
  const { roles, grants } = await usersRepo.accessOf(db, user.id);
  return {
    userId: user.id,
    agencyId: user.agency_id,
    label: 'user',
    email: user.email,
    name: user.name,
    language: isLanguage(user.language) ? user.language : 'en',
    roles: roles as RoleId[],
    grants: mergeGrants(grants),
    sessionId,
  };
}
