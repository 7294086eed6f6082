import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
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

const mine = access.session('active');

export function registerNotificationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['notifications']);

  r.get(
    '/api/v1/notifications',
    { access: mine, querystring: NotificationQuery, response: NotificationPage, transaction: false },
    (request, uc) => notifications.list(uc, request.query),
  );

  r.get(
    '/api/v1/notifications/unread-count',
    { access: mine, response: UnreadCount, transaction: false },
    async (_request, uc) => ({ unread: await notifications.unread(uc) }),
  );

  r.post(
    '/api/v1/notifications/read',
    { access: mine, body: MarkReadBody, response: MarkReadResult },
    (request, uc) => notifications.markRead(uc, request.body),
  );
}
