import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  PlanListItem,
  PlanView,
  ProgressView,
  TaskSummary,
  TaskView,
  type ProgressBody,
  type TaskQuery,
} from '../../../../src/modules/coordination/plan.schemas.js';
import { queryString, request } from '../../api/http.js';

export type Plan = z.output<typeof PlanView>;
export type Task = z.output<typeof TaskSummary>;
export type TaskPage = z.output<typeof TaskView>;
export type Progress = z.output<typeof ProgressView>;
export type TaskStatus = Task['status'];

/** Everything of the action plan sits under one key, refreshed together after a change. */
export const planKey = ['plan'] as const;

export const plansQuery = queryOptions({
  queryKey: [...planKey, 'plans'],
  queryFn: () => request(z.array(PlanListItem), 'GET', '/api/v1/plans'),
});

export const planQuery = (planId: string) =>
  queryOptions({
    queryKey: [...planKey, 'plan', planId],
    queryFn: () => request(PlanView, 'GET', `/api/v1/plans/${planId}`),
  });

export const tasksQuery = (filter: TaskQuery) =>
  queryOptions({
    queryKey: [...planKey, 'tasks', filter],
    queryFn: () => request(z.array(TaskSummary), 'GET', `/api/v1/tasks${queryString(filter)}`),
  });

export const taskQuery = (taskId: string) =>
  queryOptions({
    queryKey: [...planKey, 'task', taskId],
    queryFn: () => request(TaskView, 'GET', `/api/v1/tasks/${taskId}`),
  });

export const pendingQuery = queryOptions({
  queryKey: [...planKey, 'pending'],
  queryFn: () => request(z.array(ProgressView), 'GET', '/api/v1/progress/pending'),
});

export const planApi = {
  draft: (taskId: string, body: ProgressBody) =>
    request(ProgressView, 'POST', `/api/v1/tasks/${taskId}/progress`, body),
  submit: (progressId: string, version: number) =>
    request(ProgressView, 'POST', `/api/v1/progress/${progressId}/submit`, { version }),
  validate: (progressId: string, version: number) =>
    request(ProgressView, 'POST', `/api/v1/progress/${progressId}/validate`, { version }),
  returnWith: (progressId: string, version: number, comment: string) =>
    request(ProgressView, 'POST', `/api/v1/progress/${progressId}/return`, { version, comment }),
  addEvidence: (progressId: string, file: { fileName: string; mediaType: string; contentBase64: string }) =>
    request(ProgressView, 'POST', `/api/v1/progress/${progressId}/evidence`, file),
};

/** The colour of each status, the same on the tree, the board and the task page. */
export const statusColour: Record<TaskStatus, string> = {
  done: 'teal',
  on_track: 'blue',
  at_risk: 'orange',
  overdue: 'red',
};
