import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GuiaError } from '../core/errors.js';
import { negotiateLanguage, type Language } from '../core/languages.js';
import type { Database } from '../db/database.js';
import type { SessionRow, UserRow } from '../modules/access/access.repo.js';
import { actorOfUser, type Actor } from '../modules/access/actor.js';
import { authService, type AuthSettings, type Stage } from '../modules/access/auth.service.js';
import { auditService, systemActor } from '../modules/audit/audit.service.js';
import { asHttpMethod, asRoute } from '../modules/audit/audit-values.js';
import { createRejectionTally, type RejectionTally } from '../modules/audit/rejection-tally.js';
import { clearSessionCookie, sessionCookieName } from './session-cookie.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    language: Language;
    auth: { session: SessionRow; user: UserRow; actor: Actor } | null;
    /** Why a session cookie was not accepted, if one was sent. */
    sessionProblem: 'unknown' | 'expired' | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyInstance {
    /** Unknown session cookies, counted per minute into the audit trail. */
    sessionRejections: RejectionTally;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the session cookie (if any) on every request and picks the language to answer in. */
export function registerSessions(app: FastifyInstance, database: Database, settings: AuthSettings): void {
  app.decorateRequest('language', 'en');
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionProblem', null);
  const sessionRejections = createRejectionTally(
    (summary) =>
      database.db
        .transaction()
        .execute((tx) =>
          auditService.record(tx, systemActor('anonymous'), 'auth.session_rejected', { summary }),
        ),
    { onError: (error) => app.log.error({ err: error }, 'could not record rejected session cookies') },
  );
  app.decorate('sessionRejections', sessionRejections);
  app.addHook('onClose', () => sessionRejections.close());
  app.addHook('onRequest', async (request, reply) => {
    request.language = negotiateLanguage(request.headers['accept-language']);
    // Over HTTPS only the __Host- cookie counts (ASVS 3.4.4).
    const token = request.cookies[sessionCookieName(request)];
    if (!token) return;
    const resolved = await authService.resolve(database.db, settings, token);
    if (resolved === 'unknown' || resolved === 'expired') {
      clearSessionCookie(request, reply);
      // Tallied, not written one by one: anyone can send a made-up cookie (rejection-tally.ts).
      if (resolved === 'unknown') await sessionRejections.reject(request.routeOptions.url ?? '');
      // Only routes that need a session refuse the request; sign-in still works.
      request.sessionProblem = resolved;
      return;
    }
    const actor = await actorOfUser(database.db, resolved.user, resolved.session.id);
    request.auth = { ...resolved, actor };
    request.language = actor.language;
  });
}

/**
 * Guards a route: a session at one of the allowed stages (fully signed in by default),
 * and for state-changing methods a CSRF token matching the session's.
 */
export function requireSession(database: Database, stages: readonly Stage[] = ['active']) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const auth = request.auth;
    if (!auth) {
      throw new GuiaError(request.sessionProblem === 'expired' ? 'auth.session_expired' : 'auth.required');
    }
    if (unsafeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const expected = Buffer.from(auth.session.csrf_token);
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        await database.db.transaction().execute((tx) =>
          auditService.record(tx, auth.actor, 'auth.csrf_failed', {
            summary: { method: asHttpMethod(request.method), path: asRoute(request.routeOptions.url ?? '') },
          }),
        );
        throw new GuiaError('auth.csrf_failed');
      }
    }
    if (!stages.includes(auth.session.stage))
      throw new GuiaError('auth.step_required', { stage: auth.session.stage });
  };
}

/** The signed-in actor of a guarded route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new GuiaError('auth.required');
  return request.auth.actor;
}
