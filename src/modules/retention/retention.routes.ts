import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { CasePersonParams } from '../cases/cases.schemas.js';
import { declareRoutes } from '../declare-routes.js';
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
  const r = declareRoutes(root, ctx, tags);

  r.get(
    '/api/v1/data-requests',
    {
      access: access.permission('data_request.manage'),
      querystring: DataRequestQuery,
      response: DataRequestList,
    },
    (request, uc) => requests.list(uc, request.query),
  );
  r.create(
    '/api/v1/cases/:id/people/:casePersonId/data-requests',
    { ...handled, params: CasePersonParams, body: DataRequestBody, response: DataRequestView },
    (request, uc) => requests.record(uc, request.params.id, request.params.casePersonId, request.body),
  );
  r.post(
    '/api/v1/data-requests/:requestId/refuse',
    { ...handled, params: DataRequestParams, body: RefuseBody, response: DataRequestView },
    (request, uc) => requests.refuse(uc, request.params.requestId, request.body),
  );
  r.post(
    '/api/v1/data-requests/:requestId/carry-out',
    { ...handled, params: DataRequestParams, body: CarryOutBody, response: DataRequestView },
    (request, uc) => requests.carryOut(uc, request.params.requestId, request.body),
  );
}
