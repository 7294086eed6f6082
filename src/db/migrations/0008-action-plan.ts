import type { CreateTableBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The committee's action plan (issue 7): plans → objectives tagged with the 4P → tasks with a
// lead agency, supporting agencies, dates and an indicator or a milestone; progress reported
// per period by the agencies and validated or returned by the secretariat; corrective actions.
// A task may stand outside the plan (a meeting's decision creates one): plan and objective
// are then null.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function stamped<T extends string>(table: CreateTableBuilder<T, any>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

export const actionPlan = {
  async up(db: AnyDb): Promise<void> {
    await stamped(
      db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull()),
    ).execute();

    await stamped(
      db.schema
        .createTable('plan_objectives')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('pillar', 'text', (c) => c.notNull()),
    ).execute();
    await db.schema.createIndex('plan_objectives_plan_idx').on('plan_objectives').column('plan_id').execute();

    await stamped(
      db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.references('plans.id').onDelete('cascade'))
        .addColumn('objective_id', 'text', (c) => c.references('plan_objectives.id').onDelete('cascade'))
        .addColumn('decision_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lead_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text')
        .addColumn('unit', 'text')
        .addColumn('baseline', 'double precision')
        .addColumn('target', 'double precision')
        .addColumn('periodicity', 'text', (c) => c.notNull())
        .addColumn('completed_on', 'text'),
    ).execute();
    await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['due_date', 'id']).execute();
    await db.schema
      .createIndex('tasks_lead_idx')
      .on('tasks')
      .columns(['lead_agency_id', 'due_date'])
      .execute();
    await db.schema.createIndex('tasks_objective_idx').on('tasks').column('objective_id').execute();

    await db.schema
      .createTable('task_agencies')
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addPrimaryKeyConstraint('task_agencies_pk', ['task_id', 'agency_id'])
      .execute();
    await db.schema.createIndex('task_agencies_agency_idx').on('task_agencies').column('agency_id').execute();

    await stamped(
      db.schema
        .createTable('progress_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('narrative', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decision_comment', 'text'),
    ).execute();
    await db.schema
      .createIndex('progress_updates_task_idx')
      .on('progress_updates')
      .columns(['task_id', 'period_end'])
      .execute();
    await db.schema
      .createIndex('progress_updates_status_idx')
      .on('progress_updates')
      .columns(['status', 'submitted_at'])
      .execute();

    await db.schema
      .createTable('progress_evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('progress_id', 'text', (c) =>
        c.notNull().references('progress_updates.id').onDelete('cascade'),
      )
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_base64', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createIndex('progress_evidence_idx')
      .on('progress_evidence')
      .column('progress_id')
      .execute();

    await stamped(
      db.schema
        .createTable('corrective_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('completed_on', 'text'),
    ).execute();
    await db.schema
      .createIndex('corrective_actions_task_idx')
      .on('corrective_actions')
      .column('task_id')
      .execute();

    // The secretariat keeps the plan and validates; agencies read the whole plan (coordination
    // is shared work) and report on the tasks their agency leads or supports; supervisors and
    // analysts read it. Administrators and auditors have no part in it.
    await db
      .insertInto('role_permissions')
      .values(
        (
          [
            ['secretariat', 'plan.read', 'all'],
            ['secretariat', 'plan.manage', 'all'],
            ['secretariat', 'progress.validate', 'all'],
            ['agency_officer', 'plan.read', 'all'],
            ['agency_officer', 'progress.report', 'agency'],
            ['supervisor', 'plan.read', 'all'],
            ['analyst', 'plan.read', 'all'],
          ] as const
        ).map(([role_id, permission, scope]) => ({ role_id, permission, scope })),
      )
      .execute();
  },
};
