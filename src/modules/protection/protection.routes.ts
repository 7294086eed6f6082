import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access, personGrantOf, referralGrantOf } from '../../http/route-access.js';
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
  ScreeningContextView,
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
import { consentsService as consents } from './consents.service.js';
import { useCases } from '../use-case.js';
import { referralsService as referrals } from './referrals.service.js';
import { registerReferralAssignmentRoutes } from './referrals-assignment.routes.js';
import { createScreeningsService } from './screenings.service.js';
import { supportPlansService as plans } from './support-plans.service.js';
import { supportServicesService as services } from './support-services.service.js';

// A victim's protection records are for those who work the victim: the members of the case
// (`protection.read` / `protection.write`), and whoever accepted a referral of the victim
// (a person grant: that victim only). Answering a referral is for the receiving agency.
// Every route declares its access (src/http/route-access.ts).

const tags = ['protection'];
const victimPath = '/api/v1/cases/:id/people/:casePersonId';
const readVictim = { access: access.onPerson('protectionRead') };
const writeVictim = { access: access.onPerson('protectionWrite') };

/** What every group of protection routes registers with. */
function routing(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase, inTransaction } = useCases(ctx);
  return { app, db, useCase, inTransaction };
}
type Routing = ReturnType<typeof routing>;

export function registerProtectionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = routing(root, ctx);
  registerScreeningRoutes(r);
  registerConsentRoutes(r);
  registerReferralRoutes(r);
  registerServiceRoutes(r);
  registerPlanRoutes(r);
  registerReferralAssignmentRoutes(root, ctx);
}

// --- screening ---

function registerScreeningRoutes({ app, inTransaction }: Routing): void {
  const screenings = createScreeningsService();
  app.get(
    '/api/v1/screening/catalogue',
    { schema: { tags, response: { 200: CatalogueView } }, config: { access: access.session('active') } },
    async () => screenings.catalogue(),
  );

  app.get(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ScreeningView) } },
      config: readVictim,
    },
    (request) => inTransaction(request, (uc) => screenings.list(uc, personGrantOf(request))),
  );

  app.get(
    `${victimPath}/screenings/context`,
    {
      schema: { tags, params: VictimParams, response: { 200: ScreeningContextView } },
      config: writeVictim,
    },
    (request) => inTransaction(request, (uc) => screenings.context(uc, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/screenings`,
    {
      schema: { tags, params: VictimParams, body: ScreeningBody, response: { 201: ScreeningView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await inTransaction(request, (uc) => screenings.record(uc, grant, request.body));
      return reply.code(201).send(view);
    },
  );
}

// --- consent ---

function registerConsentRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${victimPath}/consents`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ConsentView) } }, config: readVictim },
    (request) => inTransaction(request, (uc) => consents.list(uc, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/consents`,
    {
      schema: { tags, params: VictimParams, body: ConsentBody, response: { 201: ConsentView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await inTransaction(request, (uc) => consents.record(uc, grant, request.body));
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
      inTransaction(request, (uc) =>
        consents.withdraw(uc, personGrantOf(request), request.params.consentId, request.body),
      ),
  );
}

// --- referrals ---

function registerReferralRoutes({ app, db, useCase, inTransaction }: Routing): void {
  app.get(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(ReferralView) } },
      config: readVictim,
    },
    (request) => inTransaction(request, (uc) => referrals.list(uc, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/referrals`,
    {
      schema: { tags, params: VictimParams, body: ReferralBody, response: { 201: ReferralView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await inTransaction(request, (uc) => referrals.send(uc, grant, request.body));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/referrals/inbox',
    {
      schema: { tags, querystring: InboxQuery, response: { 200: ReferralInbox } },
      config: { access: access.permission('referral.respond') },
    },
    // The inbox reads outside a transaction; it is the actor's own agency's, whatever wider
    // reach their grants have.
    (request) => referrals.inbox(useCase(request, db), request.query),
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
    (request) => inTransaction(request, (uc) => referrals.accept(uc, referralGrantOf(request), request.body)),
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
      inTransaction(request, (uc) => referrals.decline(uc, referralGrantOf(request), request.body)),
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
      inTransaction(request, (uc) => referrals.complete(uc, referralGrantOf(request), request.body)),
  );
}

// --- services ---

function registerServiceRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${victimPath}/services`,
    { schema: { tags, params: VictimParams, response: { 200: z.array(ServiceView) } }, config: readVictim },
    (request) => inTransaction(request, (uc) => services.list(uc, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/services`,
    {
      schema: { tags, params: VictimParams, body: ServiceBody, response: { 201: ServiceView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await inTransaction(request, (uc) => services.record(uc, grant, request.body));
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
      inTransaction(request, (uc) =>
        services.update(uc, personGrantOf(request), request.params.serviceId, request.body),
      ),
  );
}

// --- support plans ---

function registerPlanRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, response: { 200: z.array(SupportPlanView) } },
      config: readVictim,
    },
    (request) => inTransaction(request, (uc) => plans.list(uc, personGrantOf(request))),
  );

  app.post(
    `${victimPath}/support-plans`,
    {
      schema: { tags, params: VictimParams, body: SupportPlanBody, response: { 201: SupportPlanView } },
      config: writeVictim,
    },
    async (request, reply) => {
      const grant = personGrantOf(request);
      const view = await inTransaction(request, (uc) => plans.create(uc, grant, request.body));
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
      inTransaction(request, (uc) =>
        plans.update(uc, personGrantOf(request), request.params.planId, request.body),
      ),
  );
}
