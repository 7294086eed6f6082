import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access, caseGrantOf, personGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import type { CaseGrant } from './case-access.js';
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
import { createCasesService } from './cases.service.js';
import {
  LegalQualificationCreate,
  LegalQualificationUpdate,
  legalQualificationsService,
} from './legal-qualifications.service.js';

// Each route declares its access (src/http/route-access.ts); the grant it obtains is the
// only way into the use cases that touch a case or a person.

export function registerCasesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const cases = createCasesService(ctx.cipher);
  const tags = ['cases'];

  /** Runs a change to one case in a transaction; answers with the case as the actor sees it. */
  async function changeCase(grant: CaseGrant, work: (tx: typeof db) => Promise<unknown>) {
    await db.transaction().execute((tx) => work(tx));
    return db.transaction().execute((tx) => cases.view(tx, grant));
  }

  app.get(
    '/api/v1/cases',
    {
      schema: { tags, querystring: CaseListQuery, response: { 200: CaseList } },
      config: { access: access.permission('case.read') },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!request.query.name) return cases.list(db, actor, request.query);
      // Searching by name is for those who may see names, finds only cases they work, and is audited.
      authorize(actor, 'person.reveal');
      return db.transaction().execute(async (tx) => {
        const caseIds = await cases.people.caseIdsByName(tx, actor, request.query.name!);
        return cases.list(tx, actor, request.query, caseIds);
      });
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
      const view = await db.transaction().execute(async (tx) => {
        const grant = await cases.create(tx, actor, request.body, ctx.today());
        return cases.view(tx, grant);
      });
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
    (request) => db.transaction().execute((tx) => cases.view(tx, caseGrantOf(request))),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      schema: { tags, params: CaseIdParams, body: CaseUpdate, response: { 200: CaseView } },
      config: { access: access.onCase('update') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(grant, (tx) => cases.update(tx, grant, request.body, ctx.today()));
    },
  );

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      schema: { tags, params: CaseIdParams, body: TransitionBody, response: { 200: CaseView } },
      config: { access: access.onCase('transition') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(grant, (tx) => cases.transition(tx, grant, request.body, ctx.today()));
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
      return changeCase(grant, (tx) => cases.changeQualifications(tx, grant, request.body));
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
      return changeCase(grant, (tx) => cases.recordJudicialAct(tx, grant, request.body, ctx.today()));
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
      return changeCase(grant, (tx) => cases.addDocument(tx, grant, request.body, ctx.today()));
    },
  );

  app.post(
    '/api/v1/cases/:id/agencies',
    {
      schema: { tags, params: CaseIdParams, body: AgencyBody, response: { 200: CaseView } },
      config: { access: access.onCase('manageMembers') },
    },
    (request) => {
      const grant = caseGrantOf(request);
      return changeCase(grant, (tx) => cases.addAgency(tx, grant, request.body.agencyId));
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
      return changeCase(grant, (tx) => cases.addMember(tx, grant, request.body.userId));
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
      return changeCase(grant, (tx) => cases.removeMember(tx, grant, request.params.userId));
    },
  );

  app.post(
    '/api/v1/cases/:id/people',
    {
      schema: { tags, params: CaseIdParams, body: AddCasePerson, response: { 201: CasePersonView } },
      config: { access: access.onCase('workPeople') },
    },
    async (request, reply) => {
      const grant = caseGrantOf(request);
      const view = await db
        .transaction()
        .execute((tx) => cases.people.add(tx, grant, request.body, ctx.today()));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/cases/:id/people/:casePersonId',
    {
      schema: { tags, params: CasePersonParams, response: { 200: CasePersonPage } },
      config: { access: access.onPerson('view') },
    },
    (request) => cases.people.page(db, personGrantOf(request)),
  );

  app.patch(
    '/api/v1/cases/:id/people/:casePersonId',
    {
      schema: { tags, params: CasePersonParams, body: UpdateCasePerson, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    async (request) => {
      const grant = personGrantOf(request);
      await db.transaction().execute((tx) => cases.people.update(tx, grant, request.body));
      return db.transaction().execute(async (tx) => cases.view(tx, await cases.grantOf(tx, grant)));
    },
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/verdict',
    {
      schema: { tags, params: CasePersonParams, body: VerdictBody, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    async (request) => {
      const grant = personGrantOf(request);
      await db
        .transaction()
        .execute((tx) => cases.people.recordVerdict(tx, grant, request.body, ctx.today()));
      return db.transaction().execute(async (tx) => cases.view(tx, await cases.grantOf(tx, grant)));
    },
  );

  app.post(
    '/api/v1/cases/:id/people/:casePersonId/events',
    {
      schema: { tags, params: CasePersonParams, body: HistoricEventBody, response: { 200: CaseView } },
      config: { access: access.onPerson('update') },
    },
    async (request) => {
      const grant = personGrantOf(request);
      await db.transaction().execute((tx) => cases.people.addEvent(tx, grant, request.body, ctx.today()));
      return db.transaction().execute(async (tx) => cases.view(tx, await cases.grantOf(tx, grant)));
    },
  );

  // The identity of a person: for those who work the person, for a stated purpose, and every reveal audited.
  app.post(
    '/api/v1/cases/:id/people/:casePersonId/reveal',
    {
      schema: { tags, params: CasePersonParams, body: RevealBody, response: { 200: IdentityView } },
      config: { access: access.onPerson('reveal') },
    },
    (request) =>
      db.transaction().execute((tx) => cases.people.reveal(tx, personGrantOf(request), request.body.purpose)),
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/identity',
    {
      schema: { tags, params: CasePersonParams, body: UpdateIdentity, response: { 200: IdentityView } },
      config: { access: access.onPerson('editIdentity') },
    },
    (request) =>
      db
        .transaction()
        .execute((tx) => cases.people.updateIdentity(tx, personGrantOf(request), request.body, ctx.today())),
  );

  app.get(
    '/api/v1/persons/:id',
    {
      schema: { tags, params: CaseIdParams, response: { 200: PersonView } },
      config: { access: access.byHandler('person.reveal', 'people.personAcrossCases') },
    },
    (request) => cases.people.personAcrossCases(db, actorOf(request), request.params.id),
  );

  // --- linking a person one cannot see into one's own case: a request the person's case approves ---

  app.post(
    '/api/v1/cases/:id/link-requests',
    {
      schema: { tags, params: CaseIdParams, body: LinkRequestBody, response: { 201: LinkRequestView } },
      config: { access: access.onCase('workPeople') },
    },
    async (request, reply) => {
      const grant = caseGrantOf(request);
      const view = await db.transaction().execute((tx) => cases.links.request(tx, grant, request.body));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/v1/link-requests',
    {
      schema: { tags, response: { 200: LinkRequestList } },
      config: { access: access.permission('case.read') },
    },
    (request) => cases.links.list(db, actorOf(request)),
  );

  for (const decision of ['approve', 'refuse'] as const) {
    app.post(
      `/api/v1/link-requests/:requestId/${decision}`,
      {
        schema: { tags, params: LinkRequestParams, response: { 200: LinkRequestView } },
        config: { access: access.byHandler('person.reveal', 'links.decide') },
      },
      (request) =>
        db
          .transaction()
          .execute((tx) => cases.links.decide(tx, actorOf(request), request.params.requestId, decision)),
    );
  }

  // --- probable duplicates across cases: resolved by the secretariat, who sees no names ---

  app.get(
    '/api/v1/duplicates',
    {
      schema: { tags, response: { 200: z.array(DuplicateFlagView) } },
      config: { access: access.permission('duplicate.resolve') },
    },
    () => cases.duplicates.list(db),
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
      db
        .transaction()
        .execute((tx) =>
          cases.duplicates.resolve(tx, actorOf(request), request.params.flagId, request.body.status),
        ),
  );

  // --- legal qualifications ---

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
