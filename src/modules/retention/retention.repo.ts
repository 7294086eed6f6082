import { sql, type Insertable, type Updateable } from 'kysely';
import type { DataRequestStatus, DataRequestTable, Executor, PersonErasureTable } from '../../db/schema.js';
import { updateVersionedOrStale } from '../../db/versioned.js';

// Reads and writes of retention and data-subject requests. The identity columns themselves
// are emptied through the people repository (identities.service.ts seals them); this file
// keeps the register of erasures and requests, and finds who is past retention.

export const erasuresRepo = {
  get: (db: Executor, personId: string) =>
    db.selectFrom('person_erasures').selectAll().where('person_id', '=', personId).executeTakeFirst(),
  insert: (db: Executor, row: Insertable<PersonErasureTable>) =>
    db.insertInto('person_erasures').values(row).execute(),

  /**
   * People not yet erased all of whose cases are closed, the last of them on or before
   * `cutoff`. A case's closure is the decision date of its move to `closed` (the stage has
   * no way out); a case closed without a recorded move counts from the day its stage changed.
   */
  pastRetention(db: Executor, cutoff: string) {
    return db
      .with('closures', (qb) =>
        qb
          .selectFrom('cases as c')
          .leftJoin('case_transitions as t', (join) =>
            join.onRef('t.case_id', '=', 'c.id').on('t.to_stage', '=', 'closed'),
          )
          .select(['c.id as case_id', 'c.stage'])
          .select(sql<string>`coalesce(max(t.decided_on), substr(c.stage_changed_at, 1, 10))`.as('closed_on'))
          .groupBy(['c.id', 'c.stage', 'c.stage_changed_at']),
      )
      .selectFrom('case_persons as cp')
      .innerJoin('closures as k', 'k.case_id', 'cp.case_id')
      .innerJoin('persons as p', 'p.id', 'cp.person_id')
      .leftJoin('person_erasures as e', 'e.person_id', 'p.id')
      .where('e.person_id', 'is', null)
      .select(['p.id as personId', 'p.pseudonym'])
      .select(sql<string>`max(k.closed_on)`.as('closedOn'))
      .select(sql<number>`cast(count(distinct cp.case_id) as integer)`.as('cases'))
      .groupBy(['p.id', 'p.pseudonym'])
      .having(sql<number>`sum(case when k.stage = 'closed' then 0 else 1 end)`, '=', 0)
      .having(sql<string>`max(k.closed_on)`, '<=', cutoff)
      .orderBy('p.pseudonym')
      .execute();
  },
};

const requestColumns = [
  'data_requests.id',
  'data_requests.person_id',
  'data_requests.case_id',
  'data_requests.case_person_id',
  'data_requests.kind',
  'data_requests.requested_by',
  'data_requests.received_on',
  'data_requests.fields',
  'data_requests.status',
  'data_requests.refusal_reason',
  'data_requests.decided_by',
  'data_requests.decided_at',
  'data_requests.created_at',
  'data_requests.created_by',
  'data_requests.updated_at',
  'data_requests.updated_by',
  'data_requests.version',
  'cases.reference as case_reference',
  'cases.lead_agency_id',
  'persons.pseudonym',
  'person_erasures.erased_at',
] as const;

export const dataRequestsRepo = {
  insert: (db: Executor, row: Insertable<DataRequestTable>) =>
    db.insertInto('data_requests').values(row).execute(),
  update: (db: Executor, id: string, version: number, changes: Updateable<DataRequestTable>) =>
    updateVersionedOrStale(db, 'data_requests', id, version, changes, 'data_request'),

  /** Requests with their case reference and pseudonym, newest first; `leadAgencyId` narrows to one agency's cases. */
  list(
    db: Executor,
    filter: { id?: string; leadAgencyId?: string; status?: DataRequestStatus; limit: number },
  ) {
    let query = db
      .selectFrom('data_requests')
      .innerJoin('cases', 'cases.id', 'data_requests.case_id')
      .innerJoin('persons', 'persons.id', 'data_requests.person_id')
      .leftJoin('person_erasures', 'person_erasures.person_id', 'data_requests.person_id')
      .select(requestColumns);
    if (filter.id) query = query.where('data_requests.id', '=', filter.id);
    if (filter.status) query = query.where('data_requests.status', '=', filter.status);
    if (filter.leadAgencyId) query = query.where('cases.lead_agency_id', '=', filter.leadAgencyId);
    return query
      .orderBy('data_requests.received_on', 'desc')
      .orderBy('data_requests.id', 'desc')
      .limit(filter.limit)
      .execute();
  },
};

export type DataRequestRow = Awaited<ReturnType<typeof dataRequestsRepo.list>>[number];

/** A sealed free-text column, and how its rows belong to a case: by the case or by one of its people. */
export type FreeTextColumn = {
  table: string;
  column: string;
  /** `case_id` (or `id` for the case itself) or `case_person_id`. */
  link: 'id' | 'case_id' | 'case_person_id';
  /** Rows with `version` and `updated_at/by`, bumped when their text changes (a stale edit is refused). */
  stamped: boolean;
};

export const freeTextRepo = {
  /** The cases a person is in, and every person-in-case row of those cases. */
  async reach(db: Executor, personId: string): Promise<{ caseIds: string[]; casePersonIds: string[] }> {
    const cases = db.selectFrom('case_persons').select('case_id').where('person_id', '=', personId);
    const rows = await db
      .selectFrom('case_persons')
      .select(['id', 'case_id'])
      .where('case_id', 'in', cases)
      .execute();
    return { caseIds: [...new Set(rows.map((r) => r.case_id))], casePersonIds: rows.map((r) => r.id) };
  },

  /** The sealed values of one column on the rows linked to `ids`. */
  async sealed(db: Executor, text: FreeTextColumn, ids: string[]) {
    if (ids.length === 0) return [];
    const { rows } = await sql<{ id: string; value: string }>`
      select id, ${sql.ref(text.column)} as value from ${sql.table(text.table)}
      where ${sql.ref(text.link)} in (${sql.join(ids)}) and ${sql.ref(text.column)} is not null`.execute(db);
    return rows;
  },

  async replace(
    db: Executor,
    text: FreeTextColumn,
    id: string,
    value: string,
    stamp: { at: string; by: string | null },
  ): Promise<void> {
    const stamped = text.stamped
      ? sql`, version = version + 1, updated_at = ${stamp.at}, updated_by = ${stamp.by}`
      : sql``;
    await sql`update ${sql.table(text.table)} set ${sql.ref(text.column)} = ${value}${stamped}
      where id = ${id}`.execute(db);
  },
};
