import { PostgresAdapter, sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  AssessmentClaimTable,
  AssessmentEvidenceTable,
  AssessmentIndiciumTable,
  AssessmentSectionTable,
  AssessmentSourceTable,
  AssessmentTable,
  DataSubmissionTable,
  EvidenceOwner,
  Executor,
  RecommendationStatusHistoryTable,
  RecommendationTable,
  ResponseTextTable,
  SubmissionFileTable,
} from '../../db/schema.js';
import { updateStamps } from '../../db/versioned.js';

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

export type SourceRow = Selectable<AssessmentSourceTable>;
export type AssessmentRow = Selectable<AssessmentTable>;
export type SectionRow = Selectable<AssessmentSectionTable>;
export type RecommendationRow = Selectable<RecommendationTable>;
export type ClaimRow = Selectable<AssessmentClaimTable>;
export type EvidenceRow = Selectable<AssessmentEvidenceTable>;
export type IndiciumRow = Selectable<AssessmentIndiciumTable>;
export type SubmissionRow = Selectable<DataSubmissionTable>;
export type ResponseTextRow = Selectable<ResponseTextTable>;
export type HistoryRow = Selectable<RecommendationStatusHistoryTable>;

/** A recommendation with the report it belongs to, as the board and the chains need it. */
export type RecommendationWithYear = RecommendationRow & { year: number; jurisdiction: string };

export const assessmentsRepo = {
  // --- sources ---

  sources: (db: Executor) => db.selectFrom('assessment_sources').selectAll().orderBy('name').execute(),
  source: (db: Executor, id: string) =>
    db.selectFrom('assessment_sources').selectAll().where('id', '=', id).executeTakeFirst(),
  sourceByName: (db: Executor, name: string) =>
    db.selectFrom('assessment_sources').selectAll().where('name', '=', name).executeTakeFirst(),
  firstSourceOfKind: (db: Executor, kind: SourceRow['kind']) =>
    db
      .selectFrom('assessment_sources')
      .selectAll()
      .where('kind', '=', kind)
      .orderBy('created_at')
      .executeTakeFirst(),
  insertSource: (db: Executor, row: Insertable<AssessmentSourceTable>) =>
    db.insertInto('assessment_sources').values(row).execute(),

  // --- assessments ---

  list: (db: Executor, filter: { sourceId?: string | undefined; jurisdiction?: string | undefined }) => {
    let query = db
      .selectFrom('assessments')
      .selectAll('assessments')
      .select((eb) => [
        eb
          .selectFrom('recommendations')
          .select(() => sql<number>`cast(count(*) as integer)`.as('n'))
          .whereRef('recommendations.assessment_id', '=', 'assessments.id')
          .as('recommendation_count'),
        eb
          .selectFrom('assessment_claims')
          .select(() => sql<number>`cast(count(*) as integer)`.as('n'))
          .whereRef('assessment_claims.assessment_id', '=', 'assessments.id')
          .as('claim_count'),
      ]);
    if (filter.sourceId) query = query.where('source_id', '=', filter.sourceId);
    if (filter.jurisdiction) query = query.where('jurisdiction', '=', filter.jurisdiction);
    return query.orderBy('jurisdiction').orderBy('year', 'desc').execute();
  },
  get: (db: Executor, id: string) =>
    db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst(),
  byYear: (db: Executor, sourceId: string, jurisdiction: string, year: number) =>
    db
      .selectFrom('assessments')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('jurisdiction', '=', jurisdiction)
      .where('year', '=', year)
      .executeTakeFirst(),
  insert: (db: Executor, row: Insertable<AssessmentTable>) =>
    db.insertInto('assessments').values(row).execute(),
  /** The TIP placements of a jurisdiction, by year (every TIP source). */
  tipHistory: (db: Executor, jurisdiction: string) =>
    db
      .selectFrom('assessments')
      .innerJoin('assessment_sources', 'assessment_sources.id', 'assessments.source_id')
      .select(['assessments.id', 'assessments.year', 'assessments.tier', 'assessments.waiver'])
      .where('assessment_sources.kind', '=', 'tip')
      .where('assessments.jurisdiction', '=', jurisdiction)
      .where('assessments.tier', 'is not', null)
      .orderBy('assessments.year')
      .execute(),

  // --- sections ---

  sections: (db: Executor, assessmentId: string) =>
    db
      .selectFrom('assessment_sections')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('position')
      .execute(),
  async replaceSections(db: Executor, assessmentId: string, rows: Insertable<AssessmentSectionTable>[]) {
    await db.deleteFrom('assessment_sections').where('assessment_id', '=', assessmentId).execute();
    if (rows.length > 0) await db.insertInto('assessment_sections').values(rows).execute();
  },

  // --- recommendations ---

  recommendations: (db: Executor, assessmentId: string) =>
    db
      .selectFrom('recommendations')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('position')
      .execute(),
  recommendation: (db: Executor, id: string) =>
    db
      .selectFrom('recommendations')
      .innerJoin('assessments', 'assessments.id', 'recommendations.assessment_id')
      .selectAll('recommendations')
      .select(['assessments.year', 'assessments.jurisdiction'])
      .where('recommendations.id', '=', id)
      .executeTakeFirst(),
  /** Every recommendation with its report year, for chains of repeats and the board. */
  allRecommendations: (db: Executor, jurisdiction?: string): Promise<RecommendationWithYear[]> => {
    let query = db
      .selectFrom('recommendations')
      .innerJoin('assessments', 'assessments.id', 'recommendations.assessment_id')
      .selectAll('recommendations')
      .select(['assessments.year', 'assessments.jurisdiction']);
    if (jurisdiction) query = query.where('assessments.jurisdiction', '=', jurisdiction);
    return query.orderBy('assessments.year', 'desc').orderBy('recommendations.position').execute();
  },
  insertRecommendation: (db: Executor, row: Insertable<RecommendationTable>) =>
    db.insertInto('recommendations').values(row).execute(),
  updateRecommendationText: (
    db: Executor,
    id: string,
    position: number,
    text: string,
    now: string,
    by: string,
  ) =>
    db
      .updateTable('recommendations')
      .set((eb) => ({ position, text, ...updateStamps(by, now), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),
  async deleteRecommendations(db: Executor, ids: string[]) {
    if (ids.length === 0) return;
    await db.deleteFrom('recommendations').where('id', 'in', ids).execute();
  },
  /** Recommendations that have any follow-up: a status, agencies, tasks, evidence, a repeat. */
  async followedUp(db: Executor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .selectFrom('recommendations as r')
      .select('r.id')
      .where('r.id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb('r.status', '!=', 'not_started'),
          eb.exists(
            eb
              .selectFrom('recommendation_agencies')
              .select('agency_id')
              .whereRef('recommendation_id', '=', 'r.id'),
          ),
          eb.exists(
            eb
              .selectFrom('recommendation_tasks')
              .select('task_id')
              .whereRef('recommendation_id', '=', 'r.id'),
          ),
          eb.exists(
            eb
              .selectFrom('assessment_evidence')
              .select('assessment_evidence.id')
              .where('owner_type', '=', 'recommendation')
              .whereRef('owner_id', '=', 'r.id'),
          ),
          eb.exists(
            eb
              .selectFrom('recommendations as later')
              .select('later.id')
              .whereRef('later.previous_id', '=', 'r.id'),
          ),
        ]),
      )
      .execute();
    return new Set(rows.map((row) => row.id));
  },

  agenciesOf: (db: Executor, recommendationIds: string[]) =>
    recommendationIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('recommendation_agencies')
          .innerJoin('agencies', 'agencies.id', 'recommendation_agencies.agency_id')
          .select(['recommendation_agencies.recommendation_id', 'agencies.id', 'agencies.code'])
          .where('recommendation_agencies.recommendation_id', 'in', recommendationIds)
          .orderBy('agencies.code')
          .execute(),
  async setAgencies(db: Executor, recommendationId: string, agencyIds: string[]) {
    await db
      .deleteFrom('recommendation_agencies')
      .where('recommendation_id', '=', recommendationId)
      .execute();
    if (agencyIds.length > 0)
      await db
        .insertInto('recommendation_agencies')
        .values(agencyIds.map((agency_id) => ({ recommendation_id: recommendationId, agency_id })))
        .execute();
  },
  tasksOf: (db: Executor, recommendationIds: string[]) =>
    recommendationIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('recommendation_tasks')
          .selectAll()
          .where('recommendation_id', 'in', recommendationIds)
          .orderBy('task_id')
          .execute(),
  async setTasks(db: Executor, recommendationId: string, taskIds: string[]) {
    await db.deleteFrom('recommendation_tasks').where('recommendation_id', '=', recommendationId).execute();
    if (taskIds.length > 0)
      await db
        .insertInto('recommendation_tasks')
        .values(taskIds.map((task_id) => ({ recommendation_id: recommendationId, task_id })))
        .execute();
  },
  history: (db: Executor, recommendationId: string) =>
    db
      .selectFrom('recommendation_status_history')
      .leftJoin('users', 'users.id', 'recommendation_status_history.changed_by')
      .selectAll('recommendation_status_history')
      .select('users.name as changed_by_name')
      .where('recommendation_id', '=', recommendationId)
      .orderBy('changed_at')
      .orderBy('recommendation_status_history.id')
      .execute(),
  insertHistory: (db: Executor, row: Insertable<RecommendationStatusHistoryTable>) =>
    db.insertInto('recommendation_status_history').values(row).execute(),

  /** Whether the action-plan tables exist (coordination may be absent from an instance). */
  async tasksTableExists(db: Executor): Promise<boolean> {
    const result = isPostgres(db)
      ? await sql<{ name: string | null }>`select to_regclass('tasks')::text as name`.execute(db)
      : await sql<{
          name: string | null;
        }>`select name from sqlite_master where type = 'table' and name = 'tasks'`.execute(db);
    return result.rows.length > 0 && result.rows[0]!.name !== null;
  },
  async existingTaskIds(db: Executor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await sql<{ id: string }>`select id from tasks where id in (${sql.join(ids)})`.execute(db);
    return new Set(result.rows.map((row) => row.id));
  },
  existingAgencyIds: async (db: Executor, ids: string[]): Promise<Set<string>> =>
    ids.length === 0
      ? new Set()
      : new Set(
          (await db.selectFrom('agencies').select('id').where('id', 'in', ids).execute()).map(
            (row) => row.id,
          ),
        ),

  // --- claims ---

  claims: (db: Executor, assessmentId: string) =>
    db
      .selectFrom('assessment_claims')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('position')
      .execute(),
  claim: (db: Executor, id: string) =>
    db.selectFrom('assessment_claims').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Changes a claim as part of a re-split (the assessment's version guards the whole split). */
  updateClaim: (db: Executor, id: string, changes: Updateable<AssessmentClaimTable>) =>
    db
      .updateTable('assessment_claims')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),
  claimsWithEvidence: async (db: Executor, ids: string[]): Promise<Set<string>> =>
    ids.length === 0
      ? new Set()
      : new Set(
          (
            await db
              .selectFrom('assessment_evidence')
              .select('owner_id')
              .where('owner_type', '=', 'claim')
              .where('owner_id', 'in', ids)
              .execute()
          ).map((row) => row.owner_id),
        ),
  insertClaims: async (db: Executor, rows: Insertable<AssessmentClaimTable>[]) => {
    if (rows.length > 0) await db.insertInto('assessment_claims').values(rows).execute();
  },
  async deleteClaims(db: Executor, ids: string[]) {
    if (ids.length === 0) return;
    await db
      .deleteFrom('assessment_evidence')
      .where('owner_type', '=', 'claim')
      .where('owner_id', 'in', ids)
      .execute();
    await db.deleteFrom('assessment_claims').where('id', 'in', ids).execute();
  },

  // --- evidence ---

  evidence: (db: Executor, ownerType: EvidenceOwner, ownerIds: string[]) =>
    ownerIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('assessment_evidence')
          .leftJoin('cases', 'cases.id', 'assessment_evidence.case_id')
          .selectAll('assessment_evidence')
          .select('cases.reference as case_reference')
          .where('owner_type', '=', ownerType)
          .where('owner_id', 'in', ownerIds)
          .orderBy('added_at')
          .orderBy('assessment_evidence.id')
          .execute(),
  evidenceItem: (db: Executor, id: string) =>
    db.selectFrom('assessment_evidence').selectAll().where('id', '=', id).executeTakeFirst(),
  insertEvidence: (db: Executor, row: Insertable<AssessmentEvidenceTable>) =>
    db.insertInto('assessment_evidence').values(row).execute(),
  deleteEvidence: (db: Executor, id: string) =>
    db.deleteFrom('assessment_evidence').where('id', '=', id).execute(),

  // --- self-assessment ---

  indicia: (db: Executor, assessmentId: string) =>
    db.selectFrom('assessment_indicia').selectAll().where('assessment_id', '=', assessmentId).execute(),
  insertIndicium: (db: Executor, row: Insertable<AssessmentIndiciumTable>) =>
    db.insertInto('assessment_indicia').values(row).execute(),
  updateIndicium: (db: Executor, id: string, gaps: string | null, now: string, by: string) =>
    db
      .updateTable('assessment_indicia')
      .set((eb) => ({ gaps, ...updateStamps(by, now), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),

  // --- submissions ---

  submissions: (db: Executor, filter: { sourceId?: string | undefined; year?: number | undefined }) => {
    let query = db.selectFrom('data_submissions').selectAll();
    if (filter.sourceId) query = query.where('source_id', '=', filter.sourceId);
    if (filter.year !== undefined) query = query.where('year', '=', filter.year);
    return query.orderBy('received_on', 'desc').orderBy('id', 'desc').execute();
  },
  submission: (db: Executor, id: string) =>
    db.selectFrom('data_submissions').selectAll().where('id', '=', id).executeTakeFirst(),
  insertSubmission: (db: Executor, row: Insertable<DataSubmissionTable>) =>
    db.insertInto('data_submissions').values(row).execute(),
  filesOf: (db: Executor, submissionIds: string[]) =>
    submissionIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('submission_files')
          .select(['id', 'submission_id', 'file_name', 'media_type', 'size', 'added_at'])
          .where('submission_id', 'in', submissionIds)
          .orderBy('added_at')
          .execute(),
  file: (db: Executor, submissionId: string, fileId: string) =>
    db
      .selectFrom('submission_files')
      .selectAll()
      .where('id', '=', fileId)
      .where('submission_id', '=', submissionId)
      .executeTakeFirst(),
  insertFile: (db: Executor, row: Insertable<SubmissionFileTable>) =>
    db.insertInto('submission_files').values(row).execute(),

  // --- response texts ---

  responseTexts: (db: Executor, assessmentId: string, language: string) =>
    db
      .selectFrom('response_texts')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .where('language', '=', language)
      .execute(),
  responseText: (db: Executor, assessmentId: string, targetId: string, language: string) =>
    db
      .selectFrom('response_texts')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .where('target_id', '=', targetId)
      .where('language', '=', language)
      .executeTakeFirst(),
  insertResponseText: (db: Executor, row: Insertable<ResponseTextTable>) =>
    db.insertInto('response_texts').values(row).execute(),

  /** Case references by id (the caller decides which the reader may see). */
  caseReferences: async (db: Executor, ids: string[]): Promise<Map<string, string>> =>
    ids.length === 0
      ? new Map()
      : new Map(
          (await db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', ids).execute()).map(
            (row) => [row.id, row.reference],
          ),
        ),
};
