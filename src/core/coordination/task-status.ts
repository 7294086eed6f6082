import { daysBetween } from '../periods.js';

// A task's status is derived from its dates, its indicator and its validated progress, never
// typed by anyone: the committee "follows up and evaluates the progress of every task", and a
// status someone can set by hand says what they hope, not where the task is.

export const taskStatuses = ['done', 'on_track', 'at_risk', 'overdue'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Days before the due date from which an incomplete task is at risk. */
export const atRiskWindowDays = 30;

/** What the rule needs to know of a task. */
export type TaskFacts = {
  start: string;
  due: string;
  /** An indicator task has a baseline and a target; a milestone task has neither. */
  indicator: { baseline: number; target: number } | null;
  /** A milestone reached (validated), or an indicator task closed as done; the date it was. */
  completedOn: string | null;
};

/** The latest validated figure of an indicator task, and the last day of the period it measures. */
export type Measurement = { value: number; asOf: string };

/** Why a task has its status, as a code and the figures a sentence needs (translated by the reader). */
export type StatusReason =
  | { code: 'completed'; params: { on: string } }
  | { code: 'target_reached'; params: { value: number; target: number; asOf: string } }
  | { code: 'overdue'; params: { due: string; days: number } }
  | { code: 'due_soon'; params: { due: string; days: number } }
  | { code: 'behind_line'; params: { value: number; expected: number; asOf: string } }
  | { code: 'no_progress'; params: { expected: number; asOf: string } }
  | { code: 'on_line'; params: { value: number; expected: number; asOf: string } }
  | { code: 'in_time'; params: { due: string; days: number } };

export type DerivedStatus = { status: TaskStatus; reason: StatusReason };

/** The value the straight line from baseline (at start) to target (at due) reaches on `date`. */
export function expectedOn(
  facts: Pick<TaskFacts, 'start' | 'due'>,
  line: { baseline: number; target: number },
  date: string,
): number {
  const total = daysBetween(facts.start, facts.due);
  if (total <= 0) return line.target;
  const elapsed = Math.min(Math.max(daysBetween(facts.start, date), 0), total);
  return round(line.baseline + ((line.target - line.baseline) * elapsed) / total);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Whether `value` is at least as far along as `reference`, for a target above or below the baseline. */
function atLeast(value: number, reference: number, line: { baseline: number; target: number }): boolean {
  return line.target >= line.baseline ? value >= reference : value <= reference;
}

/**
 * The status of a task on `today`:
 * - done: a milestone reached, or the latest validated figure at or past the target;
 * - overdue: not done, and the due date is before today (on the due date itself it is not);
 * - at risk: not done, and due within 30 days, or behind the straight line from the baseline
 *   at the start to the target at the due date (the latest validated figure is compared with
 *   the line at the end of the period it measures; with none, once the first period of
 *   `firstPeriodEnd` is over, the task has not moved from its baseline);
 * - on track otherwise.
 */
export function deriveTaskStatus(
  facts: TaskFacts,
  latest: Measurement | null,
  today: string,
  firstPeriodEnd?: string,
): DerivedStatus {
  if (facts.completedOn)
    return { status: 'done', reason: { code: 'completed', params: { on: facts.completedOn } } };
  const line = facts.indicator;
  if (line && latest && atLeast(latest.value, line.target, line))
    return {
      status: 'done',
      reason: {
        code: 'target_reached',
        params: { value: latest.value, target: line.target, asOf: latest.asOf },
      },
    };
  const daysLeft = daysBetween(today, facts.due);
  if (daysLeft < 0)
    return { status: 'overdue', reason: { code: 'overdue', params: { due: facts.due, days: -daysLeft } } };
  if (daysLeft <= atRiskWindowDays)
    return { status: 'at_risk', reason: { code: 'due_soon', params: { due: facts.due, days: daysLeft } } };
  if (line && latest) {
    const expected = expectedOn(facts, line, latest.asOf);
    const params = { value: latest.value, expected, asOf: latest.asOf };
    return atLeast(latest.value, expected, line)
      ? { status: 'on_track', reason: { code: 'on_line', params } }
      : { status: 'at_risk', reason: { code: 'behind_line', params } };
  }
  if (line && firstPeriodEnd && firstPeriodEnd < today) {
    const expected = expectedOn(facts, line, today);
    if (!atLeast(line.baseline, expected, line))
      return { status: 'at_risk', reason: { code: 'no_progress', params: { expected, asOf: today } } };
  }
  return { status: 'on_track', reason: { code: 'in_time', params: { due: facts.due, days: daysLeft } } };
}

/** Whole days a task is past its due date on `today` (0 on the due date and before). */
export function daysOverdue(due: string, today: string): number {
  return Math.max(daysBetween(due, today), 0);
}
