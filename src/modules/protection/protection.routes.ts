import type { FastifyInstance } from 'fastify';
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
import { declareRoutes, type DeclaredRoutes } from '../declare-routes.js';
import { referralsService as referrals } from './referrals.service.js';
import { registerReferralAssignmentRoutes } from './referrals-assignment.routes.js';
import { createScreeningsService } from './screenings.service.js';
import { supportPlansService as plans } from './support-plans.service.js';
import { supportServicesService as services } from './support-services.service.js';

// A victim's protection records are for those who work the victim: the members of the case
// (`protection.read` / `protection.write`), and whoever accepted a referral of the victim
// (a person grant: that victim only). Answering a referral is for the receiving agency.
// Every route declares its access (src/http/route-access.ts).

const victimPath = '/api/v1/cases/:id/people/:casePersonId';
const readVictim = access.onPerson('protectionRead');
const writeVictim = access.onPerson('protectionWrite');
const recipient = access.referralRecipient();

export function registerProtectionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['protection']);
  registerScreeningRoutes(r);
  registerConsentRoutes(r);
  registerReferralRoutes(r);
  registerServiceRoutes(r);
  registerPlanRoutes(r);
  registerReferralAssignmentRoutes(root, ctx);
}

// --- screening ---

function registerScreeningRoutes(r: DeclaredRoutes): void {
  const screenings = createScreeningsService();
  r.app.get(
    '/api/v1/screening/catalogue',
    {
      schema: { tags: ['protection'], response: { 200: CatalogueView } },
      config: { access: access.session('active') },
    },
    async () => screenings.catalogue(),
  );

  r.get(
    `${victimPath}/screenings`,
    { access: readVictim, params: VictimParams, response: z.array(ScreeningView) },
    (request, uc) => screenings.list(uc, personGrantOf(request)),
  );

  r.get(
    `${victimPath}/screenings/context`,
    { access: writeVictim, params: VictimParams, response: ScreeningContextView },
    (request, uc) => screenings.context(uc, personGrantOf(request)),
  );

  r.create(
    `${victimPath}/screenings`,
    { access: writeVictim, params: VictimParams, body: ScreeningBody, response: ScreeningView },
    (request, uc) => screenings.record(uc, personGrantOf(request), request.body),
  );
}

// --- consent ---

function registerConsentRoutes(r: DeclaredRoutes): void {
  r.get(
    `${victimPath}/consents`,
    { access: readVictim, params: VictimParams, response: z.array(ConsentView) },
    (request, uc) => consents.list(uc, personGrantOf(request)),
  );

  r.create(
    `${victimPath}/consents`,
    { access: writeVictim, params: VictimParams, body: ConsentBody, response: ConsentView },
    (request, uc) => consents.record(uc, personGrantOf(request), request.body),
  );

  r.post(
    `${victimPath}/consents/:consentId/withdraw`,
    { access: writeVictim, params: ConsentParams, body: WithdrawConsentBody, response: ConsentView },
    (request, uc) => consents.withdraw(uc, personGrantOf(request), request.params.consentId, request.body),
  );
}

// --- referrals ---

function registerReferralRoutes(r: DeclaredRoutes): void {
  r.get(
    `${victimPath}/referrals`,
    { access: readVictim, params: VictimParams, response: z.array(ReferralView) },
    (request, uc) => referrals.list(uc, personGrantOf(request)),
  );

  r.create(
    `${victimPath}/referrals`,
    { access: writeVictim, params: VictimParams, body: ReferralBody, response: ReferralView },
    (request, uc) => referrals.send(uc, personGrantOf(request), request.body),
  );

  // The inbox reads outside a transaction; it is the actor's own agency's, whatever wider
  // reach their grants have.
  r.get(
    '/api/v1/referrals/inbox',
    {
      access: access.permission('referral.respond'),
      querystring: InboxQuery,
      response: ReferralInbox,
      transaction: false,
    },
    (request, uc) => referrals.inbox(uc, request.query),
  );

  r.post(
    '/api/v1/referrals/:referralId/accept',
    { access: recipient, params: ReferralParams, body: AcceptReferralBody, response: ReferralInboxItem },
    (request, uc) => referrals.accept(uc, referralGrantOf(request), request.body),
  );

  r.post(
    '/api/v1/referrals/:referralId/decline',
    { access: recipient, params: ReferralParams, body: DeclineReferralBody, response: ReferralInboxItem },
    (request, uc) => referrals.decline(uc, referralGrantOf(request), request.body),
  );

  r.post(
    '/api/v1/referrals/:referralId/complete',
    { access: recipient, params: ReferralParams, body: CompleteReferralBody, response: ReferralInboxItem },
    (request, uc) => referrals.complete(uc, referralGrantOf(request), request.body),
  );
}

// --- services ---

function registerServiceRoutes(r: DeclaredRoutes): void {
  r.get(
    `${victimPath}/services`,
    { access: readVictim, params: VictimParams, response: z.array(ServiceView) },
    (request, uc) => services.list(uc, personGrantOf(request)),
  );

  r.create(
    `${victimPath}/services`,
    { access: writeVictim, params: VictimParams, body: ServiceBody, response: ServiceView },
    (request, uc) => services.record(uc, personGrantOf(request), request.body),
  );

  r.patch(
    '/api/v1/services/:serviceId',
    {
      access: access.onRecord('services', 'serviceId', 'protectionWrite'),
      params: ServiceParams,
      body: ServiceUpdate,
      response: ServiceView,
    },
    (request, uc) => services.update(uc, personGrantOf(request), request.params.serviceId, request.body),
  );
}

// --- support plans ---

function registerPlanRoutes(r: DeclaredRoutes): void {
  r.get(
    `${victimPath}/support-plans`,
    { access: readVictim, params: VictimParams, response: z.array(SupportPlanView) },
    (request, uc) => plans.list(uc, personGrantOf(request)),
  );

  r.create(
    `${victimPath}/support-plans`,
    { access: writeVictim, params: VictimParams, body: SupportPlanBody, response: SupportPlanView },
    (request, uc) => plans.create(uc, personGrantOf(request), request.body),
  );

  r.patch(
    '/api/v1/support-plans/:planId',
    {
      access: access.onRecord('support_plans', 'planId', 'protectionWrite'),
      params: PlanParams,
      body: SupportPlanUpdate,
      response: SupportPlanView,
    },
    (request, uc) => plans.update(uc, personGrantOf(request), request.params.planId, request.body),
  );
}
