import { GuiaError } from '../../core/errors.js';
import { can, type Permission, type ResourceScope } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';

// Who may touch a case follows from two facts about it: which agencies work on it (lead
// and participating) and which users are its members. Scopes in role_permissions say
// which of the two a grant reaches (see core/permissions.ts).

export async function caseScope(db: Executor, caseId: string): Promise<ResourceScope> {
  const kase = await db
    .selectFrom('cases')
    .select(['id', 'lead_agency_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!kase) throw new GuiaError('resource.not_found', { entity: 'case' });
  const [agencies, members] = await Promise.all([
    db.selectFrom('case_agencies').select('agency_id').where('case_id', '=', caseId).execute(),
    db.selectFrom('case_members').select('user_id').where('case_id', '=', caseId).execute(),
  ]);
  return {
    agencyIds: [kase.lead_agency_id, ...agencies.map((a) => a.agency_id)],
    memberUserIds: members.map((m) => m.user_id),
  };
}

/** Throws unless the actor's grant of `permission` reaches the case; a missing case is a 404 first. */
export async function authorizeCase(
  db: Executor,
  actor: Actor,
  permission: Permission,
  caseId: string,
): Promise<ResourceScope> {
  const scope = await caseScope(db, caseId);
  if (!can(actor, permission, scope)) throw new GuiaError('permission.denied', { permission });
  return scope;
}

export function isMember(actor: Actor, scope: ResourceScope): boolean {
  return (scope.memberUserIds ?? []).includes(actor.userId);
}

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
