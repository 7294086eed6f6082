import { PostgresAdapter, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  PersonGrantTable,
  ConsentTable,
  Executor,
  ReferralStatus,
  ReferralTable,
  ScreeningTable,
  ServiceTable,
  SupportPlanTable,
} from '../../db/schema.js';
import { olderThan } from '../../db/keyset.js';
import { updateStamps, updateVersionedOrStale } from '../../db/versioned.js';

export type ScreeningRow = Selectable<ScreeningTable>;
export type ConsentRow = Selectable<ConsentTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type ServiceRow = Selectable<ServiceTable>;
export type SupportPlanRow = Selectable<SupportPlanTable>;

export type InboxFilter = {
  agencyId: string;
  status?: ReferralStatus;
  after?: { date: string; id: string };
  limit: number;
};

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

function inboxQuery(db: Executor) {
  return db
    .selectFrom('referrals')
    .innerJoin('case_persons', 'case_persons.id', 'referrals.case_person_id')
    .innerJoin('cases', 'cases.id', 'case_persons.case_id')
    .innerJoin('persons', 'persons.id', 'case_persons.person_id')
    .innerJoin('agencies', 'agencies.id', 'referrals.from_agency_id')
    .leftJoin('users as assignee', 'assignee.id', 'referrals.assigned_to')
    .select([
      'referrals.id',
      'referrals.case_person_id',
      'referrals.service_kind',
      'referrals.reason',
      'referrals.status',
      'referrals.sent_on',
      'referrals.responded_on',
      'referrals.completed_on',
      'referrals.consent_override_reason_enc',
      'referrals.details_enc',
      'referrals.version',
      'referrals.from_agency_id',
      'referrals.to_agency_id',
      'referrals.assigned_to',
      'referrals.assigned_at',
      'assignee.name as assigned_to_name',
      'agencies.code as from_agency_code',
      'cases.id as case_id',
      'cases.reference as case_reference',
      'persons.pseudonym',
    ]);
}
export type InboxRow = Awaited<ReturnType<ReturnType<typeof inboxQuery>['executeTakeFirstOrThrow']>>;

export const protectionRepo = {
  /**
   * The names of users and codes of agencies that records mention, in one statement. Each
   * row says which kind it is; an empty list asks nothing.
   */

  // --- screenings ---

  screenings: (db: Executor, casePersonId: string) =>
    db
      .selectFrom('screenings')
      .selectAll()
      .where('case_person_id', '=', casePersonId)
      .orderBy('screened_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  insertScreening: (db: Executor, row: Insertable<ScreeningTable>) =>
    db.insertInto('screenings').values(row).execute(),

  // --- consents ---

  consents: (db: Executor, casePersonId: string) =>
    db
      .selectFrom('consents')
      .selectAll()
      .where('case_person_id', '=', casePersonId)
      .orderBy('given_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  getConsent: (db: Executor, id: string) =>
    db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst(),
  insertConsent: (db: Executor, row: Insertable<ConsentTable>) =>
    db.insertInto('consents').values(row).execute(),

  /**
   * An active consent of the person for a purpose, given on or before a date. On PostgreSQL
   * the row stays locked until the transaction ends, so a withdrawal committed meanwhile
   * cannot slip between this check and the write it allows (SQLite has one writer anyway).
   */
  activeConsent(db: Executor, casePersonId: string, purpose: string, onOrBefore: string) {
    const query = db
      .selectFrom('consents')
      .select(['id'])
      .where('case_person_id', '=', casePersonId)
      .where('purpose', '=', purpose)
      .where('withdrawn_on', 'is', null)
      .where('given_on', '<=', onOrBefore)
      .orderBy('given_on', 'desc')
      .limit(1);
    return (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
  },

  /** Withdraws a consent that is still active; false when it was withdrawn already. */
  async withdrawConsent(
    db: Executor,
    id: string,
    withdrawnOn: string,
    by: string,
    at: string,
  ): Promise<boolean> {
    const result = await db
      .updateTable('consents')
      .set((eb) => ({
        withdrawn_on: withdrawnOn,
        ...updateStamps(by, at),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('withdrawn_on', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  // --- referrals ---

  referrals: (db: Executor, casePersonId: string) =>
    db
      .selectFrom('referrals')
      .selectAll()
      .where('case_person_id', '=', casePersonId)
      .orderBy('sent_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  getReferral: (db: Executor, id: string) =>
    db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst(),
  insertReferral: (db: Executor, row: Insertable<ReferralTable>) =>
    db.insertInto('referrals').values(row).execute(),

  /** Moves a referral on only from the status the caller saw: a concurrent answer makes this false. */
  async moveReferral(
    db: Executor,
    id: string,
    from: ReferralStatus,
    changes: Updateable<ReferralTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('referrals')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** Referrals sent to an agency, newest first, by keyset; only pseudonyms and codes leave here. */
  inbox(db: Executor, filter: InboxFilter) {
    let query = inboxQuery(db).where('referrals.to_agency_id', '=', filter.agencyId);
    if (filter.status) query = query.where('referrals.status', '=', filter.status);
    if (filter.after) query = query.where(olderThan('referrals.sent_on', 'referrals.id', filter.after));
    return query
      .orderBy('referrals.sent_on', 'desc')
      .orderBy('referrals.id', 'desc')
      .limit(filter.limit)
      .execute();
  },
  inboxEntry: (db: Executor, referralId: string) =>
    inboxQuery(db).where('referrals.id', '=', referralId).executeTakeFirst(),

  /** Gives the user access to one person of a case (docs/access.md): never the case's other people. */
  async grantPerson(db: Executor, row: Insertable<PersonGrantTable>): Promise<void> {
    await db.insertInto('person_grants').values(row).execute();
  },

  // --- services ---

  services: (db: Executor, casePersonId: string) =>
    db
      .selectFrom('services')
      .selectAll()
      .where('case_person_id', '=', casePersonId)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  getService: (db: Executor, id: string) =>
    db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst(),
  insertService: (db: Executor, row: Insertable<ServiceTable>) =>
    db.insertInto('services').values(row).execute(),
  /** Raises `resource.stale` when the service changed since `version`. */
  updateService: (db: Executor, id: string, version: number, changes: Updateable<ServiceTable>) =>
    updateVersionedOrStale(db, 'services', id, version, changes, 'service'),

  // --- support plans ---

  plans: (db: Executor, casePersonId: string) =>
    db
      .selectFrom('support_plans')
      .selectAll()
      .where('case_person_id', '=', casePersonId)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  getPlan: (db: Executor, id: string) =>
    db.selectFrom('support_plans').selectAll().where('id', '=', id).executeTakeFirst(),
  insertPlan: (db: Executor, row: Insertable<SupportPlanTable>) =>
    db.insertInto('support_plans').values(row).execute(),
  /** Raises `resource.stale` when the plan changed since `version`. */
  updatePlan: (db: Executor, id: string, version: number, changes: Updateable<SupportPlanTable>) =>
    updateVersionedOrStale(db, 'support_plans', id, version, changes, 'support_plan'),
};
