import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { taskShapeErrors, type PeriodicityName, type TaskShape } from '../../core/coordination/task-rules.js';
import { daysOverdue } from '../../core/coordination/task-status.js';
import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { asId, asIdOrNull, asIsoDate, fieldNames } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { planRepo, type TaskFilter } from './plan.repo.js';
import type { OverdueItem, TaskQuery, TaskSummary, TaskUpdate } from './plan.schemas.js';
import { summarise } from './tasks.presenters.js';
import { notify, recipients } from '../notifications/notifications.service.js';

/**
 * What task use cases run with: a transaction, who acts (a user, or the command line), the
 * committee's date and the instant stamped on rows. A route's `UseCase` is one.
 */
export type PlanContext = Readonly<{ tx: Executor; actor: AuditActor; today: string; now: string }>;

/**
 * A task to create. Without `objectiveId` the task stands outside the plan: a meeting's
 * decision creates such a task, and the secretariat may attach it to an objective later.
 */
export type NewTask = TaskShape & {
  objectiveId?: string | undefined;
  /** The meeting decision the task comes from (meetings module). */
  decisionId?: string | undefined;
  title: string;
  leadAgencyId: string;
  supportingAgencyIds?: readonly string[] | undefined;
  periodicity?: PeriodicityName | undefined;
};

function refuse(errors: ReturnType<typeof taskShapeErrors>): void {
  if (errors.length > 0) throw new GuiaError('validation.failed', {}, errors);
}

/** Active agencies by id; an unknown or inactive id is refused naming `path`. */
async function checkAgencies(tx: Executor, path: string, ids: readonly string[]): Promise<void> {
  const found = await planRepo.agencyCodes(tx, ids);
  ids.forEach((id, i) => {
    const agency = found.find((a) => a.id === id);
    const at = path.endsWith('Ids') ? `${path}.${i}` : path;
    if (!agency) throw invalid(at, 'unknown');
    if (!agency.active) throw invalid(at, 'inactive');
  });
}

/**
 * Creates a task, in the plan (under an objective) or outside it. The caller has decided the
 * actor may (`plan.manage`, or `meeting.manage` for a decision's task). Audited as
 * `task.created` in the caller's transaction.
 */
export async function createTask(ctx: PlanContext, input: NewTask): Promise<TaskSummary> {
  const { tx, actor, now, today } = ctx;
  const objective = input.objectiveId ? await planRepo.getObjective(tx, input.objectiveId) : undefined;
  if (input.objectiveId && !objective) throw invalid('objectiveId', 'unknown');
  const plan = objective ? await planRepo.getPlan(tx, objective.plan_id) : undefined;
  refuse(taskShapeErrors(input, plan ? { start: plan.start_date, end: plan.end_date } : undefined));
  await checkAgencies(tx, 'leadAgencyId', [input.leadAgencyId]);
  const supporting = [...new Set(input.supportingAgencyIds ?? [])].filter((id) => id !== input.leadAgencyId);
  await checkAgencies(tx, 'supportingAgencyIds', supporting);
  const id = uuidv7();
  const hasTarget = input.target !== null && input.target !== undefined;
  await planRepo.insertTask(tx, {
    id,
    plan_id: plan?.id ?? null,
    objective_id: objective?.id ?? null,
    decision_id: input.decisionId ?? null,
    title: input.title,
    lead_agency_id: input.leadAgencyId,
    start_date: input.startDate,
    due_date: input.dueDate,
    indicator: hasTarget ? (input.indicator ?? null) : null,
    unit: hasTarget ? (input.unit ?? null) : null,
    baseline: hasTarget ? (input.baseline ?? 0) : null,
    target: hasTarget ? input.target! : null,
    periodicity: input.periodicity ?? 'quarterly',
    completed_on: null,
    ...creationStamps(actor.userId, now),
  });
  await planRepo.insertSupporting(tx, id, supporting);
  await auditService.record(tx, actor, 'task.created', {
    entityType: 'task',
    entityId: id,
    summary: {
      planId: asIdOrNull(plan?.id ?? null),
      objectiveId: asIdOrNull(objective?.id ?? null),
      decisionId: asIdOrNull(input.decisionId ?? null),
      leadAgencyId: asId(input.leadAgencyId),
      due: asIsoDate(input.dueDate),
    },
  });
  // The lead agency learns of its new task where it works: the notification centre and the digest.
  await notify(
    tx,
    await recipients.ofAgencyWhoMay(tx, input.leadAgencyId, 'progress.report'),
    'task.assigned',
    { taskId: id, agencyId: input.leadAgencyId },
    { by: actor.userId, now },
  );
  return (await taskSummaries(tx, today, { ids: [id] }))[0]!;
}

/** Task summaries with their derived status, narrowed by the board's filters. */
export async function taskSummaries(
  db: Executor,
  today: string,
  query: TaskQuery & { ids?: string[] } & Pick<TaskFilter, 'dueBy' | 'dueBefore' | 'agencyId'>,
): Promise<TaskSummary[]> {
  let agencyId = query.agencyId;
  if (query.agency) {
    const agency = await planRepo.agencyByCode(db, query.agency);
    if (!agency) return [];
    agencyId = agency.id;
  }
  const rows = query.ids
    ? (await Promise.all(query.ids.map((id) => planRepo.getTask(db, id)))).filter((r) => r !== undefined)
    : await planRepo.tasks(db, {
        ...(query.planId ? { planId: query.planId } : {}),
        ...(query.objectiveId ? { objectiveId: query.objectiveId } : {}),
        ...(query.pillar ? { pillar: query.pillar } : {}),
        ...(agencyId ? { agencyId } : {}),
        ...(query.dueBy ? { dueBy: query.dueBy } : {}),
        ...(query.dueBefore ? { dueBefore: query.dueBefore } : {}),
      });
  const summaries = await summarise(db, rows, today);
  return query.status ? summaries.filter((s) => s.status === query.status) : summaries;
}

export const tasksService = {
  create: createTask,

  async update(ctx: PlanContext, taskId: string, input: TaskUpdate): Promise<TaskSummary> {
    const { tx, actor, now, today } = ctx;
    const row = await planRepo.getTask(tx, taskId);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'task' });
    const plan = row.plan_id ? await planRepo.getPlan(tx, row.plan_id) : undefined;
    const pick = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
    const target = pick(input.target, row.target);
    const merged = {
      startDate: input.startDate ?? row.start_date,
      dueDate: input.dueDate ?? row.due_date,
      indicator: pick(input.indicator, row.indicator),
      unit: pick(input.unit, row.unit),
      baseline: target === null ? null : (pick(input.baseline, row.baseline) ?? 0),
      target,
    };
    refuse(taskShapeErrors(merged, plan ? { start: plan.start_date, end: plan.end_date } : undefined));
    if (row.version !== input.version) throw new GuiaError('resource.stale', { entity: 'task' });
    if (input.supportingAgencyIds) {
      const supporting = [...new Set(input.supportingAgencyIds)].filter((id) => id !== row.lead_agency_id);
      await checkAgencies(tx, 'supportingAgencyIds', supporting);
      await planRepo.deleteSupporting(tx, taskId);
      await planRepo.insertSupporting(tx, taskId, supporting);
    }
    await planRepo.updateTask(tx, taskId, input.version, {
      title: input.title ?? row.title,
      start_date: merged.startDate,
      due_date: merged.dueDate,
      indicator: merged.indicator,
      unit: merged.unit,
      baseline: merged.baseline,
      target: merged.target,
      periodicity: input.periodicity ?? row.periodicity,
      ...updateStamps(actor.userId, now),
    });
    await auditService.record(tx, actor, 'task.updated', {
      entityType: 'task',
      entityId: taskId,
      summary: { fields: fieldNames(input, 'version') },
    });
    return (await taskSummaries(tx, today, { ids: [taskId] }))[0]!;
  },

  /** Tasks not done whose due date is before `today`, longest overdue first (the CLI's contract). */
  async overdue(db: Executor, today: string): Promise<OverdueItem[]> {
    const summaries = await taskSummaries(db, today, { dueBefore: today });
    return summaries
      .filter((s) => s.status === 'overdue')
      .map((s) => ({
        task: s.id,
        title: s.title,
        agency: s.leadAgency.code,
        due: s.dueDate,
        daysOverdue: daysOverdue(s.dueDate, today),
      }))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.task.localeCompare(b.task));
  },
};
