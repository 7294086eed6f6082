// Permissions are data (table role_permissions); this list is the closed vocabulary the
// code checks against, shared with the web app to decide what navigation to show.
export const permissions = [
  'agency.read',
  'agency.manage',
  'user.read',
  'user.manage',
  'role.read',
  'audit.read',
  'legal_qualification.manage',
  // Cases: `agency` reaches the cases whose lead or participating agency is the actor's,
  // `own` the cases the actor is a member of.
  'case.read',
  'case.create',
  'case.update',
  'case.transition',
  // Choosing who works a case (members, participating agencies) without seeing identities.
  'case.supervise',
  // Seeing a person's identity (names, documents, birth date, contacts): members only.
  'person.reveal',
  'protection.read',
  'protection.write',
  // Answering referrals sent to the actor's agency.
  'referral.respond',
  // Giving an accepted referral to a named worker of the receiving agency.
  'referral.assign',
  // Deciding whether probable duplicates across cases are the same person.
  'duplicate.resolve',
  // A victim's request to erase or correct their identity: recording, deciding, carrying it out.
  'data_request.manage',
  // Coordination: the action plan and its tasks (`agency` reaches tasks the actor's agency
  // leads or supports), progress reports on them, and the secretariat's validation.
  'plan.read',
  'plan.manage',
  'progress.report',
  'progress.validate',
  'meeting.read',
  'meeting.manage',
  // Prevention and enforcement figures per period; `agency` writes the actor's own agency's.
  'activity.read',
  'activity.report',
  // Exchanges with other jurisdictions and organisations; linked cases stay need-to-know.
  'cooperation.read',
  'cooperation.write',
  // Statistics: counts only, never a record; releasing a table to the public page is its own step.
  'statistics.read',
  'statistics.import',
  'statistics.release',
  // External assessments (TIP Report and others), recommendations, responses.
  'assessment.read',
  'assessment.manage',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * How far a permission reaches: every record, the records of the actor's own agency,
 * or only the records the actor is assigned to. Ordered from widest to narrowest.
 */
export const scopes = ['all', 'agency', 'own'] as const;
export type Scope = (typeof scopes)[number];

export const roles = [
  'administrator',
  'secretariat',
  'agency_officer',
  'supervisor',
  'case_worker',
  'analyst',
  'auditor',
] as const;
export type RoleId = (typeof roles)[number];

/** Roles whose holders must sign in with a second factor. */
export const rolesRequiringTwoFactor: readonly RoleId[] = ['administrator', 'secretariat', 'case_worker'];

export type Grants = Partial<Record<Permission, Scope>>;

/** What a resource tells the policy about itself. */
export type ResourceScope = { agencyIds?: readonly string[]; memberUserIds?: readonly string[] };

export type PolicyActor = { userId: string; agencyId: string; grants: Grants };

/**
 * Deny unless a grant reaches the resource. Without a resource the question is whether
 * the actor holds the permission at all; lists are then narrowed to the scope by the query.
 */
export function can(actor: PolicyActor, permission: Permission, resource?: ResourceScope): boolean {
  const scope = actor.grants[permission];
  if (!scope) return false;
  if (!resource || scope === 'all') return true;
  if (scope === 'agency') return (resource.agencyIds ?? []).includes(actor.agencyId);
  return (resource.memberUserIds ?? []).includes(actor.userId);
}

/** Combines the grants of several roles, keeping the widest scope for each permission. */
export function mergeGrants(rows: readonly { permission: string; scope: string }[]): Grants {
  const grants: Grants = {};
  for (const row of rows) {
    if (!isPermission(row.permission) || !isScope(row.scope)) continue;
    const current = grants[row.permission];
    if (!current || scopes.indexOf(row.scope) < scopes.indexOf(current)) grants[row.permission] = row.scope;
  }
  return grants;
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
function isScope(value: string): value is Scope {
  return (scopes as readonly string[]).includes(value);
}
export function isRole(value: string): value is RoleId {
  return (roles as readonly string[]).includes(value);
}
