import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { CaseRole } from '../../core/cases/case-records.js';
import type { CaseStage } from '../../core/cases/case-stages.js';
import type {
  CaseDocumentTable,
  CaseQualificationTable,
  CaseTransitionTable,
  DuplicateFlagStatus,
  LinkRequestTable,
  CasePersonTable,
  CaseTable,
  DB,
  Executor,
  HistoricEventTable,
  JudicialActTable,
  LegalQualificationTable,
  PersonTable,
} from '../../db/schema.js';
import { olderThan } from '../../db/keyset.js';
import { likePattern } from '../../db/like.js';
import { reusableByShape } from '../../db/reusable.js';
import { updateVersionedOrStale } from '../../db/versioned.js';
import { memberFlag } from './case-access.repo.js';
import type { CaseReach } from './cases.policy.js';

export type CaseRow = Selectable<CaseTable>;
export type PersonRow = Selectable<PersonTable>;
export type CasePersonRow = Selectable<CasePersonTable>;

export type CaseFilter = {
  stage?: CaseStage;
  agencyId?: string;
  year?: number;
  exploitationType?: string;
  reference?: string;
  caseIds?: string[];
  after?: { date: string; id: string };
  limit: number;
};

export const referenceCounters = {
  /** The next number in a sequence (e.g. `case:PJ:2026`), atomically on both databases. */
  async next(db: Executor, scope: string): Promise<number> {
    const row = await db
      .insertInto('reference_counters')
      .values({ scope, last: 1 })
      .onConflict((oc) => oc.column('scope').doUpdateSet({ last: sql`reference_counters.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  },
};

/** Cases an agency leads or takes part in. */
function involvesAgency(agencyId: string) {
  return (eb: ExpressionBuilder<DB, 'cases'>) =>
    eb.or([
      eb('cases.lead_agency_id', '=', agencyId),
      eb.exists(
        eb
          .selectFrom('case_agencies')
          .select('case_agencies.case_id')
          .whereRef('case_agencies.case_id', '=', 'cases.id')
          .where('case_agencies.agency_id', '=', agencyId),
      ),
    ]);
}

export const casesRepo = {
  get: (db: Executor, id: string) =>
    db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst(),
  /** How a case is named to someone who may not read it: reference and lead agency. */
  caseRef: (db: Executor, id: string) =>
    db
      .selectFrom('cases')
      .innerJoin('agencies', 'agencies.id', 'cases.lead_agency_id')
      .select([
        'cases.id',
        'cases.reference',
        'agencies.id as leadAgencyId',
        'agencies.code as leadAgencyCode',
      ])
      .where('cases.id', '=', id)
      .executeTakeFirst(),
  insert: (db: Executor, row: Insertable<CaseTable>) => db.insertInto('cases').values(row).execute(),
  /** Keeps the searchable copy of a case's forms of exploitation in step with the case. */
  async setExploitationTypes(db: Executor, caseId: string, codes: readonly string[]): Promise<void> {
    await db.deleteFrom('case_exploitation_types').where('case_id', '=', caseId).execute();
    const unique = [...new Set(codes)];
    if (unique.length > 0) {
      await db
        .insertInto('case_exploitation_types')
        .values(unique.map((code) => ({ case_id: caseId, code })))
        .execute();
    }
  },
  /** A versioned update: a stale version raises `resource.stale` (409). */
  update: (db: Executor, id: string, version: number, changes: Updateable<CaseTable>) =>
    updateVersionedOrStale(db, 'cases', id, version, changes, 'case'),

  agencies: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_agencies')
      .innerJoin('agencies', 'agencies.id', 'case_agencies.agency_id')
      .select(['agencies.id', 'agencies.code'])
      .where('case_agencies.case_id', '=', caseId)
      .orderBy('agencies.code')
      .execute(),
  /**
   * Adds an agency to the case, `kept` when on purpose; an agency already there and now
   * brought in on purpose is kept from then on. True when the agency was not there before.
   */
  async addAgency(
    db: Executor,
    caseId: string,
    agencyId: string,
    at: string,
    kept: boolean,
  ): Promise<boolean> {
    const result = await db
      .insertInto('case_agencies')
      .values({ case_id: caseId, agency_id: agencyId, added_at: at, kept: kept ? 1 : 0 })
      .onConflict((oc) => oc.columns(['case_id', 'agency_id']).doNothing())
      .executeTakeFirst();
    const added = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (!added && kept) {
      await db
        .updateTable('case_agencies')
        .set({ kept: 1 })
        .where('case_id', '=', caseId)
        .where('agency_id', '=', agencyId)
        .execute();
    }
    return added;
  },
  /** Ends an agency's participation unless it was brought in on purpose; true when it ended. */
  async removeAgencyUnlessKept(db: Executor, caseId: string, agencyId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('case_agencies')
      .where('case_id', '=', caseId)
      .where('agency_id', '=', agencyId)
      .where('kept', '=', 0)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  },

  members: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_members')
      .innerJoin('users', 'users.id', 'case_members.user_id')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id as userId', 'users.name', 'agencies.id as agencyId', 'agencies.code as agencyCode'])
      .where('case_members.case_id', '=', caseId)
      .orderBy('users.name')
      .execute(),
  async addMember(
    db: Executor,
    caseId: string,
    userId: string,
    by: string | null,
    at: string,
  ): Promise<boolean> {
    const result = await db
      .insertInto('case_members')
      .values({ case_id: caseId, user_id: userId, added_by: by, added_at: at })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  },
  async removeMember(db: Executor, caseId: string, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('case_members')
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  },

  qualifications: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_qualifications')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('added_at')
      .execute(),
  transitions: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_transitions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('recorded_at')
      .execute(),
  judicialActs: (db: Executor, caseId: string) =>
    db.selectFrom('judicial_acts').selectAll().where('case_id', '=', caseId).orderBy('act_date').execute(),
  documents: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_documents')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('recorded_at')
      .execute(),
  insertQualification: (db: Executor, row: Insertable<CaseQualificationTable>) =>
    db.insertInto('case_qualifications').values(row).execute(),
  /** Ends a qualification's current entry; the entry stays in the case's history. */
  removeQualification: (
    db: Executor,
    caseId: string,
    code: string,
    removed: { at: string; by: string; stage: CaseStage },
  ) =>
    db
      .updateTable('case_qualifications')
      .set({ removed_at: removed.at, removed_by: removed.by, removed_stage: removed.stage })
      .where('case_id', '=', caseId)
      .where('code', '=', code)
      .where('removed_at', 'is', null)
      .execute(),
  insertTransition: (db: Executor, row: Insertable<CaseTransitionTable>) =>
    db.insertInto('case_transitions').values(row).execute(),
  insertJudicialAct: (db: Executor, row: Insertable<JudicialActTable>) =>
    db.insertInto('judicial_acts').values(row).execute(),
  insertDocument: (db: Executor, row: Insertable<CaseDocumentTable>) =>
    db.insertInto('case_documents').values(row).execute(),

  /**
   * Case summaries with counts of victims and suspects and whether the viewer is a member,
   * newest registration first, by keyset. Every list a screen opens runs this: its SQL is
   * built once per set of filters (src/db/reusable.ts), except for a reference or name search.
   */
  list(db: Executor, reach: CaseReach, viewerId: string, filter: CaseFilter) {
    const args: CaseListArgs = {
      viewerId,
      limit: filter.limit,
      ...(reach.kind === 'agency' ? { reachAgencyId: reach.agencyId } : {}),
      ...(reach.kind === 'own' ? { reachUserId: reach.userId } : {}),
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
      ...(filter.year ? { yearFrom: `${filter.year}-01-01`, yearTo: `${filter.year + 1}-01-01` } : {}),
      ...(filter.exploitationType ? { exploitationType: filter.exploitationType } : {}),
      ...(filter.after ? { afterDate: filter.after.date, afterId: filter.after.id } : {}),
    };
    if (filter.reference === undefined && filter.caseIds === undefined) return reusableCaseList(db, args);
    return caseListQuery(db, args, filter).execute();
  },
};

/** What the case list's SQL is made of: which of these are given decides its shape. */
type CaseListArgs = {
  viewerId: string;
  limit: number;
  reachAgencyId?: string;
  reachUserId?: string;
  stage?: CaseStage;
  agencyId?: string;
  yearFrom?: string;
  yearTo?: string;
  exploitationType?: string;
  afterDate?: string;
  afterId?: string;
};

function caseListQuery(db: Executor, a: CaseListArgs, search: Pick<CaseFilter, 'reference' | 'caseIds'>) {
  let query = db
    .selectFrom('cases')
    .innerJoin('agencies', 'agencies.id', 'cases.lead_agency_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.lead_agency_id',
      'agencies.code as lead_agency_code',
      'cases.origin',
      'cases.stage',
      'cases.report_date',
      'cases.registration_date',
      'cases.exploitation_types',
    ])
    .select((eb) => [
      eb
        .selectFrom('case_persons')
        .select((e) => e.cast<number>(e.fn.countAll(), 'integer').as('n'))
        .whereRef('case_persons.case_id', '=', 'cases.id')
        .where('case_persons.role', '=', 'victim')
        .as('victims'),
      eb
        .selectFrom('case_persons')
        .select((e) => e.cast<number>(e.fn.countAll(), 'integer').as('n'))
        .whereRef('case_persons.case_id', '=', 'cases.id')
        .where('case_persons.role', '=', 'suspect')
        .as('suspects'),
      memberFlag(eb, a.viewerId).as('is_member'),
    ]);
  if (a.reachAgencyId !== undefined) query = query.where(involvesAgency(a.reachAgencyId));
  const reachUserId = a.reachUserId;
  if (reachUserId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_members')
          .select('case_members.case_id')
          .whereRef('case_members.case_id', '=', 'cases.id')
          .where('case_members.user_id', '=', reachUserId),
      ),
    );
  }
  if (a.stage !== undefined) query = query.where('cases.stage', '=', a.stage);
  if (a.agencyId !== undefined) query = query.where(involvesAgency(a.agencyId));
  if (a.yearFrom !== undefined && a.yearTo !== undefined)
    query = query
      .where('cases.registration_date', '>=', a.yearFrom)
      .where('cases.registration_date', '<', a.yearTo);
  const code = a.exploitationType;
  if (code !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_exploitation_types')
          .select('case_exploitation_types.case_id')
          .whereRef('case_exploitation_types.case_id', '=', 'cases.id')
          .where('case_exploitation_types.code', '=', code),
      ),
    );
  }
  if (search.reference)
    query = query.where(likePattern('cases.reference', search.reference.toUpperCase(), 'prefix'));
  if (search.caseIds)
    query = query.where('cases.id', 'in', search.caseIds.length > 0 ? search.caseIds : ['']);
  if (a.afterDate !== undefined && a.afterId !== undefined)
    query = query.where(
      olderThan('cases.registration_date', 'cases.id', { date: a.afterDate, id: a.afterId }),
    );
  return query.orderBy('cases.registration_date', 'desc').orderBy('cases.id', 'desc').limit(a.limit);
}

const reusableCaseList = reusableByShape((db, a: CaseListArgs) => caseListQuery(db, a, {}));

export const personsRepo = {
  get: (db: Executor, id: string) =>
    db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (db: Executor, row: Insertable<PersonTable>) => db.insertInto('persons').values(row).execute(),
  /** A versioned update: a stale version raises `resource.stale` (409). */
  update: (db: Executor, id: string, version: number, changes: Updateable<PersonTable>) =>
    updateVersionedOrStale(db, 'persons', id, version, changes, 'person'),
  /**
   * Changes a person's structured facts (gender, citizenship) as part of a change to one of
   * the person's places in a case, whose version guards the write.
   */
  updateFacts: (
    db: Executor,
    id: string,
    changes: Pick<Updateable<PersonTable>, 'gender' | 'citizenship' | 'updated_at' | 'updated_by'>,
  ) => db.updateTable('persons').set(changes).where('id', '=', id).execute(),
  async setNameTokens(db: Executor, personId: string, tokenHashes: string[]): Promise<void> {
    await db.deleteFrom('person_name_tokens').where('person_id', '=', personId).execute();
    const unique = [...new Set(tokenHashes)];
    if (unique.length > 0)
      await db
        .insertInto('person_name_tokens')
        .values(unique.map((token_hash) => ({ person_id: personId, token_hash })))
        .execute();
  },
  /** Persons whose name holds every one of the given tokens. */
  async withNameTokens(db: Executor, tokenHashes: string[]): Promise<string[]> {
    if (tokenHashes.length === 0) return [];
    const rows = await db
      .selectFrom('person_name_tokens')
      .select('person_id')
      .where('token_hash', 'in', tokenHashes)
      .groupBy('person_id')
      .having((eb) => eb.fn.count('token_hash').distinct(), '=', tokenHashes.length)
      .limit(1000)
      .execute();
    return rows.map((r) => r.person_id);
  },
  /** Agencies leading the cases that hold a person: whom to ask about a probable duplicate. */
  leadAgencies: (db: Executor, personId: string) =>
    db
      .selectFrom('case_persons')
      .innerJoin('cases', 'cases.id', 'case_persons.case_id')
      .innerJoin('agencies', 'agencies.id', 'cases.lead_agency_id')
      .select(['agencies.id', 'agencies.code'])
      .distinct()
      .where('case_persons.person_id', '=', personId)
      .execute(),
  /** Cases holding any of these persons in which the user is a member. */
  async memberCasesOf(db: Executor, personIds: string[], userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('case_persons')
      .innerJoin('case_members', 'case_members.case_id', 'case_persons.case_id')
      .select('case_persons.case_id')
      .distinct()
      .where('case_persons.person_id', 'in', personIds)
      .where('case_members.user_id', '=', userId)
      .execute();
    return rows.map((r) => r.case_id);
  },
  duplicates: (db: Executor, key: string, exceptId: string) =>
    db
      .selectFrom('persons')
      .select(['id', 'pseudonym'])
      .where('duplicate_key', '=', key)
      .where('id', '!=', exceptId)
      .limit(20)
      .execute(),
  cases: (db: Executor, personId: string) =>
    db
      .selectFrom('case_persons')
      .innerJoin('cases', 'cases.id', 'case_persons.case_id')
      .select([
        'cases.id as caseId',
        'cases.reference',
        'cases.stage',
        'case_persons.role',
        'case_persons.id as casePersonId',
      ])
      .where('case_persons.person_id', '=', personId)
      .orderBy('cases.registration_date', 'desc')
      .execute(),
};

export const casePersonsRepo = {
  get: (db: Executor, id: string) =>
    db.selectFrom('case_persons').selectAll().where('id', '=', id).executeTakeFirst(),
  ofCase: (db: Executor, caseId: string) =>
    db
      .selectFrom('case_persons')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('role')
      .orderBy('created_at')
      .execute(),
  find: (db: Executor, caseId: string, personId: string, role: CaseRole) =>
    db
      .selectFrom('case_persons')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .where('role', '=', role)
      .executeTakeFirst(),
  insert: (db: Executor, row: Insertable<CasePersonTable>) =>
    db.insertInto('case_persons').values(row).execute(),
  /** A versioned update: a stale version raises `resource.stale` (409). */
  update: (db: Executor, id: string, version: number, changes: Updateable<CasePersonTable>) =>
    updateVersionedOrStale(db, 'case_persons', id, version, changes, 'case_person'),
  events: (db: Executor, casePersonIds: string[]) =>
    casePersonIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('historic_events')
          .selectAll()
          .where('case_person_id', 'in', casePersonIds)
          .orderBy('start_date')
          .execute(),
  insertEvent: (db: Executor, row: Insertable<HistoricEventTable>) =>
    db.insertInto('historic_events').values(row).execute(),
};

export const legalQualificationsRepo = {
  list: (db: Executor) =>
    db.selectFrom('legal_qualifications').selectAll().orderBy('sort').orderBy('code').execute(),
  async activeCodes(db: Executor): Promise<Set<string>> {
    const rows = await db.selectFrom('legal_qualifications').select('code').where('active', '=', 1).execute();
    return new Set(rows.map((r) => r.code));
  },
  async exists(db: Executor, code: string): Promise<boolean> {
    const row = await db
      .selectFrom('legal_qualifications')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    return row !== undefined;
  },
  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('legal_qualifications')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  insert: (db: Executor, row: LegalQualificationTable) =>
    db.insertInto('legal_qualifications').values(row).execute(),
  /** True when the qualification exists (and was changed). */
  async update(db: Executor, code: string, changes: Updateable<LegalQualificationTable>): Promise<boolean> {
    const result = await db
      .updateTable('legal_qualifications')
      .set(changes)
      .where('code', '=', code)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};

export const duplicateFlagsRepo = {
  /** Flags a pair once, in a stable order, so the same two people are one flag. */
  async flag(db: Executor, personId: string, matchId: string, by: string, at: string): Promise<void> {
    const [a, b] = personId < matchId ? [personId, matchId] : [matchId, personId];
    await db
      .insertInto('duplicate_flags')
      .values({
        id: uuidv7(),
        person_id: a,
        match_person_id: b,
        status: 'open',
        flagged_at: at,
        flagged_by: by,
        resolved_by: null,
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(['person_id', 'match_person_id']).doNothing())
      .execute();
  },
  get: (db: Executor, id: string) =>
    db.selectFrom('duplicate_flags').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Executor) =>
    db
      .selectFrom('duplicate_flags')
      .selectAll()
      .orderBy('status', 'desc')
      .orderBy('flagged_at', 'desc')
      .limit(500)
      .execute(),
  resolve: (db: Executor, id: string, status: DuplicateFlagStatus, by: string, at: string) =>
    db
      .updateTable('duplicate_flags')
      .set({ status, resolved_by: by, resolved_at: at })
      .where('id', '=', id)
      .executeTakeFirst(),
  /** Each person's pseudonym and the cases holding them, with their lead agencies. */
  people: (db: Executor, personIds: string[]) =>
    personIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('persons')
          .innerJoin('case_persons', 'case_persons.person_id', 'persons.id')
          .innerJoin('cases', 'cases.id', 'case_persons.case_id')
          .innerJoin('agencies', 'agencies.id', 'cases.lead_agency_id')
          .select([
            'persons.id as personId',
            'persons.pseudonym',
            'cases.id as caseId',
            'cases.reference',
            'agencies.id as agencyId',
            'agencies.code as agencyCode',
          ])
          .where('persons.id', 'in', personIds)
          .execute(),
};

export const linkRequestsRepo = {
  insert: (db: Executor, row: Selectable<LinkRequestTable>) =>
    db.insertInto('link_requests').values(row).execute(),
  get: (db: Executor, id: string) =>
    db.selectFrom('link_requests').selectAll().where('id', '=', id).executeTakeFirst(),
  pendingFor: (db: Executor, sourceCasePersonId: string, targetCaseId: string) =>
    db
      .selectFrom('link_requests')
      .select('id')
      .where('source_case_person_id', '=', sourceCasePersonId)
      .where('target_case_id', '=', targetCaseId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  /** Requests with everything a list shows: both cases' references, the source pseudonym, who asked and who decided. */
  views: (db: Executor) =>
    db
      .selectFrom('link_requests')
      .innerJoin('case_persons as source', 'source.id', 'link_requests.source_case_person_id')
      .innerJoin('persons', 'persons.id', 'source.person_id')
      .innerJoin('cases as source_case', 'source_case.id', 'source.case_id')
      .innerJoin('cases as target_case', 'target_case.id', 'link_requests.target_case_id')
      .innerJoin('agencies as target_lead', 'target_lead.id', 'target_case.lead_agency_id')
      .leftJoin('users as requester', 'requester.id', 'link_requests.requested_by')
      .leftJoin('users as decider', 'decider.id', 'link_requests.decided_by')
      .select([
        'link_requests.id',
        'link_requests.status',
        'link_requests.role',
        'link_requests.requested_at',
        'link_requests.decided_at',
        'link_requests.case_person_id',
        'link_requests.requested_by',
        'source.id as sourceCasePersonId',
        'source.case_id as sourceCaseId',
        'source_case.reference as sourceReference',
        'persons.pseudonym',
        'target_case.id as targetCaseId',
        'target_case.reference as targetReference',
        'target_lead.id as targetLeadId',
        'target_lead.code as targetLeadCode',
        'requester.name as requesterName',
        'decider.id as deciderId',
        'decider.name as deciderName',
      ])
      .orderBy('link_requests.requested_at', 'desc'),
  view: (db: Executor, id: string) =>
    linkRequestsRepo.views(db).where('link_requests.id', '=', id).executeTakeFirst(),
  /** The latest requests a user sent. */
  sentBy: (db: Executor, userId: string) =>
    linkRequestsRepo.views(db).where('link_requests.requested_by', '=', userId).limit(200).execute(),
  /** The latest requests about people of cases the user is a member of. */
  aboutCasesOf: (db: Executor, userId: string) =>
    linkRequestsRepo
      .views(db)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_members')
            .select('case_members.user_id')
            .whereRef('case_members.case_id', '=', 'source.case_id')
            .where('case_members.user_id', '=', userId),
        ),
      )
      .limit(200)
      .execute(),
  decide: (db: Executor, id: string, changes: Updateable<LinkRequestTable>) =>
    db
      .updateTable('link_requests')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
};
