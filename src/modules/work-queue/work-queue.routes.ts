import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
import { WorkQueue, WorkQueueCounts } from './work-queue.schemas.js';
import { workQueueService } from './work-queue.service.js';

// Every signed-in person has a work queue; each of its parts is narrowed to what their role
// and agency reach (the service decides, part by part).

const mine = { access: access.session('active'), transaction: false } as const;

export function registerWorkQueueRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['work-queue']);
  r.get('/api/v1/work-queue', { ...mine, response: WorkQueue }, (_request, uc) => workQueueService.queue(uc));
  r.get('/api/v1/work-queue/counts', { ...mine, response: WorkQueueCounts }, (_request, uc) =>
    workQueueService.counts(uc),
  );
}
