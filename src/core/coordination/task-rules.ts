import type { FieldError } from '../errors.js';
import type { PeriodKind } from '../periods.js';

// The shape every task must have, whoever makes it (the plan screen, a meeting's decision, an
// imported spreadsheet): checked in one place so a row of a file and a form get the same words.

export type TaskShape = {
  startDate: string;
  dueDate: string;
  indicator?: string | null | undefined;
  unit?: string | null | undefined;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
};

/** The field errors of a task's dates and indicator; empty when it is well formed. */
export function taskShapeErrors(task: TaskShape, within?: { start: string; end: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (task.dueDate < task.startDate) errors.push({ path: 'dueDate', code: 'before_start' });
  if (within) {
    if (task.startDate < within.start || task.startDate > within.end)
      errors.push({ path: 'startDate', code: 'outside_plan', params: within });
    if (task.dueDate > within.end || task.dueDate < within.start)
      errors.push({ path: 'dueDate', code: 'outside_plan', params: within });
  }
  const hasTarget = task.target !== null && task.target !== undefined;
  const hasBaseline = task.baseline !== null && task.baseline !== undefined;
  if (hasTarget && !task.unit) errors.push({ path: 'unit', code: 'required_with_target' });
  if (hasTarget && !task.indicator) errors.push({ path: 'indicator', code: 'required_with_target' });
  if (!hasTarget && (hasBaseline || task.indicator || task.unit))
    errors.push({ path: 'target', code: 'required_with_indicator' });
  return errors;
}

export const periodicityKinds = {
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
  tip: 'tip',
} as const satisfies Record<string, PeriodKind>;
export type PeriodicityName = keyof typeof periodicityKinds;
