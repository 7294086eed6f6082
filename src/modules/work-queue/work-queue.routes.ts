import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { useCases } from '../use-case.js';
import { WorkQueue, WorkQueueCounts } from './work-queue.schemas.js';
import { workQueueService } from './work-queue.service.js';

// Every signed-in person has a work queue; each of its parts is narrowed to what their role
// and agency reach (the service decides, part by part).

const tags = ['work-queue'];
const mine = { access: access.session('active') };

export function registerWorkQueueRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase } = useCases(ctx);

  app.get('/api/v1/work-queue', { schema: { tags, response: { 200: WorkQueue } }, config: mine }, (request) =>
    workQueueService.queue(useCase(request, db)),
  );

  app.get(
    '/api/v1/work-queue/counts',
    { schema: { tags, response: { 200: WorkQueueCounts } }, config: mine },
    (request) => workQueueService.counts(useCase(request, db)),
  );
}
