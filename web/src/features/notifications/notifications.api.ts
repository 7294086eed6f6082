import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  MarkReadResult,
  NotificationPage,
  type MarkReadBody,
  type NotificationView,
} from '../../../../src/modules/notifications/notifications.schemas.js';
import { WorkQueue, WorkQueueCounts } from '../../../../src/modules/work-queue/work-queue.schemas.js';
import { request } from '../../api/http.js';
import { cursorPagesQuery } from '../../api/pages.js';

export type Notification = z.output<typeof NotificationView>;
export type Queue = z.output<typeof WorkQueue>;
export type QueueCounts = z.output<typeof WorkQueueCounts>;

/** Notifications, the work queue and the menu's counts change together: one key prefix. */
export const notificationsKey = ['notifications'] as const;
export const workQueueKey = ['work-queue'] as const;

export const notificationsQuery = (unreadOnly: boolean) =>
  cursorPagesQuery(
    [...notificationsKey, 'list', unreadOnly],
    NotificationPage,
    '/api/v1/notifications',
    { unread: unreadOnly ? 'true' : null },
    { limit: 20 },
  );

/** The bell's and the menu's numbers; looked at again every minute while the app is open. */
export const countsQuery = queryOptions({
  queryKey: [...workQueueKey, 'counts'],
  queryFn: () => request(WorkQueueCounts, 'GET', '/api/v1/work-queue/counts'),
  refetchInterval: 60_000,
});

export const workQueueQuery = queryOptions({
  queryKey: [...workQueueKey, 'queue'],
  queryFn: () => request(WorkQueue, 'GET', '/api/v1/work-queue'),
});

export const notificationsApi = {
  markRead: (body: MarkReadBody) => request(MarkReadResult, 'POST', '/api/v1/notifications/read', body),
};
