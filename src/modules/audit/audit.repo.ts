import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { AuditLogTable, Executor } from '../../db/schema.js';
import { keyedStartAction } from './audit-chain.js';

/** Written by migration 0005-keyed-audit. */
export const sha256EndSetting = 'audit.sha256_end';

export type AuditRow = Selectable<AuditLogTable>;

export type AuditFilter = {
  action?: string;
  actorId?: string;
  entityId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
};

export const auditRepo = {
  /**
   * Serialises writers of the trail for the rest of the transaction. SQLite already
   * allows one writer at a time; on PostgreSQL two transactions could otherwise read the
   * same tail and both try to append after it.
   */
  async lockTail(db: Executor): Promise<void> {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(4242001)`.execute(db);
    }
  },

  tail(db: Executor) {
    return db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async insert(db: Executor, row: AuditRow): Promise<void> {
    await db.insertInto('audit_log').values(row).execute();
    // The head is kept apart from the trail so that cutting entries off its end shows too.
    const head = `${row.seq}:${row.hash}`;
    await db
      .insertInto('instance_settings')
      .values({ key: 'audit.head', value: head })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
      .execute();
  },

  async head(db: Executor): Promise<{ seq: number; hash: string } | null> {
    const row = await db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', 'audit.head')
      .executeTakeFirst();
    if (!row) return null;
    const [seq = '', hash = ''] = row.value.split(':');
    return { seq: Number(seq), hash };
  },

  /** The entry from which the trail is HMAC-chained, if keying has begun (indexed by action). */
  keyedStart(db: Executor) {
    return db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('action', '=', keyedStartAction)
      .orderBy('seq', 'asc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Where migration 0005 found the SHA-256 trail to end (`seq:hash`), if it ran on this database. */
  async sha256End(db: Executor): Promise<string | null> {
    const row = await db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', sha256EndSetting)
      .executeTakeFirst();
    return row?.value ?? null;
  },

  /** Entries in chain order, one page at a time, so verification runs in constant memory. */
  page(db: Executor, afterSeq: number, size: number) {
    return db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(size)
      .execute();
  },

  search(db: Executor, filter: AuditFilter) {
    let query = db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .leftJoin('agencies', 'agencies.id', 'audit_log.actor_agency_id')
      .selectAll('audit_log')
      .select([
        'users.email as actor_email',
        'users.name as actor_name',
        'agencies.code as actor_agency_code',
      ]);
    if (filter.action) query = query.where('audit_log.action', '=', filter.action);
    if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
    if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
    if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
    if (filter.to) query = query.where('audit_log.at', '<', filter.to);
    if (filter.beforeSeq !== undefined) query = query.where('audit_log.seq', '<', filter.beforeSeq);
    return query.orderBy('audit_log.seq', 'desc').limit(filter.limit).execute();
  },
};
