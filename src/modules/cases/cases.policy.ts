import { GuiaError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';

// Who may touch a case follows from two facts about it: which agencies work on it (lead
// and participating) and which users are its members. Scopes in role_permissions say
// which of the two a grant reaches (see core/permissions.ts).

/** Which cases the actor's `case.read` grant reaches, for list queries to narrow to. */
export type CaseReach =
  { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'own'; userId: string };

export function caseReach(actor: Actor): CaseReach {
  const scope = actor.grants['case.read'];
  if (scope === 'all') return { kind: 'all' };
  if (scope === 'agency') return { kind: 'agency', agencyId: actor.agencyId };
  if (scope === 'own') return { kind: 'own', userId: actor.userId };
  throw new GuiaError('permission.denied', { permission: 'case.read' });
}
