import { describe, expect, it } from 'vitest';
import { daysOverdue, deriveTaskStatus, expectedOn, type TaskFacts } from './task-status.js';

// A task of the year 2025: 0 → 100 trained officers, 1 January to 31 December.
const indicatorTask: TaskFacts = {
  start: '2025-01-01',
  due: '2025-12-31',
  indicator: { baseline: 0, target: 100 },
  completedOn: null,
};
const milestone: TaskFacts = { start: '2025-01-01', due: '2025-12-31', indicator: null, completedOn: null };

describe('task status at its boundaries', () => {
  it('is at risk, not overdue, on the due date itself', () => {
    expect(deriveTaskStatus(milestone, null, '2025-12-31')).toEqual({
      status: 'at_risk',
      reason: { code: 'due_soon', params: { due: '2025-12-31', days: 0 } },
    });
  });

  it('is overdue the day after the due date, by one day', () => {
    expect(deriveTaskStatus(milestone, null, '2026-01-01')).toEqual({
      status: 'overdue',
      reason: { code: 'overdue', params: { due: '2025-12-31', days: 1 } },
    });
    expect(daysOverdue('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysOverdue('2025-12-31', '2025-12-31')).toBe(0);
  });

  it('is at risk 30 days before the due date and on track 31 days before', () => {
    expect(deriveTaskStatus(milestone, null, '2025-12-01').status).toBe('at_risk');
    expect(deriveTaskStatus(milestone, null, '2025-11-30')).toEqual({
      status: 'on_track',
      reason: { code: 'in_time', params: { due: '2025-12-31', days: 31 } },
    });
  });

  it('is at risk behind the straight line and on track on it or ahead of it', () => {
    // On 30 June (day 180 of 364) the line is at 49.45.
    expect(expectedOn(indicatorTask, indicatorTask.indicator!, '2025-06-30')).toBe(49.45);
    expect(deriveTaskStatus(indicatorTask, { value: 49, asOf: '2025-06-30' }, '2025-07-15')).toEqual({
      status: 'at_risk',
      reason: { code: 'behind_line', params: { value: 49, expected: 49.45, asOf: '2025-06-30' } },
    });
    expect(deriveTaskStatus(indicatorTask, { value: 50, asOf: '2025-06-30' }, '2025-07-15')).toMatchObject({
      status: 'on_track',
      reason: { code: 'on_line' },
    });
  });

  it('reads the line downwards when the target is below the baseline', () => {
    const fewer: TaskFacts = { ...indicatorTask, indicator: { baseline: 100, target: 0 } };
    expect(deriveTaskStatus(fewer, { value: 40, asOf: '2025-06-30' }, '2025-07-15').status).toBe('on_track');
    expect(deriveTaskStatus(fewer, { value: 60, asOf: '2025-06-30' }, '2025-07-15').status).toBe('at_risk');
    expect(deriveTaskStatus(fewer, { value: 0, asOf: '2025-06-30' }, '2025-07-15').status).toBe('done');
  });

  it('is done when the target is reached or the milestone completed, even after the due date', () => {
    expect(deriveTaskStatus(indicatorTask, { value: 100, asOf: '2025-09-30' }, '2026-03-01')).toEqual({
      status: 'done',
      reason: { code: 'target_reached', params: { value: 100, target: 100, asOf: '2025-09-30' } },
    });
    expect(deriveTaskStatus({ ...milestone, completedOn: '2025-05-02' }, null, '2026-03-01')).toEqual({
      status: 'done',
      reason: { code: 'completed', params: { on: '2025-05-02' } },
    });
  });

  it('is at risk with no validated figure once its first period is over, not before', () => {
    expect(deriveTaskStatus(indicatorTask, null, '2025-03-31', '2025-03-31').status).toBe('on_track');
    expect(deriveTaskStatus(indicatorTask, null, '2025-04-01', '2025-03-31')).toMatchObject({
      status: 'at_risk',
      reason: { code: 'no_progress', params: { asOf: '2025-04-01' } },
    });
  });

  it('puts the whole line on the target for a task that starts and ends the same day', () => {
    const oneDay = { start: '2025-05-01', due: '2025-05-01' };
    expect(expectedOn(oneDay, { baseline: 0, target: 10 }, '2025-05-01')).toBe(10);
  });
});
