import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
import {
  ExchangeBody,
  ExchangeParams,
  ExchangeQuery,
  ExchangeUpdate,
  ExchangeView,
} from './cooperation.schemas.js';
import { cooperationService as cooperation } from './cooperation.service.js';

// The cooperation log: `cooperation.read` lists it (linked cases shown as the reader may see
// them); writing needs `cooperation.write` reaching the exchange's agency, and linking a case
// the right to read that case — both decided in the service.

const read = access.permission('cooperation.read');
const write = access.byHandler(
  'cooperation.write',
  'cooperationService: the agency, and case.read on each linked case',
);

export function registerCooperationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['cooperation']);
  const one = '/api/v1/cooperation/exchanges/:exchangeId';

  r.get(
    '/api/v1/cooperation/exchanges',
    { access: read, querystring: ExchangeQuery, response: z.array(ExchangeView) },
    (request, uc) => cooperation.list(uc, request.query),
  );
  r.get(one, { access: read, params: ExchangeParams, response: ExchangeView }, (request, uc) =>
    cooperation.get(uc, request.params.exchangeId),
  );
  r.create(
    '/api/v1/cooperation/exchanges',
    { access: write, body: ExchangeBody, response: ExchangeView },
    (request, uc) => cooperation.record(uc, request.body),
  );
  r.patch(
    one,
    { access: write, params: ExchangeParams, body: ExchangeUpdate, response: ExchangeView },
    (request, uc) => cooperation.update(uc, request.params.exchangeId, request.body),
  );
}
