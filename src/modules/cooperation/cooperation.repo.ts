import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CooperationExchangeTable, Executor } from '../../db/schema.js';
import { updateVersionedOrStale } from '../../db/versioned.js';

export type ExchangeRow = Selectable<CooperationExchangeTable>;

export type ExchangeFilter = {
  kind?: string | undefined;
  counterpartKind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export const cooperationRepo = {
  get: (db: Executor, id: string) =>
    db.selectFrom('cooperation_exchanges').selectAll().where('id', '=', id).executeTakeFirst(),

  list: (db: Executor, filter: ExchangeFilter) =>
    db
      .selectFrom('cooperation_exchanges')
      .selectAll()
      .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind ?? ''))
      .$if(filter.counterpartKind !== undefined, (q) =>
        q.where('counterpart_kind', '=', filter.counterpartKind ?? ''),
      )
      .$if(filter.from !== undefined, (q) => q.where('started_on', '>=', filter.from ?? ''))
      .$if(filter.to !== undefined, (q) => q.where('started_on', '<=', filter.to ?? ''))
      .orderBy('started_on', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute(),

  insert: (db: Executor, row: Insertable<CooperationExchangeTable>) =>
    db.insertInto('cooperation_exchanges').values(row).execute(),

  update: (db: Executor, id: string, version: number, changes: Updateable<CooperationExchangeTable>) =>
    updateVersionedOrStale(db, 'cooperation_exchanges', id, version, changes, 'cooperation_exchange'),

  /** Linked cases of many exchanges, with each case's reference (shown only where readable). */
  linkedCases: (db: Executor, exchangeIds: string[]) =>
    exchangeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('cooperation_exchange_cases')
          .innerJoin('cases', 'cases.id', 'cooperation_exchange_cases.case_id')
          .select(['cooperation_exchange_cases.exchange_id', 'cases.id as case_id', 'cases.reference'])
          .where('cooperation_exchange_cases.exchange_id', 'in', exchangeIds)
          .orderBy('cooperation_exchange_cases.linked_at')
          .execute(),

  linkedTasks: (db: Executor, exchangeIds: string[]) =>
    exchangeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('cooperation_exchange_tasks')
          .select(['exchange_id', 'task_id'])
          .where('exchange_id', 'in', exchangeIds)
          .execute(),

  linkCases: (db: Executor, exchangeId: string, caseIds: string[], userId: string, now: string) =>
    caseIds.length === 0
      ? Promise.resolve()
      : db
          .insertInto('cooperation_exchange_cases')
          .values(
            caseIds.map((case_id) => ({
              exchange_id: exchangeId,
              case_id,
              linked_by: userId,
              linked_at: now,
            })),
          )
          .execute()
          .then(() => undefined),

  unlinkCases: (db: Executor, exchangeId: string, caseIds: string[]) =>
    caseIds.length === 0
      ? Promise.resolve()
      : db
          .deleteFrom('cooperation_exchange_cases')
          .where('exchange_id', '=', exchangeId)
          .where('case_id', 'in', caseIds)
          .execute()
          .then(() => undefined),

  async replaceTasks(db: Executor, exchangeId: string, taskIds: string[]): Promise<void> {
    await db.deleteFrom('cooperation_exchange_tasks').where('exchange_id', '=', exchangeId).execute();
    if (taskIds.length > 0)
      await db
        .insertInto('cooperation_exchange_tasks')
        .values(taskIds.map((task_id) => ({ exchange_id: exchangeId, task_id })))
        .execute();
  },
};
