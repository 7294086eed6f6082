import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { presentedResponse } from '../../http/presented-response.js';
import { access, caseGrantOf, personGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import {
  declareRoutes,
  type DeclaredRoutes,
  type RouteShape,
  type ShapedRequest,
} from '../declare-routes.js';
import type { UseCase } from '../use-case.js';
import type { CaseAbility, CaseGrant, PersonAbility, PersonGrant } from './case-access.js';
import { caseMembershipService as membership } from './case-membership.service.js';
import { caseRegistrationService as registration } from './case-registration.service.js';
import { caseStagesService as stages } from './case-stages.service.js';
import { caseViewService as cases } from './case-view.js';
import { duplicatesService as duplicates } from './duplicates.service.js';
import { identitiesService as identities } from './identities.service.js';
import { linkRequestsService as links } from './link-requests.service.js';
import { peopleService as people } from './people.service.js';
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

export function registerCasesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, tags);
  registerCaseRoutes(r);
  registerStageRoutes(r);
  registerMembershipRoutes(r);
  registerPeopleRoutes(r);
  registerIdentityRoutes(r);
  registerLinkRequestRoutes(r);
  registerDuplicateRoutes(r);
  registerLegalQualificationRoutes(r);
}

/**
 * The handler of a change to one case: the change runs in a transaction, and the answer is the
 * case as the actor then sees it, read in a second one. Its routes declare `transaction: false`.
 */
function changingCase<S extends RouteShape>(
  r: DeclaredRoutes,
  change: (request: ShapedRequest<S>, uc: UseCase, grant: CaseGrant) => Promise<unknown>,
): (request: ShapedRequest<S>) => Promise<CaseView> {
  return async (request) => {
    const grant = caseGrantOf(request);
    await r.inTransaction(request, (uc) => change(request, uc, grant));
    return r.inTransaction(request, (uc) => cases.view(uc, grant));
  };
}

/** The same for a change to one person of a case: the case is answered as the actor's case grant shows it. */
function changingPerson<S extends RouteShape>(
  r: DeclaredRoutes,
  change: (request: ShapedRequest<S>, uc: UseCase, grant: PersonGrant) => Promise<unknown>,
): (request: ShapedRequest<S>) => Promise<CaseView> {
  return async (request) => {
    const grant = personGrantOf(request);
    await r.inTransaction(request, (uc) => change(request, uc, grant));
    return r.inTransaction(request, async (uc) => cases.view(uc, await cases.grantOf(uc.tx, grant)));
  };
}

/** What a change to the case in `:id` declares besides its body: it answers with the case. */
const onCase = (ability: CaseAbility) =>
  ({ access: access.onCase(ability), params: CaseIdParams, response: CaseView, transaction: false }) as const;

/** The same for a change to the person `:casePersonId` of the case `:id`. */
const onPerson = (ability: PersonAbility) =>
  ({
    access: access.onPerson(ability),
    params: CasePersonParams,
    response: CaseView,
    transaction: false,
  }) as const;

// --- cases: list, register, view, correct ---

function registerCaseRoutes(r: DeclaredRoutes): void {
  r.app.get(
    '/api/v1/cases',
    {
      schema: { tags, querystring: CaseListQuery, response: { 200: CaseList } },
      // The hottest route: its presenter's answer is written as built (checked under the tests).
      serializerCompiler: presentedResponse,
      config: { access: access.permission('case.read') },
    },
    async (request) => {
      const name = request.query.name;
      if (!name) return cases.list(r.useCase(request, r.db), request.query);
      // Searching by name is for those who may see names, finds only cases they work, and is audited.
      authorize(actorOf(request), 'person.reveal');
      return r.inTransaction(request, async (uc) =>
        cases.list(uc, request.query, await identities.caseIdsByName(uc, name)),
      );
    },
  );

  r.create(
    '/api/v1/cases',
    { access: access.permission('case.create'), body: CaseCreate, response: CaseView },
    async (request, uc) => {
      // The lead agency is in the body: the permission's scope is checked against it here.
      authorize(uc.actor, 'case.create', { agencyIds: [request.body.leadAgencyId ?? uc.actor.agencyId] });
      return cases.view(uc, await registration.create(uc, request.body));
    },
  );

  // A member's view decrypts free text, and that read is audited: it runs in a transaction.
  r.get(
    '/api/v1/cases/:id',
    { access: access.onCase('read'), params: CaseIdParams, response: CaseView },
    (request, uc) => cases.view(uc, caseGrantOf(request)),
  );

  r.patch(
    '/api/v1/cases/:id',
    { ...onCase('update'), body: CaseUpdate },
    changingCase(r, (request, uc, grant) => registration.update(uc, grant, request.body)),
  );
}

// --- the case's course: stage, qualifications, judicial acts, documents ---

function registerStageRoutes(r: DeclaredRoutes): void {
  r.post(
    '/api/v1/cases/:id/transitions',
    { ...onCase('transition'), body: TransitionBody },
    changingCase(r, (request, uc, grant) => stages.transition(uc, grant, request.body)),
  );
  r.post(
    '/api/v1/cases/:id/qualifications',
    { ...onCase('update'), body: QualificationChange },
    changingCase(r, (request, uc, grant) => stages.changeQualifications(uc, grant, request.body)),
  );
  r.post(
    '/api/v1/cases/:id/judicial-acts',
    { ...onCase('update'), body: JudicialActBody },
    changingCase(r, (request, uc, grant) => stages.recordJudicialAct(uc, grant, request.body)),
  );
  r.post(
    '/api/v1/cases/:id/documents',
    { ...onCase('update'), body: DocumentBody },
    changingCase(r, (request, uc, grant) => stages.addDocument(uc, grant, request.body)),
  );
}

// --- who works the case: agencies and members ---

function registerMembershipRoutes(r: DeclaredRoutes): void {
  r.post(
    '/api/v1/cases/:id/agencies',
    { ...onCase('manageMembers'), body: AgencyBody },
    changingCase(r, (request, uc, grant) => membership.addAgency(uc, grant, request.body.agencyId)),
  );
  r.post(
    '/api/v1/cases/:id/members',
    { ...onCase('manageMembers'), body: MemberBody },
    changingCase(r, (request, uc, grant) => membership.addMember(uc, grant, request.body.userId)),
  );
  r.delete(
    '/api/v1/cases/:id/members/:userId',
    { ...onCase('manageMembers'), params: MemberParams },
    changingCase(r, (request, uc, grant) => membership.removeMember(uc, grant, request.params.userId)),
  );
}

// --- the people of a case ---

function registerPeopleRoutes(r: DeclaredRoutes): void {
  const person = '/api/v1/cases/:id/people/:casePersonId';
  r.create(
    '/api/v1/cases/:id/people',
    {
      access: access.onCase('workPeople'),
      params: CaseIdParams,
      body: AddCasePerson,
      response: CasePersonView,
    },
    (request, uc) => people.add(uc, caseGrantOf(request), request.body),
  );
  r.get(
    person,
    {
      access: access.onPerson('view'),
      params: CasePersonParams,
      response: CasePersonPage,
      transaction: false,
    },
    (request, uc) => people.page(uc, personGrantOf(request)),
  );
  r.patch(
    person,
    { ...onPerson('update'), body: UpdateCasePerson },
    changingPerson(r, (request, uc, grant) => people.update(uc, grant, request.body)),
  );
  r.put(
    `${person}/verdict`,
    { ...onPerson('update'), body: VerdictBody },
    changingPerson(r, (request, uc, grant) => people.recordVerdict(uc, grant, request.body)),
  );
  r.post(
    `${person}/events`,
    { ...onPerson('update'), body: HistoricEventBody },
    changingPerson(r, (request, uc, grant) => people.addEvent(uc, grant, request.body)),
  );
}

// --- identities: for those who work the person, for a stated purpose, and every reveal audited ---

function registerIdentityRoutes(r: DeclaredRoutes): void {
  const person = '/api/v1/cases/:id/people/:casePersonId';
  r.post(
    `${person}/reveal`,
    { access: access.onPerson('reveal'), params: CasePersonParams, body: RevealBody, response: IdentityView },
    (request, uc) => identities.reveal(uc, personGrantOf(request), request.body.purpose),
  );
  r.put(
    `${person}/identity`,
    {
      access: access.onPerson('editIdentity'),
      params: CasePersonParams,
      body: UpdateIdentity,
      response: IdentityView,
    },
    (request, uc) => identities.updateIdentity(uc, personGrantOf(request), request.body),
  );
  r.get(
    '/api/v1/persons/:id',
    {
      access: access.byHandler('person.reveal', 'people.personAcrossCases'),
      params: CaseIdParams,
      response: PersonView,
      transaction: false,
    },
    (request, uc) => identities.personAcrossCases(uc, request.params.id),
  );
}

// --- linking a person one cannot see into one's own case: a request the person's case approves ---

function registerLinkRequestRoutes(r: DeclaredRoutes): void {
  r.create(
    '/api/v1/cases/:id/link-requests',
    {
      access: access.onCase('workPeople'),
      params: CaseIdParams,
      body: LinkRequestBody,
      response: LinkRequestView,
    },
    (request, uc) => links.request(uc, caseGrantOf(request), request.body),
  );
  r.get(
    '/api/v1/link-requests',
    { access: access.permission('case.read'), response: LinkRequestList, transaction: false },
    (_request, uc) => links.list(uc),
  );
  for (const decision of ['approve', 'refuse'] as const) {
    r.post(
      `/api/v1/link-requests/:requestId/${decision}`,
      {
        access: access.byHandler('person.reveal', 'links.decide'),
        params: LinkRequestParams,
        response: LinkRequestView,
      },
      (request, uc) => links.decide(uc, request.params.requestId, decision),
    );
  }
}

// --- probable duplicates across cases: resolved by the secretariat, who sees no names ---

function registerDuplicateRoutes(r: DeclaredRoutes): void {
  const resolve = access.permission('duplicate.resolve');
  r.get(
    '/api/v1/duplicates',
    { access: resolve, response: z.array(DuplicateFlagView), transaction: false },
    (_request, uc) => duplicates.list(uc.tx),
  );
  r.post(
    '/api/v1/duplicates/:flagId/resolution',
    { access: resolve, params: DuplicateParams, body: DuplicateResolution, response: DuplicateFlagView },
    (request, uc) => duplicates.resolve(uc, request.params.flagId, request.body.status),
  );
}

// --- legal qualifications ---

function registerLegalQualificationRoutes(r: DeclaredRoutes): void {
  const manage = access.permission('legal_qualification.manage');
  const Qualifications = z.array(LegalQualificationView);

  r.get(
    '/api/v1/legal-qualifications',
    { access: access.session('active'), response: Qualifications, transaction: false },
    (_request, uc) => legalQualificationsService.list(uc.tx),
  );
  // A change answers with the whole list, read once the change is committed.
  r.create(
    '/api/v1/legal-qualifications',
    { access: manage, body: LegalQualificationCreate, response: Qualifications, transaction: false },
    async (request, uc) => {
      await r.inTransaction(request, (w) => legalQualificationsService.create(w.tx, w.actor, request.body));
      return legalQualificationsService.list(uc.tx);
    },
  );
  r.patch(
    '/api/v1/legal-qualifications/:code',
    {
      access: manage,
      params: z.strictObject({ code: z.string().max(64) }),
      body: LegalQualificationUpdate,
      response: Qualifications,
      transaction: false,
    },
    async (request, uc) => {
      await r.inTransaction(request, (w) =>
        legalQualificationsService.update(w.tx, w.actor, request.params.code, request.body),
      );
      return legalQualificationsService.list(uc.tx);
    },
  );
}
