import type { CreateTableBuilder, Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Table = CreateTableBuilder<string, any>;

// The committee's own work besides the action plan (issue 7, items 3–5):
// - Meetings: the plenary and working groups (members, a chair); each meeting has an agenda,
//   attendance, minutes and numbered decisions. A decision may be assigned to a person or an
//   agency (it is then in their work queue) and may become tasks of the action plan (the
//   task records its decision: tasks.decision_id, migration 0008). Cooperation keeps the ids
//   of the tasks it concerns as text, checked by the service, as the plan's tasks do.
// - Activity figures: what each agency did per quarter (inspections, trainings, awareness
//   campaigns, hotline, budget). Quarters are the unit reported: years and TIP periods
//   (1 April–31 March) are whole quarters, so their totals are sums of quarters and nothing
//   is counted twice. Figures are long rows (metric, dimension, value) so totals are one SUM.
// - Cooperation: exchanges with other jurisdictions and organisations, with the cases and
//   tasks they concern. A linked case stays need-to-know: its reference is shown only to
//   those who may read the case (src/modules/cooperation/).
//
// Grants (scope `agency` = the actor's own agency's records):
// - secretariat: runs the meetings (meeting.manage), reads and compiles every agency's figures
//   (activity.read/report all: it enters figures an agency sent on paper), keeps the
//   cooperation log (cooperation.read/write all).
// - agency_officer: reads meetings and decisions (meeting.read), reports its own agency's
//   figures (activity.report agency) and reads everyone's (activity.read all: the grid is the
//   committee's shared picture), reads the cooperation log and records its agency's exchanges
//   (cooperation.write agency).
// - supervisor: reads meetings and figures. analyst: reads figures and the cooperation log
//   (statistics and the TIP answer need both). Administrator and auditor: none of these.

const stamped = (table: Table) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

const grants: [role: string, permission: string, scope: string][] = [
  ['secretariat', 'meeting.read', 'all'],
  ['secretariat', 'meeting.manage', 'all'],
  ['secretariat', 'activity.read', 'all'],
  ['secretariat', 'activity.report', 'all'],
  ['secretariat', 'cooperation.read', 'all'],
  ['secretariat', 'cooperation.write', 'all'],
  ['agency_officer', 'meeting.read', 'all'],
  ['agency_officer', 'activity.read', 'all'],
  ['agency_officer', 'activity.report', 'agency'],
  ['agency_officer', 'cooperation.read', 'all'],
  ['agency_officer', 'cooperation.write', 'agency'],
  ['supervisor', 'meeting.read', 'all'],
  ['supervisor', 'activity.read', 'all'],
  ['analyst', 'activity.read', 'all'],
  ['analyst', 'cooperation.read', 'all'],
];

async function createMeetings(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('meeting_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('chair_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(stamped)
    .execute();
  await db.schema
    .createTable('meeting_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('meeting_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('meeting_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('meeting_groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('guests', 'text')
    .$call(stamped)
    .execute();
  await db.schema.createIndex('meetings_group_idx').on('meetings').columns(['group_id', 'held_on']).execute();
  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createIndex('meeting_agenda_meeting_idx')
    .on('meeting_agenda_items')
    .columns(['meeting_id', 'position'])
    .execute();
  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('assignee_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .$call(stamped)
    .addUniqueConstraint('meeting_decisions_number', ['meeting_id', 'number'])
    .execute();
  await db.schema
    .createIndex('meeting_decisions_user_idx')
    .on('meeting_decisions')
    .columns(['assignee_user_id', 'status'])
    .execute();
  await db.schema
    .createIndex('meeting_decisions_agency_idx')
    .on('meeting_decisions')
    .columns(['assignee_agency_id', 'status'])
    .execute();
}

async function createActivities(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('activity_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint('activity_reports_agency_period', ['agency_id', 'period_key'])
    .execute();
  await db.schema
    .createIndex('activity_reports_period_idx')
    .on('activity_reports')
    .columns(['period_start', 'agency_id'])
    .execute();
  await db.schema
    .createTable('activity_figures')
    .addColumn('report_id', 'text', (c) => c.notNull().references('activity_reports.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_figures_pk', ['report_id', 'metric', 'dimension'])
    .execute();
  await db.schema
    .createTable('activity_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('activity_reports.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('reach', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_campaigns_report_idx')
    .on('activity_campaigns')
    .column('report_id')
    .execute();
}

async function createCooperation(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('cooperation_exchanges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('counterpart_kind', 'text', (c) => c.notNull())
    .addColumn('counterpart', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('outcome', 'text')
    .$call(stamped)
    .execute();
  await db.schema
    .createIndex('cooperation_exchanges_started_idx')
    .on('cooperation_exchanges')
    .columns(['started_on', 'id'])
    .execute();
  await db.schema
    .createTable('cooperation_exchange_cases')
    .addColumn('exchange_id', 'text', (c) =>
      c.notNull().references('cooperation_exchanges.id').onDelete('cascade'),
    )
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cooperation_exchange_cases_pk', ['exchange_id', 'case_id'])
    .execute();
  await db.schema
    .createTable('cooperation_exchange_tasks')
    .addColumn('exchange_id', 'text', (c) =>
      c.notNull().references('cooperation_exchanges.id').onDelete('cascade'),
    )
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cooperation_exchange_tasks_pk', ['exchange_id', 'task_id'])
    .execute();
}

export const meetingsActivitiesCooperation = {
  async up(db: AnyDb): Promise<void> {
    await createMeetings(db);
    await createActivities(db);
    await createCooperation(db);
    await db
      .insertInto('role_permissions')
      .values(grants.map(([role_id, permission, scope]) => ({ role_id, permission, scope })))
      .execute();
  },
};
