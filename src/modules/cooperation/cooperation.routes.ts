import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { useCases } from '../use-case.js';
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

const tags = ['cooperation'];
const write = {
  access: access.byHandler(
    'cooperation.write',
    'cooperationService: the agency, and case.read on each linked case',
  ),
};

export function registerCooperationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { inTransaction } = useCases(ctx);
  const read = { access: access.permission('cooperation.read') };

  app.get(
    '/api/v1/cooperation/exchanges',
    { schema: { tags, querystring: ExchangeQuery, response: { 200: z.array(ExchangeView) } }, config: read },
    (request) => inTransaction(request, (uc) => cooperation.list(uc, request.query)),
  );

  app.get(
    '/api/v1/cooperation/exchanges/:exchangeId',
    { schema: { tags, params: ExchangeParams, response: { 200: ExchangeView } }, config: read },
    (request) => inTransaction(request, (uc) => cooperation.get(uc, request.params.exchangeId)),
  );

  app.post(
    '/api/v1/cooperation/exchanges',
    { schema: { tags, body: ExchangeBody, response: { 201: ExchangeView } }, config: write },
    async (request, reply) => {
      const view = await inTransaction(request, (uc) => cooperation.record(uc, request.body));
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/v1/cooperation/exchanges/:exchangeId',
    {
      schema: { tags, params: ExchangeParams, body: ExchangeUpdate, response: { 200: ExchangeView } },
      config: write,
    },
    (request) =>
      inTransaction(request, (uc) => cooperation.update(uc, request.params.exchangeId, request.body)),
  );
}
