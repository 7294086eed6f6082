import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GuiaError } from '../core/errors.js';
import type { Permission } from '../core/permissions.js';
import type { Database } from '../db/database.js';
import { authorize } from '../modules/access/access.policy.js';
import type { Stage } from '../modules/access/auth.service.js';
import {
  grantCase,
  grantPerson,
  grantPersonOfRecord,
  grantReferral,
  type ReferralGrant,
  type CaseAbility,
  type CaseGrant,
  type PersonAbility,
  type PersonGrant,
} from '../modules/cases/case-access.js';
import { actorOf, requireSession } from './session.js';

// Every API route declares who may call it, and this file enforces the declaration before
// the request body is even validated (a caller without access learns nothing about the
// shape of the input). A route under /api/ without a declaration is refused at start-up,
// and test/integration/route-access.test.ts lists every route with its declaration.

export type RouteAccess =
  | { kind: 'public' }
  /** Signed in at one of these stages (the sign-in steps themselves). */
  | { kind: 'session'; stages: readonly Stage[] }
  /** Signed in and holding the permission; lists are narrowed to its scope by their query. */
  | { kind: 'permission'; permission: Permission }
  /** The case in `:id`, with the ability; the grant is handed to the handler. */
  | { kind: 'case'; ability: CaseAbility }
  /** The person `:casePersonId` of the case `:id`. */
  | { kind: 'person'; ability: PersonAbility }
  /** The victim a protection record (`:serviceId`, `:planId`) is about. */
  | { kind: 'record'; table: 'services' | 'support_plans'; param: string; ability: PersonAbility }
  /** The referral `:referralId`, for its receiving agency (`referral.respond`). */
  | { kind: 'referral' }
  /** A decision that the handler takes on a record it loads itself, with its own policy. */
  | { kind: 'decided_by_handler'; permission: Permission; policy: string };

export const access = {
  public: (): RouteAccess => ({ kind: 'public' }),
  session: (...stages: Stage[]): RouteAccess => ({ kind: 'session', stages }),
  permission: (permission: Permission): RouteAccess => ({ kind: 'permission', permission }),
  onCase: (ability: CaseAbility): RouteAccess => ({ kind: 'case', ability }),
  onPerson: (ability: PersonAbility): RouteAccess => ({ kind: 'person', ability }),
  onRecord: (table: 'services' | 'support_plans', param: string, ability: PersonAbility): RouteAccess => ({
    kind: 'record',
    table,
    param,
    ability,
  }),
  referralRecipient: (): RouteAccess => ({ kind: 'referral' }),
  /** For routes whose record decides (a referral's receiving agency): `policy` names the function that does. */
  byHandler: (permission: Permission, policy: string): RouteAccess => ({
    kind: 'decided_by_handler',
    permission,
    policy,
  }),
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    grant: CaseGrant | PersonGrant | ReferralGrant | null;
  }
}

/** How a declaration reads in the route table. */
export function describeAccess(access: RouteAccess): string {
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'session':
      return `session:${access.stages.join('|')}`;
    case 'permission':
      return `permission:${access.permission}`;
    case 'case':
      return `case:${access.ability}`;
    case 'person':
      return `person:${access.ability}`;
    case 'record':
      return `record:${access.table}:${access.ability}`;
    case 'referral':
      return 'referral:respond';
    case 'decided_by_handler':
      return `handler:${access.permission}:${access.policy}`;
  }
}

export function registerRouteAccess(app: FastifyInstance, database: Database): void {
  app.decorateRequest('grant', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access)
      throw new Error(`${[route.method].flat().join(',')} ${route.url} declares no access`);
  });
  app.addHook('preValidation', async (request, reply) => {
    const declared = request.routeOptions.config.access;
    if (!declared || declared.kind === 'public') return;
    await requireSession(database, declared.kind === 'session' ? declared.stages : ['active'])(
      request,
      reply,
    );
    if (declared.kind === 'session') return;
    const actor = actorOf(request);
    const params = request.params as Record<string, string | undefined>;
    const db = database.db;
    switch (declared.kind) {
      case 'permission':
      case 'decided_by_handler':
        authorize(actor, declared.permission);
        return;
      case 'case':
        request.grant = await grantCase(db, actor, params.id ?? '', declared.ability);
        return;
      case 'person':
        request.grant = await grantPerson(
          db,
          actor,
          params.id ?? '',
          params.casePersonId ?? '',
          declared.ability,
        );
        return;
      case 'referral':
        authorize(actor, 'referral.respond');
        request.grant = await grantReferral(db, actor, params.referralId ?? '');
        return;
      case 'record':
        request.grant = await grantPersonOfRecord(
          db,
          actor,
          declared.table,
          params[declared.param] ?? '',
          declared.ability,
        );
        return;
    }
  });
}

/** The case grant the route's declaration obtained. */
export function caseGrantOf(request: FastifyRequest): CaseGrant {
  const grant = request.grant;
  if (!grant || !('leadAgencyId' in grant)) throw new GuiaError('internal');
  return grant;
}

/** The person grant the route's declaration obtained. */
export function personGrantOf(request: FastifyRequest): PersonGrant {
  const grant = request.grant;
  if (!grant || !('casePersonId' in grant)) throw new GuiaError('internal');
  return grant;
}

/** The referral grant the route's declaration obtained. */
export function referralGrantOf(request: FastifyRequest): ReferralGrant {
  const grant = request.grant;
  if (!grant || !('referralId' in grant)) throw new GuiaError('internal');
  return grant;
}
