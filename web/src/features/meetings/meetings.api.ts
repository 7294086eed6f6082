import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  DecisionView,
  GroupView,
  MeetingListItem,
  MeetingView,
  OpenItems,
  QueueDecision,
  type DecisionBody,
  type DecisionUpdate,
  type GroupBody,
  type MeetingBody,
  type MeetingUpdate,
} from '../../../../src/modules/coordination/meetings.schemas.js';
import { TaskSummary, type TaskBody } from '../../../../src/modules/coordination/plan.schemas.js';
import { queryString, request } from '../../api/http.js';

export const meetingsKey = ['meetings'] as const;
export const meetingKey = (id: string) => [...meetingsKey, 'meeting', id] as const;

export const groupsQuery = queryOptions({
  queryKey: [...meetingsKey, 'groups'],
  queryFn: () => request(z.array(GroupView), 'GET', '/api/v1/meeting-groups'),
});

export const meetingListQuery = (groupId: string | null) =>
  queryOptions({
    queryKey: [...meetingsKey, 'list', groupId],
    queryFn: () => request(z.array(MeetingListItem), 'GET', `/api/v1/meetings${queryString({ groupId })}`),
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: meetingKey(id),
    queryFn: () => request(MeetingView, 'GET', `/api/v1/meetings/${id}`),
  });

export const openItemsQuery = (id: string) =>
  queryOptions({
    queryKey: [...meetingKey(id), 'open-items'],
    queryFn: () => request(OpenItems, 'GET', `/api/v1/meetings/${id}/open-items`),
  });

export const myDecisionsQuery = queryOptions({
  queryKey: [...meetingsKey, 'mine'],
  queryFn: () => request(z.array(QueueDecision), 'GET', '/api/v1/decisions/mine'),
});

/** Where the minutes are downloaded: the browser sends the session cookie with a plain link. */
export const minutesUrl = (id: string, format: 'docx' | 'pdf') => `/api/v1/meetings/${id}/minutes.${format}`;

export const meetingsApi = {
  createGroup: (body: GroupBody) => request(GroupView, 'POST', '/api/v1/meeting-groups', body),
  create: (body: MeetingBody) => request(MeetingView, 'POST', '/api/v1/meetings', body),
  update: (id: string, body: MeetingUpdate) => request(MeetingView, 'PATCH', `/api/v1/meetings/${id}`, body),
  recordDecision: (meetingId: string, body: DecisionBody) =>
    request(DecisionView, 'POST', `/api/v1/meetings/${meetingId}/decisions`, body),
  updateDecision: (id: string, body: DecisionUpdate) =>
    request(DecisionView, 'PATCH', `/api/v1/decisions/${id}`, body),
  createTask: (decisionId: string, body: TaskBody) =>
    request(TaskSummary, 'POST', `/api/v1/decisions/${decisionId}/tasks`, body),
};
