import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GuiaError } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { agencyFilterFor, authorize } from './access.policy.js';
import { rolesRepo, sessionsRepo } from './access.repo.js';
import {
  AgencyCreate,
  AgencyUpdate,
  AgencyView,
  ChangeLanguage,
  ChangePassword,
  IdParams,
  OneTimePassword,
  RecoveryCodes,
  RoleView,
  SecondFactor,
  SessionView,
  SignIn,
  TwoFactorConfirm,
  TwoFactorSetup,
  UserCreate,
  UserCreated,
  UserListQuery,
  UserUpdate,
  UserView,
} from './access.schemas.js';
import type { Actor } from './actor.js';
import { agenciesService } from './agencies.service.js';
import { authNotices, isNewsAt, type AuthChange } from './auth-notices.js';
import { authService } from './auth.service.js';
import { usersService } from './users.service.js';

const NoContent = z.null().describe('No content');

type Routing = ReturnType<typeof routing>;

function routing(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const inTransaction = <T>(work: (tx: Executor) => Promise<T>) => db.transaction().execute(work);

  /** The caller's session as the web app sees it, read afresh after a change to it. */
  async function sessionView(request: FastifyRequest) {
    const auth = request.auth;
    if (!auth) throw new GuiaError('auth.required');
    const session = await sessionsRepo.byId(db, auth.session.id);
    if (!session) throw new GuiaError('auth.required');
    const user = await usersService.get(db, auth.user.id);
    return authService.view(db, session, user, ctx.timeZone);
  }

  /** Mails the user of a committed change to their sign-in; a failed mail is logged, the answer stands. */
  function mailNotice(request: FastifyRequest, userId: string, change: AuthChange) {
    const at = { now: new Date().toISOString(), timeZone: ctx.timeZone };
    authNotices
      .mail(db, ctx.mail, userId, change, at)
      .catch((error: unknown) => request.log.error({ err: error }, 'could not mail a sign-in change notice'));
  }

  return { app, ctx, db, inTransaction, sessionView, mailNotice };
}

export function registerAccessRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = routing(root, ctx);
  registerSignInRoutes(r);
  registerOwnAccountRoutes(r);
  registerAgencyRoutes(r);
  registerUserRoutes(r);
}

/** Signing in step by step, the session, and signing out. */
function registerSignInRoutes({ app, ctx, db, inTransaction, sessionView }: Routing): void {
  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: { tags: ['auth'], body: SignIn, response: { 200: SessionView } },
      config: {
        access: access.public(),
        rateLimit: { max: ctx.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      // The failure is committed before it is reported, so the audit trail keeps it.
      const result = await inTransaction((tx) =>
        authService.signIn(tx, ctx.auth, request.body.email, request.body.password, request.ip),
      );
      await authService.forgetOldSignInAttempts(db, ctx.auth);
      if ('error' in result) throw result.error;
      setSessionCookie(request, reply, result.token);
      const user = await usersService.get(db, result.session.user_id);
      request.language = user.language as typeof request.language;
      return authService.view(db, result.session, user, ctx.timeZone);
    },
  );

  app.post(
    '/api/v1/auth/second-factor',
    {
      schema: { tags: ['auth'], body: SecondFactor, response: { 200: SessionView } },
      config: {
        access: access.session('second_factor'),
        rateLimit: { max: ctx.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const outcome = await inTransaction((tx) =>
        authService.secondFactor(tx, ctx.auth, ctx.cipher, auth.session, auth.user.id, request.body.code),
      );
      if (outcome instanceof GuiaError) throw endedAttempt(request, reply, outcome);
      return sessionView(request);
    },
  );

  app.get(
    '/api/v1/session',
    {
      schema: { tags: ['auth'], response: { 200: SessionView } },
      config: {
        access: access.session('second_factor', 'password_change', 'two_factor_enrolment', 'active'),
      },
    },
    (request) => sessionView(request),
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      schema: { tags: ['auth'], response: { 204: NoContent } },
      config: {
        access: access.session('second_factor', 'password_change', 'two_factor_enrolment', 'active'),
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      await inTransaction((tx) => authService.signOut(tx, auth.actor, auth.session.id));
      return clearAndEnd(request, reply);
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      schema: { tags: ['auth'], response: { 204: NoContent } },
      config: { access: access.session('active') },
    },
    async (request, reply) => {
      await inTransaction((tx) => authService.signOutEverywhere(tx, actorOf(request)));
      return clearAndEnd(request, reply);
    },
  );
}

/** The signed-in user's own password, language and second factor. */
function registerOwnAccountRoutes({ app, ctx, inTransaction, sessionView, mailNotice }: Routing): void {
  app.post(
    '/api/v1/account/password',
    {
      schema: { tags: ['account'], body: ChangePassword, response: { 200: SessionView } },
      config: { access: access.session('password_change', 'active') },
    },
    async (request) => {
      const auth = request.auth!;
      await inTransaction((tx) =>
        authService.changePassword(
          tx,
          auth.session,
          auth.user,
          request.body.currentPassword,
          request.body.newPassword,
        ),
      );
      if (isNewsAt(auth.session.stage)) mailNotice(request, auth.user.id, 'password_changed');
      return sessionView(request);
    },
  );

  app.put(
    '/api/v1/account/language',
    {
      schema: { tags: ['account'], body: ChangeLanguage, response: { 200: SessionView } },
      config: {
        access: access.session('second_factor', 'password_change', 'two_factor_enrolment', 'active'),
      },
    },
    async (request) => {
      const auth = request.auth!;
      await inTransaction((tx) => authService.changeLanguage(tx, auth.user, request.body.language));
      request.language = request.body.language;
      return sessionView(request);
    },
  );

  app.post(
    '/api/v1/account/two-factor/setup',
    {
      schema: { tags: ['account'], response: { 200: TwoFactorSetup } },
      config: { access: access.session('two_factor_enrolment', 'active') },
    },
    (request) => inTransaction((tx) => authService.beginTwoFactor(tx, ctx.cipher, request.auth!.user)),
  );

  app.post(
    '/api/v1/account/two-factor/confirm',
    {
      schema: { tags: ['account'], body: TwoFactorConfirm, response: { 200: RecoveryCodes } },
      config: { access: access.session('two_factor_enrolment', 'active') },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const outcome = await inTransaction((tx) =>
        authService.confirmTwoFactor(tx, ctx.auth, ctx.cipher, auth.session, auth.user.id, request.body.code),
      );
      if (outcome instanceof GuiaError) throw endedAttempt(request, reply, outcome);
      if (isNewsAt(auth.session.stage)) mailNotice(request, auth.user.id, 'two_factor_enrolled');
      return { recoveryCodes: outcome.recoveryCodes };
    },
  );
}

/** The member agencies of the committee. */
function registerAgencyRoutes({ app, db, inTransaction }: Routing): void {
  app.get(
    '/api/v1/agencies',
    {
      schema: { tags: ['agencies'], response: { 200: z.array(AgencyView) } },
      config: { access: access.permission('agency.read') },
    },
    async (request) => {
      authorize(actorOf(request), 'agency.read');
      return agenciesService.list(db);
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      schema: { tags: ['agencies'], body: AgencyCreate, response: { 201: AgencyView } },
      config: { access: access.permission('agency.manage') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'agency.manage');
      return reply
        .code(201)
        .send(await inTransaction((tx) => agenciesService.create(tx, actor, request.body)));
    },
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      schema: { tags: ['agencies'], params: IdParams, body: AgencyUpdate, response: { 200: AgencyView } },
      config: { access: access.permission('agency.manage') },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'agency.manage');
      return inTransaction((tx) => agenciesService.update(tx, actor, request.params.id, request.body));
    },
  );
}

/** Users, their roles and their credentials, managed by administrators. */
function registerUserRoutes({ app, db, inTransaction, mailNotice }: Routing): void {
  app.get(
    '/api/v1/users',
    {
      schema: { tags: ['users'], querystring: UserListQuery, response: { 200: z.array(UserView) } },
      config: { access: access.permission('user.read') },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'user.read');
      const { active, ...rest } = request.query;
      const onlyAgency = agencyFilterFor(actor, 'user.read');
      if (onlyAgency && rest.agencyId && rest.agencyId !== onlyAgency)
        authorize(actor, 'user.read', { agencyIds: [rest.agencyId] });
      return usersService.list(db, {
        ...rest,
        ...(onlyAgency ? { agencyId: onlyAgency } : {}),
        ...(active ? { active: active === 'true' } : {}),
      });
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserView } },
      config: { access: access.permission('user.read') },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await usersService.view(db, request.params.id);
      authorize(actor, 'user.read', { agencyIds: [user.agency.id] });
      return user;
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: { tags: ['users'], body: UserCreate, response: { 201: UserCreated } },
      config: { access: access.permission('user.manage') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'user.manage', { agencyIds: [request.body.agencyId] });
      return reply.code(201).send(await inTransaction((tx) => usersService.create(tx, actor, request.body)));
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: { tags: ['users'], params: IdParams, body: UserUpdate, response: { 200: UserView } },
      config: { access: access.permission('user.manage') },
    },
    async (request) => {
      const actor = actorOf(request);
      return inTransaction(async (tx) => {
        const before = await usersService.get(tx, request.params.id);
        authorize(actor, 'user.manage', {
          agencyIds: [before.agency_id, request.body.agencyId ?? before.agency_id],
        });
        // Editing one's own account keeps the session it is done from.
        return usersService.update(tx, actor, request.params.id, request.body, actor.sessionId);
      });
    },
  );

  /**
   * A reset of another user's sign-in: made in a transaction, to a user of an agency the actor
   * manages, and mailed to that user once committed.
   */
  async function resetSignIn<T>(
    request: FastifyRequest,
    userId: string,
    change: AuthChange,
    reset: (tx: Executor, actor: Actor, userId: string) => Promise<T>,
  ): Promise<T> {
    const actor = actorOf(request);
    const answer = await inTransaction(async (tx) => {
      const user = await usersService.get(tx, userId);
      authorize(actor, 'user.manage', { agencyIds: [user.agency_id] });
      return reset(tx, actor, user.id);
    });
    mailNotice(request, userId, change);
    return answer;
  }

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: OneTimePassword } },
      config: { access: access.permission('user.manage') },
    },
    (request) =>
      resetSignIn(request, request.params.id, 'password_reset', async (tx, actor, id) => ({
        oneTimePassword: await usersService.resetPassword(tx, actor, id),
      })),
  );

  app.post(
    '/api/v1/users/:id/reset-two-factor',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserView } },
      config: { access: access.permission('user.manage') },
    },
    (request) =>
      resetSignIn(request, request.params.id, 'two_factor_reset', async (tx, actor, id) => {
        await usersService.resetTwoFactor(tx, actor, id);
        return usersService.view(tx, id);
      }),
  );

  app.get(
    '/api/v1/roles',
    {
      schema: { tags: ['users'], response: { 200: z.array(RoleView) } },
      config: { access: access.permission('role.read') },
    },
    async (request) => {
      authorize(actorOf(request), 'role.read');
      const grants = await rolesRepo.permissions(db);
      return (await rolesRepo.list(db)).map((role) => ({
        id: role.id as RoleView['id'],
        permissions: grants
          .filter((g) => g.role_id === role.id)
          .map((g) => ({ permission: g.permission, scope: g.scope }) as RoleView['permissions'][number]),
      }));
    },
  );
}

/** A wrong code that ended the sign-in attempt also ends the cookie that stood for it. */
function endedAttempt(request: FastifyRequest, reply: FastifyReply, error: GuiaError): GuiaError {
  if (error.code === 'auth.sign_in_attempt_ended' || error.code === 'auth.second_factor_locked')
    clearSessionCookie(request, reply);
  return error;
}

function clearAndEnd(request: FastifyRequest, reply: FastifyReply) {
  clearSessionCookie(request, reply);
  return reply.code(204).send(null);
}
