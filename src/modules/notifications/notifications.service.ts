import { uuidv7 } from 'uuidv7';
import type { Permission } from '../../core/permissions.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import type { Executor } from '../../db/schema.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { presentNotifications } from './notifications.presenter.js';
import type { MarkReadBody, NotificationPage, NotificationQuery } from './notifications.schemas.js';
import { checkParams, type NotificationKind, type NotificationParams } from './notification-kinds.js';
import { notificationsRepo } from './notifications.repo.js';

export type { NotificationKind, NotificationParams } from './notification-kinds.js';

/** Who caused the notification and when: the use case's actor and instant. */
export type NotifyStamp = { by?: string | null; now?: string };

/**
 * Notifies users of something that just happened. FOR OTHER MODULES: call it inside the same
 * transaction as the change it tells of (pass the use case's `tx`), so a rolled-back change
 * notifies nobody:
 *
 * ```ts
 * import { notify, recipients } from '../notifications/notifications.service.js';
 * await notify(tx, await recipients.ofAgencyWhoMay(tx, agencyId, 'progress.report'),
 *   'progress.returned', { taskId, progressId }, { by: actor.userId, now });
 * ```
 *
 * - `kind` is one of `notificationKinds` (notification-kinds.ts); add a kind there, with its
 *   texts in `locales/<lang>/notifications.json` (`kind.<kind>`), when you need a new one.
 * - `params` are ids, codes and dates only, exactly the kind's keys: a name, a reference or a
 *   sentence throws (nothing personal is stored in clear; the reader's view is looked up when
 *   read, with the reader's rights then).
 * - `recipients` are user ids; duplicates, disabled accounts and the actor (`stamp.by`: one is
 *   not told of one's own act) are dropped. Returns how many were notified.
 */
export async function notify<K extends NotificationKind>(
  tx: Executor,
  recipientIds: readonly string[],
  kind: K,
  params: NotificationParams<K>,
  stamp: NotifyStamp = {},
): Promise<number> {
  const checked = JSON.stringify(checkParams(kind, params as Record<string, unknown>));
  const by = stamp.by ?? null;
  const now = stamp.now ?? new Date().toISOString();
  const wanted = [...new Set(recipientIds)].filter((id) => id !== by);
  const active = await notificationsRepo.activeUsers(tx, wanted);
  await notificationsRepo.insert(
    tx,
    active.map((recipient_id) => ({
      id: uuidv7(),
      recipient_id,
      kind,
      params: checked,
      created_at: now,
      created_by: by,
      read_at: null,
      digested_at: null,
    })),
  );
  return active.length;
}

/** Ways to name recipients by what they may do, for `notify`. */
export const recipients = {
  /** The active users of one agency whose roles grant the permission (e.g. a referral's receivers). */
  ofAgencyWhoMay: (tx: Executor, agencyId: string, permission: Permission) =>
    notificationsRepo.usersWhoMay(tx, permission, agencyId),
  /** The active users of any agency whose roles grant the permission (e.g. `progress.validate`). */
  whoMay: (tx: Executor, permission: Permission) => notificationsRepo.usersWhoMay(tx, permission),
};

/** The signed-in user's own notifications: only ever their own, whatever their role. */
export const notificationsService = {
  async list({ tx, actor }: UseCase, query: NotificationQuery): Promise<NotificationPage> {
    const rows = await notificationsRepo.list(tx, actor.userId, {
      limit: query.limit,
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      ...(query.unread === 'true' ? { unreadOnly: true } : {}),
    });
    const last = rows.at(-1);
    return {
      items: await presentNotifications(tx, actor, rows),
      nextCursor: rows.length === query.limit && last ? encodeCursor(last.created_at, last.id) : null,
      unread: await notificationsRepo.unreadCount(tx, actor.userId),
    };
  },

  unread: ({ tx, actor }: UseCase) => notificationsRepo.unreadCount(tx, actor.userId),

  /** Ids that are not the actor's, or already read, are passed over: nobody marks another's. */
  async markRead({ tx, actor, now }: UseCase, body: MarkReadBody) {
    const marked = await notificationsRepo.markRead(tx, actor.userId, 'all' in body ? 'all' : body.ids, now);
    if (marked > 0)
      await auditService.record(tx, actor, 'notification.read', {
        entityType: 'user',
        entityId: actor.userId,
        summary: { notifications: marked },
      });
    return { marked, unread: await notificationsRepo.unreadCount(tx, actor.userId) };
  },
};
