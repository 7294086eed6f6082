import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { CasePersonParams } from '../cases/cases.schemas.js';
import { useCases } from '../use-case.js';
import { dataRequestsService as requests } from './data-requests.service.js';
import {
  CarryOutBody,
  DataRequestBody,
  DataRequestList,
  DataRequestParams,
  DataRequestQuery,
  DataRequestView,
  RefuseBody,
} from './retention.schemas.js';

// A victim's requests to erase or correct their identity. Every route needs
// `data_request.manage`; which person and request the actor reaches is decided in
// data-requests.service.ts (the lead agency of the case, and need-to-know on the person).

const tags = ['retention'];
const handled = { access: access.byHandler('data_request.manage', 'dataRequests.reachPerson') };

export function registerRetentionRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { inTransaction } = useCases(ctx);

  app.get(
    '/api/v1/data-requests',
    {
      schema: { tags, querystring: DataRequestQuery, response: { 200: DataRequestList } },
      config: { access: access.permission('data_request.manage') },
    },
    (request) => inTransaction(request, (uc) => requests.list(uc, request.query)),
  );

  app.post(
    '/api/v1/cases/:id/people/:casePersonId/data-requests',
    {
      schema: { tags, params: CasePersonParams, body: DataRequestBody, response: { 201: DataRequestView } },
      config: handled,
    },
    async (request, reply) => {
      const { id, casePersonId } = request.params;
      const view = await inTransaction(request, (uc) => requests.record(uc, id, casePersonId, request.body));
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/api/v1/data-requests/:requestId/refuse',
    {
      schema: { tags, params: DataRequestParams, body: RefuseBody, response: { 200: DataRequestView } },
      config: handled,
    },
    (request) => inTransaction(request, (uc) => requests.refuse(uc, request.params.requestId, request.body)),
  );

  app.post(
    '/api/v1/data-requests/:requestId/carry-out',
    {
      schema: { tags, params: DataRequestParams, body: CarryOutBody, response: { 200: DataRequestView } },
      config: handled,
    },
    (request) =>
      inTransaction(request, (uc) => requests.carryOut(uc, request.params.requestId, request.body)),
  );
}
