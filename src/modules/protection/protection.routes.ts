import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access, personGrantOf, referralGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
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

// A victim's protection records are for those who work the victim: the members of the case
// (`protection.read` / `protection.write`), and whoever accepted a referral of the victim
// (a person grant: that victim only). Answering a referral is for the receiving agency.
// Every route declares its access (src/http/route-access.ts).

export function registerProtectionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const protection = createProtectionService(ctx.cipher);
  const tags = ['protection'];
  const victimPath = '/api/v1/cases/:id/people/:casePersonId';
  const readVictim = { access: access.onPerson('protectionRead') };
  const writeVictim = { access: access.onPerson('protectionWrite') };

  // --- screening ---

  app.get(
    '/api/v1/screening/catalogue',
    { schema: { tags, response: { 200: CatalogueView } }, config: { access: access.session('active') } },
    async () => protection.catalogue(),
  );

  app.get(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ScreeningView) } },
      config: readVictim,
    },
    (request) => db.transaction().execute((tx) => protection.listScreenings(tx, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, body: ScreeningBody, response: { 201: ScreeningView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => protection.recordScreening(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  // --- consent ---

  app.get(
    `${victimPath}/consents`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ConsentView) } }, config: readVictim },
    (request) => db.transaction().execute((tx) => protection.listConsents(tx, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/consents`,
    {
      schema: { tags, params: VictimParams, body: ConsentBody, response: { 201: ConsentView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => protection.recordConsent(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  app.post(
    `${victimPath}/consents/:consentId/withdraw`,
    {
      schema: { tags, params: ConsentParams, body: WithdrawConsentBody, response: { 200: ConsentView } },
      config: writeVictim,
    },
    (request) =>
      db
        .transaction()
        .execute((tx) =>
          protection.withdrawConsent(
            tx,
            personGrantOf(request),
            request.params.consentId,
            request.body,
            ctx.today(),
          ),
        ),
  );

  // --- referrals ---

  app.get(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ReferralView) } },
      config: readVictim,
    },
    (request) => db.transaction().execute((tx) => protection.listReferrals(tx, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, body: ReferralBody, response: { 201: ReferralView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => protection.sendReferral(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/referrals/inbox',
    {
      schema: { tags, querystring: InboxQuery, response: { 200: ReferralInbox } },
      config: { access: access.permission('referral.respond') },
    },
    // The inbox is the actor's own agency's, whatever wider reach their grant has.
    (request) => protection.inbox(db, actorOf(request), request.query),
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
      config: { access: access.referralRecipient() },
    },
    (request) =>
      db
        .transaction()
        .execute((tx) => protection.acceptReferral(tx, referralGrantOf(request), request.body, ctx.today())),
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
      config: { access: access.referralRecipient() },
    },
    (request) =>
      db
        .transaction()
        .execute((tx) => protection.declineReferral(tx, referralGrantOf(request), request.body, ctx.today())),
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
      config: { access: access.referralRecipient() },
    },
    (request) =>
      db
        .transaction()
        .execute((tx) =>
          protection.completeReferral(tx, referralGrantOf(request), request.body, ctx.today()),
        ),
  );

  // --- services ---

  app.get(
    `${victimPath}/services`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ServiceView) } }, config: readVictim },
    (request) => db.transaction().execute((tx) => protection.listServices(tx, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/services`,
    {
      schema: { tags, params: VictimParams, body: ServiceBody, response: { 201: ServiceView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => protection.recordService(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/services/:serviceId',
    {
      schema: { tags, params: ServiceParams, body: ServiceUpdate, response: { 200: ServiceView } },
      config: { access: access.onRecord('services', 'serviceId', 'protectionWrite') },
    },
    (request) =>
      db.transaction().execute(async (tx) => {
        const service = await protection.service(tx, request.params.serviceId);
        return protection.updateService(tx, personGrantOf(request), service, request.body, ctx.today());
      }),
  );

  // --- support plans ---

  app.get(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(SupportPlanView) } },
      config: readVictim,
    },
    (request) => db.transaction().execute((tx) => protection.listPlans(tx, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, body: SupportPlanBody, response: { 201: SupportPlanView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => protection.createPlan(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/support-plans/:planId',
    {
      schema: { tags, params: PlanParams, body: SupportPlanUpdate, response: { 200: SupportPlanView } },
      config: { access: access.onRecord('support_plans', 'planId', 'protectionWrite') },
    },
    (request) =>
      db.transaction().execute(async (tx) => {
        const plan = await protection.plan(tx, request.params.planId);
        return protection.updatePlan(tx, personGrantOf(request), plan, request.body, ctx.today());
      }),
  );
}
