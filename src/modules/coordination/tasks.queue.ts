import { atRiskWindowDays } from '../../core/coordination/task-status.js';
import { can, type PolicyActor } from '../../core/permissions.js';
import { addDays, daysBetween, nextDay } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { planRepo, type ProgressRow } from './plan.repo.js';
import { taskSummaries } from './tasks.service.js';

// The part of a person's work queue (home page) that the action plan fills: the tasks of their
// agency that are due within 30 days or overdue, the progress their agency must correct
// (returned), the progress the secretariat validated lately (so that the agency sees its report
// accepted where it works), and, for the secretariat, the progress waiting for validation.

/** How long a validated report stays on its agency's home page. */
export const validatedShownDays = 14;

export type TaskQueueItem =
  | {
      kind: 'task_due';
      taskId: string;
      title: string;
      agency: string;
      due: string;
      status: 'at_risk' | 'overdue';
      /** Negative once overdue. */
      daysLeft: number;
    }
  | {
      kind: 'progress_to_validate' | 'progress_returned' | 'progress_validated';
      progressId: string;
      taskId: string;
      title: string;
      agency: string;
      period: string;
      /** When it was submitted (to validate) or returned. */
      since: string | null;
    };

async function progressItems(
  db: Executor,
  kind: 'progress_to_validate' | 'progress_returned' | 'progress_validated',
  rows: readonly ProgressRow[],
): Promise<TaskQueueItem[]> {
  const tasks = await Promise.all(
    [...new Set(rows.map((r) => r.task_id))].map((id) => planRepo.getTask(db, id)),
  );
  const agencies = await planRepo.agencyCodes(db, [...new Set(rows.map((r) => r.agency_id))]);
  return rows.map((row) => ({
    kind,
    progressId: row.id,
    taskId: row.task_id,
    title: tasks.find((t) => t?.id === row.task_id)?.title ?? '',
    agency: agencies.find((a) => a.id === row.agency_id)?.code ?? '',
    period: row.period_key,
    since: kind === 'progress_to_validate' ? row.submitted_at : row.decided_at,
  }));
}

/** The actor's action-plan work on `today`, most urgent first within each kind. */
export async function tasksQueue(db: Executor, actor: PolicyActor, today: string): Promise<TaskQueueItem[]> {
  const items: TaskQueueItem[] = [];
  if (can(actor, 'plan.read')) {
    // Due within the window: on or before today + 30 days.
    let horizon = today;
    for (let i = 0; i < atRiskWindowDays; i++) horizon = nextDay(horizon);
    const tasks = await taskSummaries(db, today, { agencyId: actor.agencyId, dueBy: horizon });
    for (const task of tasks) {
      if (task.status !== 'at_risk' && task.status !== 'overdue') continue;
      items.push({
        kind: 'task_due',
        taskId: task.id,
        title: task.title,
        agency: task.leadAgency.code,
        due: task.dueDate,
        status: task.status,
        daysLeft: daysBetween(today, task.dueDate),
      });
    }
  }
  if (can(actor, 'progress.report')) {
    const returned = await planRepo.progressByStatus(db, 'returned', actor.agencyId);
    items.push(...(await progressItems(db, 'progress_returned', returned)));
    const since = addDays(today, -validatedShownDays);
    const validated = await planRepo.progressByStatus(db, 'validated', actor.agencyId, since);
    items.push(...(await progressItems(db, 'progress_validated', validated)));
  }
  if (can(actor, 'progress.validate')) {
    const submitted = await planRepo.progressByStatus(db, 'submitted');
    // Nobody validates their own report: it is not their work to do.
    const others = submitted.filter((row) => row.submitted_by !== actor.userId);
    items.push(...(await progressItems(db, 'progress_to_validate', others)));
  }
  return items;
}
