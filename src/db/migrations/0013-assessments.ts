import type { CreateTableBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// External assessments (issue 9): sources (the TIP Report, UN treaty bodies, the UPR, GRETA,
// others), one assessment per source, jurisdiction and report year (tier and waiver for the
// TIP Report; the reporting period), the narrative and its reviewed split into sections,
// recommendations and claims; the follow-up of recommendations (agencies, action-plan tasks,
// evidence, status history, the earlier self of a repeated one); evidence for qualitative
// claims and for the 12 indicia; data requests and what was submitted, with the files; and
// the texts of the point-by-point response, per language.
//
// Action-plan tasks are linked by id without a foreign key: the coordination tables may be
// absent from an instance (the service checks a task exists when the table does).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function stamped<T extends string>(table: CreateTableBuilder<T, any>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

async function createAssessments(db: AnyDb): Promise<void> {
  await stamped(
    db.schema
      .createTable('assessment_sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().unique()),
  ).execute();

  await stamped(
    db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull().references('assessment_sources.id'))
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('tier', 'text')
      .addColumn('waiver', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text')
      .addColumn('title', 'text')
      .addColumn('narrative', 'text')
      .addUniqueConstraint('assessments_source_year', ['source_id', 'jurisdiction', 'year']),
  ).execute();

  await db.schema
    .createTable('assessment_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_sections_idx')
    .on('assessment_sections')
    .columns(['assessment_id', 'position'])
    .execute();
}

async function createRecommendations(db: AnyDb): Promise<void> {
  await stamped(
    db.schema
      .createTable('recommendations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('previous_id', 'text', (c) => c.references('recommendations.id')),
  ).execute();
  await db.schema
    .createIndex('recommendations_assessment_idx')
    .on('recommendations')
    .columns(['assessment_id', 'position'])
    .execute();
  await db.schema
    .createIndex('recommendations_previous_idx')
    .on('recommendations')
    .column('previous_id')
    .execute();

  await db.schema
    .createTable('recommendation_agencies')
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('recommendation_agencies_pk', ['recommendation_id', 'agency_id'])
    .execute();
  await db.schema
    .createIndex('recommendation_agencies_agency_idx')
    .on('recommendation_agencies')
    .column('agency_id')
    .execute();

  await db.schema
    .createTable('recommendation_tasks')
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_tasks_pk', ['recommendation_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('recommendation_status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .execute();
  await db.schema
    .createIndex('recommendation_status_history_idx')
    .on('recommendation_status_history')
    .columns(['recommendation_id', 'changed_at'])
    .execute();
}

async function createClaimsAndEvidence(db: AnyDb): Promise<void> {
  await stamped(
    db.schema
      .createTable('assessment_claims')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('value', 'integer')
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('section', 'text')
      .addColumn('marker', 'text'),
  ).execute();
  await db.schema
    .createIndex('assessment_claims_idx')
    .on('assessment_claims')
    .columns(['assessment_id', 'position'])
    .execute();

  // One table for the evidence of a recommendation, a qualitative claim, or an indicium of an
  // assessment (owner_id = the assessment, indicium = 1..12).
  await db.schema
    .createTable('assessment_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('indicium', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('reference', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('stance', 'text')
    .addColumn('period_key', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
  await db.schema
    .createIndex('assessment_evidence_owner_idx')
    .on('assessment_evidence')
    .columns(['owner_type', 'owner_id', 'indicium'])
    .execute();

  await stamped(
    db.schema
      .createTable('assessment_indicia')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('indicium', 'integer', (c) => c.notNull())
      .addColumn('gaps', 'text')
      .addUniqueConstraint('assessment_indicia_unique', ['assessment_id', 'indicium']),
  ).execute();
}

async function createSubmissionsAndResponses(db: AnyDb): Promise<void> {
  await stamped(
    db.schema
      .createTable('data_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull().references('assessment_sources.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('request', 'text')
      .addColumn('submitted_on', 'text')
      .addColumn('submitted_to', 'text')
      .addColumn('description', 'text'),
  ).execute();
  await db.schema
    .createIndex('data_submissions_idx')
    .on('data_submissions')
    .columns(['source_id', 'year'])
    .execute();

  await db.schema
    .createTable('submission_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('data_submissions.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Base64: one representation on both databases; files are small (at most 5 MB).
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
  await db.schema
    .createIndex('submission_files_idx')
    .on('submission_files')
    .column('submission_id')
    .execute();

  await stamped(
    db.schema
      .createTable('response_texts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addUniqueConstraint('response_texts_unique', ['assessment_id', 'target_id', 'language']),
  ).execute();
}

export const assessments = {
  async up(db: AnyDb): Promise<void> {
    await createAssessments(db);
    await createRecommendations(db);
    await createClaimsAndEvidence(db);
    await createSubmissionsAndResponses(db);

    // The secretariat keeps the assessments and writes the answer. Agencies, supervisors and
    // analysts read them (the reports are public; the follow-up is shared work); an agency
    // officer adds evidence to a recommendation its agency is responsible for (the handler
    // decides). Case references in evidence stay need-to-know whatever the grant.
    // Administrators, case workers and auditors have no part in it.
    await db
      .insertInto('role_permissions')
      .values(
        (
          [
            ['secretariat', 'assessment.read', 'all'],
            ['secretariat', 'assessment.manage', 'all'],
            ['agency_officer', 'assessment.read', 'all'],
            ['supervisor', 'assessment.read', 'all'],
            ['analyst', 'assessment.read', 'all'],
          ] as const
        ).map(([role_id, permission, scope]) => ({ role_id, permission, scope })),
      )
      .execute();
  },
};
