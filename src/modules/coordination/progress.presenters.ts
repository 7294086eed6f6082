import type { Executor } from '../../db/schema.js';
import { planRepo, type CorrectiveRow, type ProgressRow } from './plan.repo.js';
import type { CorrectiveView, ProgressView } from './plan.schemas.js';

/** Progress rows as views, with task titles, agency codes, names and evidence, in a few statements. */
export async function presentProgress(db: Executor, rows: readonly ProgressRow[]): Promise<ProgressView[]> {
  if (rows.length === 0) return [];
  const taskIds = [...new Set(rows.map((r) => r.task_id))];
  const userIds = [...new Set(rows.flatMap((r) => [r.created_by, r.decided_by]).filter((id) => id !== null))];
  const [tasks, agencies, users, evidence] = await Promise.all([
    Promise.all(taskIds.map((id) => planRepo.getTask(db, id))),
    planRepo.agencyCodes(db, [...new Set(rows.map((r) => r.agency_id))]),
    planRepo.userNames(db, userIds),
    planRepo.evidenceOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const user = (id: string | null) => {
    const found = users.find((u) => u.id === id);
    return found ? { id: found.id, name: found.name } : null;
  };
  return rows.map((row) => ({
    id: row.id,
    taskId: row.task_id,
    taskTitle: tasks.find((t) => t?.id === row.task_id)?.title ?? '',
    agency: { id: row.agency_id, code: agencies.find((a) => a.id === row.agency_id)?.code ?? '' },
    period: row.period_key,
    periodEnd: row.period_end,
    value: row.value,
    complete: row.complete === 1,
    narrative: row.narrative,
    status: row.status,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    decidedBy: user(row.decided_by),
    comment: row.decision_comment,
    createdBy: user(row.created_by),
    evidence: evidence
      .filter((e) => e.progress_id === row.id)
      .map((e) => ({
        id: e.id,
        fileName: e.file_name,
        mediaType: e.media_type,
        size: e.size,
        createdAt: e.created_at,
      })),
    version: row.version,
  }));
}

export async function presentCorrective(
  db: Executor,
  rows: readonly CorrectiveRow[],
): Promise<CorrectiveView[]> {
  const agencies = await planRepo.agencyCodes(db, [...new Set(rows.map((r) => r.agency_id))]);
  return rows.map((row) => ({
    id: row.id,
    taskId: row.task_id,
    description: row.description,
    agency: { id: row.agency_id, code: agencies.find((a) => a.id === row.agency_id)?.code ?? '' },
    dueDate: row.due_date,
    completedOn: row.completed_on,
    version: row.version,
  }));
}
