import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { useCases } from '../use-case.js';
import {
  MarkReadBody,
  MarkReadResult,
  NotificationPage,
  NotificationQuery,
  UnreadCount,
} from './notifications.schemas.js';
import { notificationsService as notifications } from './notifications.service.js';

// Everyone signed in has a notification centre; each route reaches the caller's own
// notifications only (the recipient is the session's user, never a parameter).

const tags = ['notifications'];
const mine = { access: access.session('active') };

export function registerNotificationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase, inTransaction } = useCases(ctx);

  app.get(
    '/api/v1/notifications',
    { schema: { tags, querystring: NotificationQuery, response: { 200: NotificationPage } }, config: mine },
    (request) => notifications.list(useCase(request, db), request.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { schema: { tags, response: { 200: UnreadCount } }, config: mine },
    async (request) => ({ unread: await notifications.unread(useCase(request, db)) }),
  );

  app.post(
    '/api/v1/notifications/read',
    { schema: { tags, body: MarkReadBody, response: { 200: MarkReadResult } }, config: mine },
    (request) => inTransaction(request, (uc) => notifications.markRead(uc, request.body)),
  );
}
