import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../../http/context.js';
import { actorOf, requireSession } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import { authorizeCase } from '../cases/cases.policy.js';
import type { ReferralRow } from './protection.repo.js';
import {
  AcceptReferralBody,
  CatalogueView,
  CompleteReferralBody,
  ConsentBody,
  ConsentParams,
  ConsentView,
  DeclineReferralBody,
  InboxQuery,
  PlanParams,
  ReferralBody,
  ReferralInbox,
  ReferralInboxItem,
  ReferralParams,
  ReferralView,
  ScreeningBody,
  ScreeningView,
  ServiceBody,
  ServiceParams,
  ServiceUpdate,
  ServiceView,
  SupportPlanBody,
  SupportPlanUpdate,
  SupportPlanView,
  VictimParams,
  WithdrawConsentBody,
} from './protection.schemas.js';
import { createProtectionService } from './protection.service.js';

// Reading a victim's protection records needs `protection.read` reaching the case; writing
// them needs `protection.write` (members of the case). Answering a referral is for the
// receiving agency (`referral.respond`), who need not work the case yet.

export function registerProtectionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const protection = createProtectionService(ctx.cipher);
  const signedIn = requireSession(ctx.database);
  const tags = ['protection'];
  const victimPath = '/api/v1/cases/:id/people/:casePersonId';

  /** Reads a victim's records once the actor's `protection.read` reaches the case. */
  async function readVictim<T>(actor: Actor, caseId: string, work: (db: Executor) => Promise<T>): Promise<T> {
    await authorizeCase(db, actor, 'protection.read', caseId);
    return work(db);
  }

  /** Changes a victim's records in one transaction, after `protection.write` is checked against the case. */
  function writeVictim<T>(actor: Actor, caseId: string, work: (tx: Executor) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (tx) => {
      await authorizeCase(tx, actor, 'protection.write', caseId);
      return work(tx);
    });
  }

  /** Answers a referral on behalf of the agency it was sent to. */
  function respond<T>(
    actor: Actor,
    referralId: string,
    work: (tx: Executor, referral: ReferralRow) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (tx) => {
      const referral = await protection.referral(tx, referralId);
      authorize(actor, 'referral.respond', { agencyIds: [referral.to_agency_id] });
      return work(tx, referral);
    });
  }

  // --- screening ---

  app.get(
    '/api/v1/screening/catalogue',
    { schema: { tags, response: { 200: CatalogueView } }, preHandler: signedIn },
    async () => protection.catalogue(),
  );

  app.get(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ScreeningView) } },
      preHandler: signedIn,
    },
    (request) =>
      readVictim(actorOf(request), request.params.id, (db) =>
        protection.listScreenings(db, request.params.id, request.params.casePersonId),
      ),
  );

  app.post(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, body: ScreeningBody, response: { 201: ScreeningView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, casePersonId } = request.params;
      const view = await writeVictim(actor, id, (tx) =>
        protection.recordScreening(tx, actor, id, casePersonId, request.body, ctx.today()),
      );
      return reply.code(201).send(view);
    },
  );

  // --- consent ---

  app.get(
    `${victimPath}/consents`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ConsentView) } }, preHandler: signedIn },
    (request) =>
      readVictim(actorOf(request), request.params.id, (db) =>
        protection.listConsents(db, request.params.id, request.params.casePersonId),
      ),
  );

  app.post(
    `${victimPath}/consents`,
    {
      schema: { tags, params: VictimParams, body: ConsentBody, response: { 201: ConsentView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, casePersonId } = request.params;
      const view = await writeVictim(actor, id, (tx) =>
        protection.recordConsent(tx, actor, id, casePersonId, request.body, ctx.today()),
      );
      return reply.code(201).send(view);
    },
  );

  app.post(
    `${victimPath}/consents/:consentId/withdraw`,
    {
      schema: { tags, params: ConsentParams, body: WithdrawConsentBody, response: { 200: ConsentView } },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      const { id, casePersonId, consentId } = request.params;
      return writeVictim(actor, id, (tx) =>
        protection.withdrawConsent(tx, actor, id, casePersonId, consentId, request.body, ctx.today()),
      );
    },
  );

  // --- referrals ---

  app.get(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ReferralView) } },
      preHandler: signedIn,
    },
    (request) =>
      readVictim(actorOf(request), request.params.id, (db) =>
        protection.listReferrals(db, request.params.id, request.params.casePersonId),
      ),
  );

  app.post(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, body: ReferralBody, response: { 201: ReferralView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, casePersonId } = request.params;
      const view = await writeVictim(actor, id, (tx) =>
        protection.sendReferral(tx, actor, id, casePersonId, request.body, ctx.today()),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/referrals/inbox',
    { schema: { tags, querystring: InboxQuery, response: { 200: ReferralInbox } }, preHandler: signedIn },
    async (request) => {
      const actor = actorOf(request);
      // The inbox is the actor's own agency's, whatever wider reach their grant has.
      authorize(actor, 'referral.respond', { agencyIds: [actor.agencyId] });
      return protection.inbox(db, actor, request.query);
    },
  );

  app.post(
    '/api/v1/referrals/:referralId/accept',
    {
      schema: {
        tags,
        params: ReferralParams,
        body: AcceptReferralBody,
        response: { 200: ReferralInboxItem },
      },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      return respond(actor, request.params.referralId, (tx, referral) =>
        protection.acceptReferral(tx, actor, referral, request.body, ctx.today()),
      );
    },
  );

  app.post(
    '/api/v1/referrals/:referralId/decline',
    {
      schema: {
        tags,
        params: ReferralParams,
        body: DeclineReferralBody,
        response: { 200: ReferralInboxItem },
      },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      return respond(actor, request.params.referralId, (tx, referral) =>
        protection.declineReferral(tx, actor, referral, request.body, ctx.today()),
      );
    },
  );

  app.post(
    '/api/v1/referrals/:referralId/complete',
    {
      schema: {
        tags,
        params: ReferralParams,
        body: CompleteReferralBody,
        response: { 200: ReferralInboxItem },
      },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      return respond(actor, request.params.referralId, (tx, referral) =>
        protection.completeReferral(tx, actor, referral, request.body, ctx.today()),
      );
    },
  );

  // --- services ---

  app.get(
    `${victimPath}/services`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ServiceView) } }, preHandler: signedIn },
    (request) =>
      readVictim(actorOf(request), request.params.id, (db) =>
        protection.listServices(db, request.params.id, request.params.casePersonId),
      ),
  );

  app.post(
    `${victimPath}/services`,
    {
      schema: { tags, params: VictimParams, body: ServiceBody, response: { 201: ServiceView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, casePersonId } = request.params;
      const view = await writeVictim(actor, id, (tx) =>
        protection.recordService(tx, actor, id, casePersonId, request.body, ctx.today()),
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/services/:serviceId',
    {
      schema: { tags, params: ServiceParams, body: ServiceUpdate, response: { 200: ServiceView } },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      return db.transaction().execute(async (tx) => {
        const service = await protection.service(tx, request.params.serviceId);
        await authorizeCase(
          tx,
          actor,
          'protection.write',
          await protection.caseOf(tx, service.case_person_id),
        );
        return protection.updateService(tx, actor, service, request.body, ctx.today());
      });
    },
  );

  // --- support plans ---

  app.get(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(SupportPlanView) } },
      preHandler: signedIn,
    },
    (request) =>
      readVictim(actorOf(request), request.params.id, (db) =>
        protection.listPlans(db, request.params.id, request.params.casePersonId),
      ),
  );

  app.post(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, body: SupportPlanBody, response: { 201: SupportPlanView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, casePersonId } = request.params;
      const view = await writeVictim(actor, id, (tx) =>
        protection.createPlan(tx, actor, id, casePersonId, request.body, ctx.today()),
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/support-plans/:planId',
    {
      schema: { tags, params: PlanParams, body: SupportPlanUpdate, response: { 200: SupportPlanView } },
      preHandler: signedIn,
    },
    (request) => {
      const actor = actorOf(request);
      return db.transaction().execute(async (tx) => {
        const plan = await protection.plan(tx, request.params.planId);
        await authorizeCase(tx, actor, 'protection.write', await protection.caseOf(tx, plan.case_person_id));
        return protection.updatePlan(tx, actor, plan, request.body, ctx.today());
      });
    },
  );
}
