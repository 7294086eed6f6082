import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { periodicityKinds } from '../../core/coordination/task-rules.js';
import { duplicate, GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { periodsBetween } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { asCode, asId, asIsoDate } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { planRepo } from './plan.repo.js';
import type {
  CorrectiveBody,
  CorrectiveView,
  ObjectiveBody,
  PlanBody,
  PlanView,
  TaskView,
} from './plan.schemas.js';
import { presentCorrective } from './progress.presenters.js';
import { progressService } from './progress.service.js';
import { taskSummaries, type PlanContext } from './tasks.service.js';

export type PlanUseCase = Readonly<{ tx: Executor; actor: Actor; today: string; now: string }>;

export const planService = {
  list: (db: Executor) =>
    planRepo
      .plans(db)
      .then((rows) =>
        rows.map((r) => ({ id: r.id, name: r.name, startDate: r.start_date, endDate: r.end_date })),
      ),

  async create(ctx: PlanContext, input: PlanBody): Promise<{ id: string }> {
    const { tx, actor, now } = ctx;
    if (input.endDate < input.startDate) throw invalid('endDate', 'before_start');
    if (await planRepo.planByName(tx, input.name)) throw duplicate('name');
    const id = uuidv7();
    await planRepo.insertPlan(tx, {
      id,
      name: input.name,
      start_date: input.startDate,
      end_date: input.endDate,
      ...creationStamps(actor.userId, now),
    });
    await auditService.record(tx, actor, 'plan.created', {
      entityType: 'plan',
      entityId: id,
      summary: { startDate: asIsoDate(input.startDate), endDate: asIsoDate(input.endDate) },
    });
    return { id };
  },

  async addObjective(ctx: PlanContext, planId: string, input: ObjectiveBody): Promise<{ id: string }> {
    const { tx, actor, now } = ctx;
    if (!(await planRepo.getPlan(tx, planId))) throw new GuiaError('resource.not_found', { entity: 'plan' });
    const id = uuidv7();
    await planRepo.insertObjective(tx, {
      id,
      plan_id: planId,
      position: await planRepo.nextObjectivePosition(tx, planId),
      title: input.title,
      pillar: input.pillar,
      ...creationStamps(actor.userId, now),
    });
    await auditService.record(tx, actor, 'objective.created', {
      entityType: 'objective',
      entityId: id,
      summary: { planId: asId(planId), pillar: asCode(input.pillar) },
    });
    return { id };
  },

  /** The plan as a tree: objectives in order, each with its tasks and their derived status. */
  async tree(db: Executor, planId: string, today: string): Promise<PlanView> {
    const plan = await planRepo.getPlan(db, planId);
    if (!plan) throw new GuiaError('resource.not_found', { entity: 'plan' });
    const [objectives, tasks] = await Promise.all([
      planRepo.objectives(db, planId),
      taskSummaries(db, today, { planId }),
    ]);
    return {
      id: plan.id,
      name: plan.name,
      startDate: plan.start_date,
      endDate: plan.end_date,
      version: plan.version,
      objectives: objectives.map((o) => ({
        id: o.id,
        position: o.position,
        title: o.title,
        pillar: o.pillar,
        tasks: tasks.filter((t) => t.objectiveId === o.id),
      })),
    };
  },

  /** A task's page: its summary, the progress the actor may see, corrective actions, the periods it reports on. */
  async taskView(ctx: PlanUseCase, taskId: string): Promise<TaskView> {
    const { tx, actor, today } = ctx;
    const [summary] = await taskSummaries(tx, today, { ids: [taskId] });
    if (!summary) throw new GuiaError('resource.not_found', { entity: 'task' });
    const row = await planRepo.getTask(tx, taskId);
    const objective = row?.objective_id ? await planRepo.getObjective(tx, row.objective_id) : undefined;
    const plan = row?.plan_id ? await planRepo.getPlan(tx, row.plan_id) : undefined;
    const agencyIds = [summary.leadAgency.id, ...summary.supportingAgencies.map((a) => a.id)];
    const periods = periodsBetween(periodicityKinds[summary.periodicity], summary.startDate, summary.dueDate)
      .filter((p) => p.start <= today)
      .map(({ key, start, end }) => ({ key, start, end }));
    return {
      ...summary,
      planName: plan?.name ?? null,
      objectiveTitle: objective?.title ?? null,
      progress: await progressService.listOfTask(ctx, taskId),
      correctiveActions: await presentCorrective(tx, await planRepo.correctiveOf(tx, taskId)),
      periods,
      can: {
        manage: can(actor, 'plan.manage'),
        report: can(actor, 'progress.report', { agencyIds }),
        validate: can(actor, 'progress.validate'),
      },
    };
  },

  async addCorrective(ctx: PlanContext, taskId: string, input: CorrectiveBody): Promise<CorrectiveView> {
    const { tx, actor, now } = ctx;
    const task = await planRepo.getTask(tx, taskId);
    if (!task) throw new GuiaError('resource.not_found', { entity: 'task' });
    const agency = (await planRepo.agencyCodes(tx, [input.agencyId]))[0];
    if (!agency) throw invalid('agencyId', 'unknown');
    const id = uuidv7();
    const row = {
      id,
      task_id: taskId,
      description: input.description,
      agency_id: input.agencyId,
      due_date: input.dueDate,
      completed_on: null,
      ...creationStamps(actor.userId, now),
    };
    await planRepo.insertCorrective(tx, row);
    await auditService.record(tx, actor, 'corrective_action.created', {
      entityType: 'corrective_action',
      entityId: id,
      summary: { taskId: asId(taskId), agencyId: asId(input.agencyId), due: asIsoDate(input.dueDate) },
    });
    return (await presentCorrective(tx, [row]))[0]!;
  },

  async completeCorrective(ctx: PlanContext, actionId: string, version: number): Promise<CorrectiveView> {
    const { tx, actor, now, today } = ctx;
    const row = await planRepo.getCorrective(tx, actionId);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'corrective_action' });
    const changes = { completed_on: today, ...updateStamps(actor.userId, now) };
    await planRepo.updateCorrective(tx, actionId, version, changes);
    await auditService.record(tx, actor, 'corrective_action.completed', {
      entityType: 'corrective_action',
      entityId: actionId,
      summary: { taskId: asId(row.task_id), on: asIsoDate(today) },
    });
    return (await presentCorrective(tx, [{ ...row, ...changes, version: version + 1 }]))[0]!;
  },
};
