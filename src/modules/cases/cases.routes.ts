import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { presentedResponse } from '../../http/presented-response.js';
import { access, caseGrantOf, personGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import { useCases, type UseCase } from '../use-case.js';
import type { CaseGrant } from './case-access.js';
import { caseMembershipService as membership } from './case-membership.service.js';
import { caseRegistrationService as registration } from './case-registration.service.js';
import { caseStagesService as stages } from './case-stages.service.js';
import { caseViewService as cases } from './case-view.js';
import { duplicatesService as duplicates } from './duplicates.service.js';
import { identitiesService as identities } from './identities.service.js';
import { linkRequestsService as links } from './link-requests.service.js';
import { peopleService as people } from './people.service.js';
import { legalQualificationsRepo } from './cases.repo.js';
import {
  AddCasePerson,
  AgencyBody,
  CaseCreate,
  CaseIdParams,
  CaseList,
  CaseListQuery,
  CasePersonPage,
  CasePersonParams,
  CasePersonView,
  CaseUpdate,
  CaseView,
  DocumentBody,
  DuplicateFlagView,
  DuplicateParams,
  DuplicateResolution,
  HistoricEventBody,
  IdentityView,
  JudicialActBody,
  LegalQualificationView,
  LinkRequestBody,
  LinkRequestList,
  LinkRequestParams,
  LinkRequestView,
  MemberBody,
  MemberParams,
  PersonView,
  QualificationChange,
  RevealBody,
  TransitionBody,
  UpdateCasePerson,
  UpdateIdentity,
  VerdictBody,
} from './cases.schemas.js';
import {
  LegalQualificationCreate,
  LegalQualificationUpdate,
  legalQualificationsService,
} from './legal-qualifications.service.js';

// Each route declares its access (src/http/route-access.ts); the grant it obtains is the
// only way into the use cases that touch a case or a person.

const tags = ['cases'];

/** What every group of case routes registers with. */
function routing(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase, inTransaction } = useCases(ctx);
  /** Runs a change to one case in a transaction; answers with the case as the actor sees it. */
  async function changeCase(
    request: FastifyRequest,
    grant: CaseGrant,
    work: (uc: UseCase) => Promise<unknown>,
  ) {
    await inTransaction(request, work);
    return inTransaction(request, (uc) => cases.view(uc, grant));
  }
  /** The same for a change to one person of a case: the case is answered as the actor's case grant shows it. */
  async function changePerson(request: FastifyRequest, work: (uc: UseCase) => Promise<unknown>) {
    await inTransaction(request, work);
    return inTransaction(request, async (uc) =>
      cases.view(uc, await cases.grantOf(uc.tx, personGrantOf(request))),
    );
  }
  return { app, db, useCase, inTransaction, changeCase, changePerson };
}
type Routing = ReturnType<typeof routing>;

export function registerCasesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = routing(root, ctx);
  registerCaseRoutes(r);
  registerStageRoutes(r);
  registerMembershipRoutes(r);
  registerPeopleRoutes(r);
  registerIdentityRoutes(r);
  registerLinkRequestRoutes(r);
  registerDuplicateRoutes(r);
  registerLegalQualificationRoutes(r);
}

// --- cases: list, register, view, correct ---

function registerCaseRoutes({ app, db, useCase, inTransaction, changeCase }: Routing): void {
  app.get(
    '/api/v1/cases',
    {
      schema: { tags, querystring: CaseListQuery, response: { 200: CaseList } },
      // The hottest route: its presenter's answer is written as built (checked under the tests).
      serializerCompiler: presentedResponse,
      config: { access: access.permission('case.read') },
    },
    async (request) => {
      const name = request.query.name;
      if (!name) return cases.list(useCase(request, db), request.query);
      // Searching by name is for those who may see names, finds only cases they work, and is audited.
      authorize(actorOf(request), 'person.reveal');
      return inTransaction(request, async (uc) =>
        cases.list(uc, request.query, await identities.caseIdsByName(uc, name)),
      );
    },
  );

  app.post(
    '/api/v1/cases',
    {
      schema: { tags, body: CaseCreate, response: { 201: CaseView } },
      config: { access: access.permission('case.create') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // The lead agency is in the body: the permission's scope is checked against it here.
      authorize(actor, 'case.create', { agencyIds: [request.body.leadAgencyId ?? actor.agencyId] });
      const view = await inTransaction(request, async (uc) =>
        cases.view(uc, await registration.create(uc, request.body)),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: { tags, params: CaseIdParams, response: { 200: CaseView } },
      config: { access: access.onCase('read') },
    },
    // A member's view decrypts free text, and that read is audited: it runs in a transaction.
    (request) => inTransaction(request, (uc) => cases.view(uc, caseGrantOf(request))),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      schema: { tags, params: CaseIdParams, body: CaseUpdate, response: { 200: CaseView } },
      config: { access: access.onCase('update') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => registration.update(uc, grant, request.body));
    },
  );
}

// --- the case's course: stage, qualifications, judicial acts, documents ---

function registerStageRoutes({ app, changeCase }: Routing): void {
  app.post(
    '/api/v1/cases/:id/transitions',
    {
      schema: { tags, params: CaseIdParams, body: TransitionBody, response: { 200: CaseView } },
      config: { access: access.onCase('transition') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => stages.transition(uc, grant, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/qualifications',
    {
      schema: { tags, params: CaseIdParams, body: QualificationChange, response: { 200: CaseView } },
      config: { access: access.onCase('update') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => stages.changeQualifications(uc, grant, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/judicial-acts',
    {
      schema: { tags, params: CaseIdParams, body: JudicialActBody, response: { 200: CaseView } },
      config: { access: access.onCase('update') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => stages.recordJudicialAct(uc, grant, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/documents',
    {
      schema: { tags, params: CaseIdParams, body: DocumentBody, response: { 200: CaseView } },
      config: { access: access.onCase('update') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => stages.addDocument(uc, grant, request.body));
    },
  );
}

// --- who works the case: agencies and members ---

function registerMembershipRoutes({ app, changeCase }: Routing): void {
  app.post(
    '/api/v1/cases/:id/agencies',
    {
      schema: { tags, params: CaseIdParams, body: AgencyBody, response: { 200: CaseView } },
      config: { access: access.onCase('manageMembers') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => membership.addAgency(uc, grant, request.body.agencyId));
    },
  );

  app.post(
    '/api/v1/cases/:id/members',
    {
      schema: { tags, params: CaseIdParams, body: MemberBody, response: { 200: CaseView } },
      config: { access: access.onCase('manageMembers') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => membership.addMember(uc, grant, request.body.userId));
    },
  );

  app.delete(
    '/api/v1/cases/:id/members/:userId',
    {
      schema: { tags, params: MemberParams, response: { 200: CaseView } },
      config: { access: access.onCase('manageMembers') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(request, grant, (uc) => membership.removeMember(uc, grant, request.params.userId));
    },
  );
}

// --- the people of a case ---

function registerPeopleRoutes({ app, db, useCase, inTransaction, changePerson }: Routing): void {
  app.post(
    '/api/v1/cases/:id/people',
    {
      schema: { tags, params: CaseIdParams, body: AddCasePerson, response: { 201: CasePersonView } },
      config: { access: access.onCase('workPeople') },
    },
    async (request, reply) => {
      const grant = caseGrantOf(request);
      const view = await inTransaction(request, (uc) => people.add(uc, grant, request.body));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/cases/:id/people/:casePersonId',
    {
      schema: { tags, params: CasePersonParams, response: { 200: CasePersonPage } },
      config: { access: access.onPerson('view') },
    },
    (request) => people.page(useCase(request, db), personGrantOf(request)),
  );

  app.patch(
    '/api/v1/cases/:id/people/:casePersonId',
    {
      schema: { tags, params: CasePersonParams, body: UpdateCasePerson, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    (request) => changePerson(request, (uc) => people.update(uc, personGrantOf(request), request.body)),
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/verdict',
    {
      schema: { tags, params: CasePersonParams, body: VerdictBody, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    (request) =>
      changePerson(request, (uc) => people.recordVerdict(uc, personGrantOf(request), request.body)),
  );

  app.post(
    '/api/v1/cases/:id/people/:casePersonId/events',
    {
      schema: { tags, params: CasePersonParams, body: HistoricEventBody, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    (request) => changePerson(request, (uc) => people.addEvent(uc, personGrantOf(request), request.body)),
  );
}

// --- identities: for those who work the person, for a stated purpose, and every reveal audited ---

function registerIdentityRoutes({ app, db, useCase, inTransaction }: Routing): void {
  app.post(
    '/api/v1/cases/:id/people/:casePersonId/reveal',
    {
      schema: { tags, params: CasePersonParams, body: RevealBody, response: { 200: IdentityView } },
      config: { access: access.onPerson('reveal') },
    },
    (request) =>
      inTransaction(request, (uc) => identities.reveal(uc, personGrantOf(request), request.body.purpose)),
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/identity',
    {
      schema: { tags, params: CasePersonParams, body: UpdateIdentity, response: { 200: IdentityView } },
      config: { access: access.onPerson('editIdentity') },
    },
    (request) =>
      inTransaction(request, (uc) => identities.updateIdentity(uc, personGrantOf(request), request.body)),
  );

  app.get(
    '/api/v1/persons/:id',
    {
      schema: { tags, params: CaseIdParams, response: { 200: PersonView } },
      config: { access: access.byHandler('person.reveal', 'people.personAcrossCases') },
    },
    (request) => identities.personAcrossCases(useCase(request, db), request.params.id),
  );
}

// --- linking a person one cannot see into one's own case: a request the person's case approves ---

function registerLinkRequestRoutes({ app, db, useCase, inTransaction }: Routing): void {
  app.post(
    '/api/v1/cases/:id/link-requests',
    {
      schema: { tags, params: CaseIdParams, body: LinkRequestBody, response: { 201: LinkRequestView } },
      config: { access: access.onCase('workPeople') },
    },
    async (request, reply) => {
      const grant = caseGrantOf(request);
      const view = await inTransaction(request, (uc) => links.request(uc, grant, request.body));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/link-requests',
    {
      schema: { tags, response: { 200: LinkRequestList } },
      config: { access: access.permission('case.read') },
    },
    (request) => links.list(useCase(request, db)),
  );

  for (const decision of ['approve', 'refuse'] as const) {
    app.post(
      `/api/v1/link-requests/:requestId/${decision}`,
      {
        schema: { tags, params: LinkRequestParams, response: { 200: LinkRequestView } },
        config: { access: access.byHandler('person.reveal', 'links.decide') },
      },
      (request) => inTransaction(request, (uc) => links.decide(uc, request.params.requestId, decision)),
    );
  }
}

// --- probable duplicates across cases: resolved by the secretariat, who sees no names ---

function registerDuplicateRoutes({ app, db, inTransaction }: Routing): void {
  app.get(
    '/api/v1/duplicates',
    {
      schema: { tags, response: { 200: z.array(DuplicateFlagView) } },
      config: { access: access.permission('duplicate.resolve') },
    },
    () => duplicates.list(db),
  );

  app.post(
    '/api/v1/duplicates/:flagId/resolution',
    {
      schema: {
        tags,
        params: DuplicateParams,
        body: DuplicateResolution,
        response: { 200: DuplicateFlagView },
      },
      config: { access: access.permission('duplicate.resolve') },
    },
    (request) =>
      inTransaction(request, (uc) => duplicates.resolve(uc, request.params.flagId, request.body.status)),
  );
}

// --- legal qualifications ---

function registerLegalQualificationRoutes({ app, db }: Routing): void {
  const listQualifications = async () =>
    (await legalQualificationsRepo.list(db)).map((q) => ({
      code: q.code,
      law: q.law,
      article: q.article,
      labels: { en: q.label_en, 'zh-Hant': q.label_zh_hant, pt: q.label_pt },
      trafficking: q.trafficking === 1,
      active: q.active === 1,
    }));

  app.get(
    '/api/v1/legal-qualifications',
    {
      schema: { tags, response: { 200: z.array(LegalQualificationView) } },
      config: { access: access.session('active') },
    },
    () => listQualifications(),
  );

  app.post(
    '/api/v1/legal-qualifications',
    {
      schema: { tags, body: LegalQualificationCreate, response: { 201: z.array(LegalQualificationView) } },
      config: { access: access.permission('legal_qualification.manage') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction().execute((tx) => legalQualificationsService.create(tx, actor, request.body));
      return reply.code(201).send(await listQualifications());
    },
  );

  app.patch(
    '/api/v1/legal-qualifications/:code',
    {
      schema: {
        tags,
        params: z.strictObject({ code: z.string().max(64) }),
        body: LegalQualificationUpdate,
        response: { 200: z.array(LegalQualificationView) },
      },
      config: { access: access.permission('legal_qualification.manage') },
    },
    async (request) => {
      const actor = actorOf(request);
      await db
        .transaction()
        .execute((tx) => legalQualificationsService.update(tx, actor, request.params.code, request.body));
      return listQualifications();
    },
  );
}
