import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GuiaError } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { AppContext } from '../../http/context.js';
import { actorOf, requireSession } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import { authorizeCase, caseScope } from './cases.policy.js';
import { legalQualificationsRepo, personsRepo } from './cases.repo.js';
import {
  AddCasePerson,
  AgencyBody,
  CaseCreate,
  CaseIdParams,
  CaseList,
  CaseListQuery,
  CasePersonParams,
  CasePersonView,
  CaseUpdate,
  CaseView,
  DocumentBody,
  HistoricEventBody,
  IdentityView,
  JudicialActBody,
  LegalQualificationView,
  MemberBody,
  MemberParams,
  PersonView,
  QualificationChange,
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

export function registerCasesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const cases = createCasesService(ctx.cipher);
  const signedIn = requireSession(ctx.database);
  const tags = ['cases'];

  /** Runs a change to one case in a transaction, after checking the permission reaches it; answers with the case. */
  async function changeCase(
    request: FastifyRequest,
    caseId: string,
    permission: Parameters<typeof authorizeCase>[2],
    work: (tx: Executor) => Promise<unknown>,
  ) {
    const actor = actorOf(request);
    await db.transaction().execute(async (tx) => {
      await authorizeCase(tx, actor, permission, caseId);
      await work(tx);
    });
    return cases.view(db, actor, caseId);
  }

  app.get(
    '/api/v1/cases',
    { schema: { tags, querystring: CaseListQuery, response: { 200: CaseList } }, preHandler: signedIn },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'case.read');
      let caseIds: string[] | undefined;
      if (request.query.name) {
        // Searching by name is for those who may see names, and finds only their own cases.
        authorize(actor, 'person.reveal');
        const byName = await cases.people.caseIdsByName(db, request.query.name);
        const own = new Set(
          (
            await db
              .selectFrom('case_members')
              .select('case_id')
              .where('user_id', '=', actor.userId)
              .execute()
          ).map((r) => r.case_id),
        );
        caseIds = byName.filter((id) => own.has(id));
      }
      return cases.list(db, actor, request.query, caseIds);
    },
  );

  app.post(
    '/api/v1/cases',
    { schema: { tags, body: CaseCreate, response: { 201: CaseView } }, preHandler: signedIn },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'case.create', { agencyIds: [request.body.leadAgencyId ?? actor.agencyId] });
      const id = await db.transaction().execute((tx) => cases.create(tx, actor, request.body, ctx.today()));
      return reply.code(201).send(await cases.view(db, actor, id));
    },
  );

  app.get(
    '/api/v1/cases/:id',
    { schema: { tags, params: CaseIdParams, response: { 200: CaseView } }, preHandler: signedIn },
    async (request) => {
      const actor = actorOf(request);
      await authorizeCase(db, actor, 'case.read', request.params.id);
      return cases.view(db, actor, request.params.id);
    },
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      schema: { tags, params: CaseIdParams, body: CaseUpdate, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.update(tx, actorOf(request), request.params.id, request.body, ctx.today()),
      ),
  );

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      schema: { tags, params: CaseIdParams, body: TransitionBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.transition', (tx) =>
        cases.transition(tx, actorOf(request), request.params.id, request.body, ctx.today()),
      ),
  );

  app.post(
    '/api/v1/cases/:id/qualifications',
    {
      schema: { tags, params: CaseIdParams, body: QualificationChange, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.changeQualifications(tx, actorOf(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/cases/:id/judicial-acts',
    {
      schema: { tags, params: CaseIdParams, body: JudicialActBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.recordJudicialAct(tx, actorOf(request), request.params.id, request.body, ctx.today()),
      ),
  );

  app.post(
    '/api/v1/cases/:id/documents',
    {
      schema: { tags, params: CaseIdParams, body: DocumentBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.addDocument(tx, actorOf(request), request.params.id, request.body, ctx.today()),
      ),
  );

  app.post(
    '/api/v1/cases/:id/agencies',
    {
      schema: { tags, params: CaseIdParams, body: AgencyBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.addAgency(tx, actorOf(request), request.params.id, request.body.agencyId),
      ),
  );

  app.post(
    '/api/v1/cases/:id/members',
    {
      schema: { tags, params: CaseIdParams, body: MemberBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.addMember(tx, actorOf(request), request.params.id, request.body.userId),
      ),
  );

  app.delete(
    '/api/v1/cases/:id/members/:userId',
    { schema: { tags, params: MemberParams, response: { 200: CaseView } }, preHandler: signedIn },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.removeMember(tx, actorOf(request), request.params.id, request.params.userId),
      ),
  );

  app.post(
    '/api/v1/cases/:id/people',
    {
      schema: { tags, params: CaseIdParams, body: AddCasePerson, response: { 201: CasePersonView } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await db.transaction().execute(async (tx) => {
        await authorizeCase(tx, actor, 'case.update', request.params.id);
        return cases.people.add(tx, actor, request.params.id, request.body, ctx.today());
      });
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/cases/:id/people/:casePersonId',
    {
      schema: { tags, params: CasePersonParams, body: UpdateCasePerson, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.people.update(
          tx,
          actorOf(request),
          request.params.id,
          request.params.casePersonId,
          request.body,
        ),
      ),
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/verdict',
    {
      schema: { tags, params: CasePersonParams, body: VerdictBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.people.recordVerdict(
          tx,
          actorOf(request),
          request.params.id,
          request.params.casePersonId,
          request.body,
          ctx.today(),
        ),
      ),
  );

  app.post(
    '/api/v1/cases/:id/people/:casePersonId/events',
    {
      schema: { tags, params: CasePersonParams, body: HistoricEventBody, response: { 200: CaseView } },
      preHandler: signedIn,
    },
    (request) =>
      changeCase(request, request.params.id, 'case.update', (tx) =>
        cases.people.addEvent(
          tx,
          actorOf(request),
          request.params.id,
          request.params.casePersonId,
          request.body,
          ctx.today(),
        ),
      ),
  );

  // The identity of a person: members of the case only, and every reveal audited.
  app.post(
    '/api/v1/cases/:id/people/:casePersonId/reveal',
    { schema: { tags, params: CasePersonParams, response: { 200: IdentityView } }, preHandler: signedIn },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction().execute(async (tx) => {
        await authorizeCase(tx, actor, 'person.reveal', request.params.id);
        return cases.people.reveal(tx, actor, request.params.id, request.params.casePersonId);
      });
    },
  );

  app.put(
    '/api/v1/cases/:id/people/:casePersonId/identity',
    {
      schema: { tags, params: CasePersonParams, body: UpdateIdentity, response: { 200: IdentityView } },
      preHandler: signedIn,
    },
    async (request) => {
      const actor = actorOf(request);
      return db.transaction().execute(async (tx) => {
        await authorizeCase(tx, actor, 'person.reveal', request.params.id);
        await authorizeCase(tx, actor, 'case.update', request.params.id);
        return cases.people.updateIdentity(
          tx,
          actor,
          request.params.id,
          request.params.casePersonId,
          request.body,
          ctx.today(),
        );
      });
    },
  );

  app.get(
    '/api/v1/persons/:id',
    { schema: { tags, params: CaseIdParams, response: { 200: PersonView } }, preHandler: signedIn },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'case.read');
      const person = await personsRepo.get(db, request.params.id);
      if (!person) throw new GuiaError('resource.not_found', { entity: 'person' });
      const readable = [];
      for (const entry of await personsRepo.cases(db, person.id)) {
        if (can(actor, 'case.read', await caseScope(db, entry.caseId))) readable.push(entry);
      }
      // A person in no case the actor can read is, for that actor, not there at all.
      if (readable.length === 0) throw new GuiaError('resource.not_found', { entity: 'person' });
      return {
        id: person.id,
        pseudonym: person.pseudonym,
        gender: person.gender,
        citizenship: JSON.parse(person.citizenship) as string[],
        cases: readable.map((c) => ({ ...c, role: c.role as 'victim', stage: c.stage as 'reported' })),
      };
    },
  );

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
    { schema: { tags, response: { 200: z.array(LegalQualificationView) } }, preHandler: signedIn },
    () => listQualifications(),
  );

  app.post(
    '/api/v1/legal-qualifications',
    {
      schema: { tags, body: LegalQualificationCreate, response: { 201: z.array(LegalQualificationView) } },
      preHandler: signedIn,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'legal_qualification.manage');
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
      preHandler: signedIn,
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'legal_qualification.manage');
      await db
        .transaction()
        .execute((tx) => legalQualificationsService.update(tx, actor, request.params.code, request.body));
      return listQualifications();
    },
  );
}
