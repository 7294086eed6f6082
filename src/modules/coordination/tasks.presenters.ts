import { deriveTaskStatus, type Measurement } from '../../core/coordination/task-status.js';
import { periodicityKinds } from '../../core/coordination/task-rules.js';
import { periodOf } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { planRepo, type TaskListRow } from './plan.repo.js';
import type { TaskSummary } from './plan.schemas.js';

/** What the status rule knows of a task row, and the latest validated figure. */
export function statusOf(row: TaskListRow, latest: Measurement | null, today: string) {
  const indicator = row.target !== null ? { baseline: row.baseline ?? 0, target: row.target } : null;
  const firstPeriodEnd = periodOf(periodicityKinds[row.periodicity], row.start_date).end;
  return deriveTaskStatus(
    { start: row.start_date, due: row.due_date, indicator, completedOn: row.completed_on },
    latest,
    today,
    firstPeriodEnd,
  );
}

/**
 * Task rows with their supporting agencies, latest validated figure and derived status, in
 * three statements whatever the number of tasks.
 */
export async function summarise(
  db: Executor,
  rows: readonly TaskListRow[],
  today: string,
): Promise<TaskSummary[]> {
  const ids = rows.map((r) => r.id);
  const [supporting, figures] = await Promise.all([
    planRepo.supporting(db, ids),
    planRepo.validatedFigures(db, ids),
  ]);
  const latest = new Map<string, Measurement>();
  for (const f of figures)
    if (!latest.has(f.task_id) && f.value !== null)
      latest.set(f.task_id, { value: f.value, asOf: f.period_end });
  return rows.map((row) => {
    const figure = latest.get(row.id) ?? null;
    const { status, reason } = statusOf(row, figure, today);
    return {
      id: row.id,
      title: row.title,
      planId: row.plan_id,
      objectiveId: row.objective_id,
      pillar: row.pillar,
      decisionId: row.decision_id,
      leadAgency: { id: row.lead_agency_id, code: row.lead_agency_code },
      supportingAgencies: supporting
        .filter((s) => s.task_id === row.id)
        .map(({ id, code }) => ({ id, code })),
      startDate: row.start_date,
      dueDate: row.due_date,
      indicator: row.indicator,
      unit: row.unit,
      baseline: row.baseline,
      target: row.target,
      periodicity: row.periodicity,
      completedOn: row.completed_on,
      latest: figure,
      status,
      reason: reason as TaskSummary['reason'],
      version: row.version,
    };
  });
}
