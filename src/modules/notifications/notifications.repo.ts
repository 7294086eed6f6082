import type { Insertable, Selectable } from 'kysely';
import type { Permission } from '../../core/permissions.js';
import { olderThan } from '../../db/keyset.js';
import type { Executor, NotificationTable } from '../../db/schema.js';
import { claimDay } from '../../operations/daily-claim.repo.js';

export type NotificationRow = Selectable<NotificationTable>;

export const notificationsRepo = {
  async insert(db: Executor, rows: Insertable<NotificationTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
  },

  /** The recipient's notifications, newest first, a page after `after`. */
  list(
    db: Executor,
    recipientId: string,
    page: { after?: { date: string; id: string }; limit: number; unreadOnly?: boolean },
  ): Promise<NotificationRow[]> {
    let query = db
      .selectFrom('notifications')
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit);
    if (page.after) query = query.where(olderThan('created_at', 'id', page.after));
    if (page.unreadOnly) query = query.where('read_at', 'is', null);
    return query.execute();
  },

  async unreadCount(db: Executor, recipientId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('recipient_id', '=', recipientId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Marks the recipient's unread notifications read (those given, or all): how many changed. */
  async markRead(db: Executor, recipientId: string, ids: readonly string[] | 'all', at: string) {
    if (ids !== 'all' && ids.length === 0) return 0;
    let query = db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('recipient_id', '=', recipientId)
      .where('read_at', 'is', null);
    if (ids !== 'all') query = query.where('id', 'in', ids);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** Unread notifications not yet carried by a digest, made before `before` (an instant). */
  undigested(db: Executor, recipientId: string, before: string): Promise<NotificationRow[]> {
    return db
      .selectFrom('notifications')
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .where('read_at', 'is', null)
      .where('digested_at', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  async markDigested(db: Executor, ids: readonly string[], at: string): Promise<void> {
    if (ids.length > 0)
      await db.updateTable('notifications').set({ digested_at: at }).where('id', 'in', ids).execute();
  },

  /** Active users whose roles grant `permission`, of one agency or of any. */
  async usersWhoMay(db: Executor, permission: Permission, agencyId?: string): Promise<string[]> {
    let query = db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
      .select('users.id')
      .distinct()
      .where('users.active', '=', 1)
      .where('role_permissions.permission', '=', permission);
    if (agencyId) query = query.where('users.agency_id', '=', agencyId);
    return (await query.orderBy('users.id').execute()).map((row) => row.id);
  },

  /** Which of these users are active (a disabled account is not notified). */
  async activeUsers(db: Executor, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', userIds)
      .where('active', '=', 1)
      .execute();
    return rows.map((row) => row.id);
  },
};

/** The few facts a notification names, read when it is shown (never stored with it). */
export const notificationFactsRepo = {
  async caseReference(db: Executor, caseId: string): Promise<string | null> {
    const row = await db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirst();
    return row?.reference ?? null;
  },
  async pseudonymOf(db: Executor, casePersonId: string): Promise<string | null> {
    const row = await db
      .selectFrom('case_persons')
      .innerJoin('persons', 'persons.id', 'case_persons.person_id')
      .select('persons.pseudonym')
      .where('case_persons.id', '=', casePersonId)
      .executeTakeFirst();
    return row?.pseudonym ?? null;
  },
  async agencyCode(db: Executor, agencyId: string): Promise<string | null> {
    const row = await db.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirst();
    return row?.code ?? null;
  },
};

const digestDayKey = 'digest.last_day';

/** The day the last digest went out, so several Guia processes send it once a day between them. */
export const digestDayRepo = {
  /** Takes `day` for this process unless a digest of that day (or later) was sent: true if taken. */
  claim: (db: Executor, day: string): Promise<boolean> => claimDay(db, digestDayKey, day),
};
