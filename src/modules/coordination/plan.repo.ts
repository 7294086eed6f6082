import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  CorrectiveActionTable,
  Executor,
  PlanObjectiveTable,
  PlanTable,
  ProgressEvidenceTable,
  ProgressStatus,
  ProgressUpdateTable,
  TaskTable,
} from '../../db/schema.js';
import { updateVersionedOrStale } from '../../db/versioned.js';

export type PlanRow = Selectable<PlanTable>;
export type ObjectiveRow = Selectable<PlanObjectiveTable>;
export type TaskRow = Selectable<TaskTable>;
export type ProgressRow = Selectable<ProgressUpdateTable>;
export type EvidenceRow = Omit<Selectable<ProgressEvidenceTable>, 'content_base64'>;
export type CorrectiveRow = Selectable<CorrectiveActionTable>;

export type TaskFilter = {
  planId?: string;
  objectiveId?: string;
  /** Tasks this agency leads or supports. */
  agencyId?: string;
  pillar?: string;
  /** Due before this day and not closed. */
  dueBefore?: string;
  /** Due on or before this day and not closed. */
  dueBy?: string;
};

function taskQuery(db: Executor) {
  return db
    .selectFrom('tasks')
    .leftJoin('plan_objectives', 'plan_objectives.id', 'tasks.objective_id')
    .innerJoin('agencies', 'agencies.id', 'tasks.lead_agency_id')
    .selectAll('tasks')
    .select(['plan_objectives.pillar', 'agencies.code as lead_agency_code']);
}
export type TaskListRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

export const planRepo = {
  // --- plans and objectives ---

  insertPlan: (db: Executor, row: Insertable<PlanTable>) => db.insertInto('plans').values(row).execute(),
  getPlan: (db: Executor, id: string) =>
    db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst(),
  planByName: (db: Executor, name: string) =>
    db.selectFrom('plans').select('id').where('name', '=', name).executeTakeFirst(),
  plans: (db: Executor) => db.selectFrom('plans').selectAll().orderBy('start_date', 'desc').execute(),
  insertObjective: (db: Executor, row: Insertable<PlanObjectiveTable>) =>
    db.insertInto('plan_objectives').values(row).execute(),
  getObjective: (db: Executor, id: string) =>
    db.selectFrom('plan_objectives').selectAll().where('id', '=', id).executeTakeFirst(),
  objectives: (db: Executor, planId: string) =>
    db.selectFrom('plan_objectives').selectAll().where('plan_id', '=', planId).orderBy('position').execute(),
  async nextObjectivePosition(db: Executor, planId: string): Promise<number> {
    const row = await db
      .selectFrom('plan_objectives')
      .select((eb) => eb.fn.max<number | null>('position').as('last'))
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  },

  // --- tasks ---

  insertTask: (db: Executor, row: Insertable<TaskTable>) => db.insertInto('tasks').values(row).execute(),
  getTask: (db: Executor, id: string) => taskQuery(db).where('tasks.id', '=', id).executeTakeFirst(),
  updateTask: (db: Executor, id: string, version: number, changes: Updateable<TaskTable>) =>
    updateVersionedOrStale(db, 'tasks', id, version, changes, 'task'),
  tasks(db: Executor, filter: TaskFilter) {
    let query = taskQuery(db);
    if (filter.planId) query = query.where('tasks.plan_id', '=', filter.planId);
    if (filter.objectiveId) query = query.where('tasks.objective_id', '=', filter.objectiveId);
    if (filter.pillar) query = query.where('plan_objectives.pillar', '=', filter.pillar as never);
    if (filter.agencyId) {
      const agencyId = filter.agencyId;
      query = query.where((eb) =>
        eb.or([
          eb('tasks.lead_agency_id', '=', agencyId),
          eb(
            'tasks.id',
            'in',
            eb.selectFrom('task_agencies').select('task_id').where('agency_id', '=', agencyId),
          ),
        ]),
      );
    }
    if (filter.dueBefore)
      query = query.where('tasks.due_date', '<', filter.dueBefore).where('tasks.completed_on', 'is', null);
    if (filter.dueBy)
      query = query.where('tasks.due_date', '<=', filter.dueBy).where('tasks.completed_on', 'is', null);
    return query.orderBy('tasks.due_date').orderBy('tasks.id').execute();
  },
  insertSupporting: (db: Executor, taskId: string, agencyIds: readonly string[]) =>
    agencyIds.length === 0
      ? Promise.resolve()
      : db
          .insertInto('task_agencies')
          .values(agencyIds.map((agency_id) => ({ task_id: taskId, agency_id })))
          .execute()
          .then(() => undefined),
  deleteSupporting: (db: Executor, taskId: string) =>
    db.deleteFrom('task_agencies').where('task_id', '=', taskId).execute(),
  /** The supporting agencies of these tasks, with their codes. */
  supporting: (db: Executor, taskIds: readonly string[]) =>
    taskIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('task_agencies')
          .innerJoin('agencies', 'agencies.id', 'task_agencies.agency_id')
          .select(['task_agencies.task_id', 'agencies.id', 'agencies.code'])
          .where('task_agencies.task_id', 'in', taskIds)
          .orderBy('agencies.code')
          .execute(),
  /** Validated figures of these tasks, latest period first. */
  validatedFigures: (db: Executor, taskIds: readonly string[]) =>
    taskIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('progress_updates')
          .select(['task_id', 'value', 'period_end'])
          .where('task_id', 'in', taskIds)
          .where('status', '=', 'validated')
          .where('value', 'is not', null)
          .orderBy('period_end', 'desc')
          .orderBy('decided_at', 'desc')
          .execute(),

  // --- progress ---

  insertProgress: (db: Executor, row: Insertable<ProgressUpdateTable>) =>
    db.insertInto('progress_updates').values(row).execute(),
  getProgress: (db: Executor, id: string) =>
    db.selectFrom('progress_updates').selectAll().where('id', '=', id).executeTakeFirst(),
  updateProgress: (db: Executor, id: string, version: number, changes: Updateable<ProgressUpdateTable>) =>
    updateVersionedOrStale(db, 'progress_updates', id, version, changes, 'progress'),
  progressOfTask: (db: Executor, taskId: string) =>
    db
      .selectFrom('progress_updates')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('period_end', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  /** Progress in one status, of one agency if given, decided on or after `decidedSince` if given. */
  progressByStatus: (db: Executor, status: ProgressStatus, agencyId?: string, decidedSince?: string) => {
    let query = db.selectFrom('progress_updates').selectAll().where('status', '=', status);
    if (agencyId) query = query.where('agency_id', '=', agencyId);
    if (decidedSince) query = query.where('decided_at', '>=', decidedSince);
    return query.orderBy('submitted_at').orderBy('id').execute();
  },
  async countByStatus(db: Executor, status: ProgressStatus): Promise<number> {
    const row = await db
      .selectFrom('progress_updates')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  insertEvidence: (db: Executor, row: Insertable<ProgressEvidenceTable>) =>
    db.insertInto('progress_evidence').values(row).execute(),
  evidenceOf: (db: Executor, progressIds: readonly string[]) =>
    progressIds.length === 0
      ? Promise.resolve([] as EvidenceRow[])
      : db
          .selectFrom('progress_evidence')
          .select(['id', 'progress_id', 'file_name', 'media_type', 'size', 'created_at', 'created_by'])
          .where('progress_id', 'in', progressIds)
          .orderBy('created_at')
          .execute(),
  getEvidence: (db: Executor, progressId: string, id: string) =>
    db
      .selectFrom('progress_evidence')
      .selectAll()
      .where('id', '=', id)
      .where('progress_id', '=', progressId)
      .executeTakeFirst(),

  // --- corrective actions ---

  insertCorrective: (db: Executor, row: Insertable<CorrectiveActionTable>) =>
    db.insertInto('corrective_actions').values(row).execute(),
  getCorrective: (db: Executor, id: string) =>
    db.selectFrom('corrective_actions').selectAll().where('id', '=', id).executeTakeFirst(),
  updateCorrective: (db: Executor, id: string, version: number, changes: Updateable<CorrectiveActionTable>) =>
    updateVersionedOrStale(db, 'corrective_actions', id, version, changes, 'corrective_action'),
  correctiveOf: (db: Executor, taskId: string) =>
    db
      .selectFrom('corrective_actions')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('due_date')
      .execute(),

  // --- names for views ---

  agencyCodes: (db: Executor, ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('agencies').select(['id', 'code', 'active']).where('id', 'in', ids).execute(),
  agencyByCode: (db: Executor, code: string) =>
    db.selectFrom('agencies').select(['id', 'code', 'active']).where('code', '=', code).executeTakeFirst(),
  allAgencies: (db: Executor) => db.selectFrom('agencies').select(['id', 'code', 'active']).execute(),
  userNames: (db: Executor, ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute(),
};
