import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { periodicityKinds } from '../../core/coordination/task-rules.js';
import { duplicate, GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { parsePeriodKey, type Period } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { asCode, asId, fieldNames } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { notify, recipients } from '../notifications/notifications.service.js';
import { planRepo, type ProgressRow, type TaskListRow } from './plan.repo.js';
import type { EvidenceBody, ProgressBody, ProgressUpdate, ProgressView } from './plan.schemas.js';
import { presentProgress } from './progress.presenters.js';

// Progress on a task is reported per period by an agency that leads or supports it (draft →
// submitted), then validated or returned with a comment by the secretariat (returned → edited
// → submitted again). Only validated figures count towards a task's status. A draft is the
// reporting agency's own work in progress: no one else sees it.

/** What progress use cases run with: a route's UseCase is one. */
export type ProgressContext = Readonly<{ tx: Executor; actor: Actor; today: string; now: string }>;

/** At most this many bytes per evidence file (the request limit is 1 MiB, base64 adds a third). */
export const maxEvidenceBytes = 512 * 1024;

const editable = (row: ProgressRow) => row.status === 'draft' || row.status === 'returned';

async function taskOf(tx: Executor, taskId: string): Promise<TaskListRow> {
  const task = await planRepo.getTask(tx, taskId);
  if (!task) throw new GuiaError('resource.not_found', { entity: 'task' });
  return task;
}

/** The agencies that may report on a task: its lead and its supporting agencies. */
async function reportingAgencies(tx: Executor, task: TaskListRow): Promise<string[]> {
  const supporting = await planRepo.supporting(tx, [task.id]);
  return [task.lead_agency_id, ...supporting.map((s) => s.id)];
}

/** Whether the actor may see this report: anyone reading the plan once submitted; a draft only its agency. */
export function canSeeProgress(actor: Actor, row: ProgressRow): boolean {
  if (row.status === 'draft') return can(actor, 'progress.report', { agencyIds: [row.agency_id] });
  return can(actor, 'plan.read');
}

/** A report the actor may see, else 404 (a draft of another agency is not there for them). */
async function visibleProgress(tx: Executor, actor: Actor, progressId: string): Promise<ProgressRow> {
  const row = await planRepo.getProgress(tx, progressId);
  if (!row || !canSeeProgress(actor, row)) throw new GuiaError('resource.not_found', { entity: 'progress' });
  return row;
}

/** A report the actor's agency may still change: its own agency's, draft or returned. */
async function ownEditable(tx: Executor, actor: Actor, progressId: string): Promise<ProgressRow> {
  const row = await visibleProgress(tx, actor, progressId);
  authorize(actor, 'progress.report', { agencyIds: [row.agency_id] });
  if (!editable(row)) throw new GuiaError('progress.not_editable');
  return row;
}

/** The period a report is for: of the task's periodicity, overlapping the task, not yet to come. */
function periodFor(task: TaskListRow, key: string, today: string): Period {
  const period = parsePeriodKey(key, 'period');
  if (period.kind !== periodicityKinds[task.periodicity])
    throw invalid('period', 'not_task_periodicity', { periodicity: task.periodicity });
  if (period.end < task.start_date || period.start > task.due_date)
    throw invalid('period', 'outside_task', { start: task.start_date, end: task.due_date });
  if (period.start > today) throw invalid('period', 'future_date');
  return period;
}

/** An indicator task needs a figure; a milestone task has none (it is reached or not). */
function checkFigure(task: TaskListRow, value: number | null | undefined): void {
  const indicator = task.target !== null;
  if (indicator && (value === null || value === undefined)) throw invalid('value', 'value_required');
  if (!indicator && value !== null && value !== undefined) throw invalid('value', 'milestone_no_value');
}

function summaryOf(row: ProgressRow) {
  return { taskId: asId(row.task_id), agencyId: asId(row.agency_id), period: asCode(row.period_key) };
}

export const progressService = {
  async listOfTask(ctx: ProgressContext, taskId: string): Promise<ProgressView[]> {
    await taskOf(ctx.tx, taskId);
    const rows = await planRepo.progressOfTask(ctx.tx, taskId);
    return presentProgress(
      ctx.tx,
      rows.filter((row) => canSeeProgress(ctx.actor, row)),
    );
  },

  async get(ctx: ProgressContext, progressId: string): Promise<ProgressView> {
    const row = await visibleProgress(ctx.tx, ctx.actor, progressId);
    return (await presentProgress(ctx.tx, [row]))[0]!;
  },

  /** Reports waiting for the secretariat, oldest first. */
  async pending(ctx: ProgressContext): Promise<ProgressView[]> {
    authorize(ctx.actor, 'progress.validate');
    return presentProgress(ctx.tx, await planRepo.progressByStatus(ctx.tx, 'submitted'));
  },

  async draft(ctx: ProgressContext, taskId: string, input: ProgressBody): Promise<ProgressView> {
    const { tx, actor, today, now } = ctx;
    const task = await taskOf(tx, taskId);
    // The actor's own agency must lead or support the task: an officer reports for no one else.
    authorize(actor, 'progress.report', { agencyIds: await reportingAgencies(tx, task) });
    const period = periodFor(task, input.period, today);
    checkFigure(task, input.value);
    const existing = (await planRepo.progressOfTask(tx, taskId)).find(
      (r) => r.agency_id === actor.agencyId && r.period_key === period.key,
    );
    if (existing) throw duplicate('period');
    const row: ProgressRow = {
      id: uuidv7(),
      task_id: task.id,
      agency_id: actor.agencyId,
      period_key: period.key,
      period_end: period.end,
      value: input.value ?? null,
      complete: input.complete ? 1 : 0,
      narrative: input.narrative,
      status: 'draft',
      submitted_at: null,
      submitted_by: null,
      decided_at: null,
      decided_by: null,
      decision_comment: null,
      ...creationStamps(actor.userId, now),
    };
    await planRepo.insertProgress(tx, row);
    await auditService.record(tx, actor, 'progress.drafted', {
      entityType: 'progress',
      entityId: row.id,
      summary: summaryOf(row),
    });
    return (await presentProgress(tx, [row]))[0]!;
  },

  async update(ctx: ProgressContext, progressId: string, input: ProgressUpdate): Promise<ProgressView> {
    const { tx, actor, now } = ctx;
    const row = await ownEditable(tx, actor, progressId);
    const task = await taskOf(tx, row.task_id);
    if (input.value !== undefined) checkFigure(task, input.value);
    if (row.version !== input.version) throw new GuiaError('resource.stale', { entity: 'progress' });
    const changes = {
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.complete !== undefined ? { complete: input.complete ? 1 : 0 } : {}),
      ...(input.narrative !== undefined ? { narrative: input.narrative } : {}),
      ...updateStamps(actor.userId, now),
    };
    await planRepo.updateProgress(tx, row.id, input.version, changes);
    await auditService.record(tx, actor, 'progress.updated', {
      entityType: 'progress',
      entityId: row.id,
      summary: { ...summaryOf(row), fields: fieldNames(input, 'version') },
    });
    return (await presentProgress(tx, [{ ...row, ...changes, version: row.version + 1 }]))[0]!;
  },

  async submit(ctx: ProgressContext, progressId: string, version: number): Promise<ProgressView> {
    const { tx, actor, now } = ctx;
    const row = await ownEditable(tx, actor, progressId);
    checkFigure(await taskOf(tx, row.task_id), row.value);
    const changes = {
      status: 'submitted' as const,
      submitted_at: now,
      submitted_by: actor.userId,
      ...updateStamps(actor.userId, now),
    };
    await planRepo.updateProgress(tx, row.id, version, changes);
    await auditService.record(tx, actor, 'progress.submitted', {
      entityType: 'progress',
      entityId: row.id,
      summary: summaryOf(row),
    });
    await notify(
      tx,
      await recipients.whoMay(tx, 'progress.validate'),
      'progress.submitted',
      { taskId: row.task_id, progressId: row.id, agencyId: row.agency_id },
      { by: actor.userId, now },
    );
    return (await presentProgress(tx, [{ ...row, ...changes, version: version + 1 }]))[0]!;
  },

  /** Validates (the figure counts from now on) or returns a submitted report with a comment. */
  async decide(
    ctx: ProgressContext,
    progressId: string,
    decision: { version: number; comment?: string },
    outcome: 'validated' | 'returned',
  ): Promise<ProgressView> {
    const { tx, actor, today, now } = ctx;
    authorize(actor, 'progress.validate');
    const row = await visibleProgress(tx, actor, progressId);
    if (row.status !== 'submitted') throw new GuiaError('progress.not_submitted');
    // Separation of duties: whoever wrote or submitted a report does not judge it.
    if (row.submitted_by === actor.userId || row.created_by === actor.userId)
      throw new GuiaError('progress.own_report');
    const changes = {
      status: outcome,
      decided_at: now,
      decided_by: actor.userId,
      decision_comment: outcome === 'returned' ? (decision.comment ?? null) : null,
      ...updateStamps(actor.userId, now),
    };
    await planRepo.updateProgress(tx, row.id, decision.version, changes);
    if (outcome === 'validated' && row.complete) {
      const task = await taskOf(tx, row.task_id);
      if (!task.completed_on)
        await planRepo.updateTask(tx, task.id, task.version, {
          completed_on: row.period_end < today ? row.period_end : today,
          ...updateStamps(actor.userId, now),
        });
    }
    await auditService.record(
      tx,
      actor,
      outcome === 'validated' ? 'progress.validated' : 'progress.returned',
      {
        entityType: 'progress',
        entityId: row.id,
        summary: summaryOf(row),
      },
    );
    // The reporting agency hears of the answer, whichever of its officers wrote the report.
    await notify(
      tx,
      await recipients.ofAgencyWhoMay(tx, row.agency_id, 'progress.report'),
      outcome === 'validated' ? 'progress.validated' : 'progress.returned',
      { taskId: row.task_id, progressId: row.id },
      { by: actor.userId, now },
    );
    return (await presentProgress(tx, [{ ...row, ...changes, version: decision.version + 1 }]))[0]!;
  },

  async addEvidence(ctx: ProgressContext, progressId: string, input: EvidenceBody): Promise<ProgressView> {
    const { tx, actor, now } = ctx;
    const row = await ownEditable(tx, actor, progressId);
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0 || content.toString('base64') !== input.contentBase64.replace(/\s/g, ''))
      throw invalid('contentBase64', 'invalid_format');
    if (content.length > maxEvidenceBytes)
      throw invalid('contentBase64', 'too_large_file', { maximum: maxEvidenceBytes });
    const id = uuidv7();
    await planRepo.insertEvidence(tx, {
      id,
      progress_id: row.id,
      file_name: input.fileName,
      media_type: input.mediaType,
      size: content.length,
      content_base64: content.toString('base64'),
      created_at: now,
      created_by: actor.userId,
    });
    await auditService.record(tx, actor, 'progress.evidence_added', {
      entityType: 'progress',
      entityId: row.id,
      summary: { ...summaryOf(row), evidenceId: asId(id), bytes: content.length },
    });
    return (await presentProgress(tx, [row]))[0]!;
  },

  async evidence(ctx: ProgressContext, progressId: string, evidenceId: string) {
    const row = await visibleProgress(ctx.tx, ctx.actor, progressId);
    const file = await planRepo.getEvidence(ctx.tx, row.id, evidenceId);
    if (!file) throw new GuiaError('resource.not_found', { entity: 'evidence' });
    return {
      fileName: file.file_name,
      mediaType: file.media_type,
      content: Buffer.from(file.content_base64, 'base64'),
    };
  },
};
