import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { TaskSummary } from '../../../../src/modules/coordination/plan.schemas.js';
import {
  AssessmentSummary,
  AssessmentView,
  ClaimCheckView,
  RecommendationCard,
  RecommendationView,
  ResponsePreview,
  ResponseTextView,
  SourceView,
  TierHistoryView,
  type AssessmentBody,
  type SourceBody,
  type BoardQuery,
  type ResponsePointBody,
  type ReviewedSplit,
  type StatusChange,
  type RecommendationUpdate,
} from '../../../../src/modules/assessments/assessments.schemas.js';
import type { Language } from '../../../../src/core/languages.js';
import { queryString, request } from '../../api/http.js';

// The assessments API (src/modules/assessments, assessments.routes.ts). Every path is written here
// once, so that the screens follow the server's routes from one place.

const base = '/api/v1/assessments';
export const assessmentsKey = ['assessments'] as const;

export const sourcesQuery = queryOptions({
  queryKey: [...assessmentsKey, 'sources'],
  queryFn: () => request(z.array(SourceView), 'GET', `${base}/sources`),
});

export const assessmentListQuery = (jurisdiction: string) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'list', jurisdiction],
    queryFn: () => request(z.array(AssessmentSummary), 'GET', `${base}${queryString({ jurisdiction })}`),
  });

export const assessmentQuery = (id: string) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'one', id],
    queryFn: () => request(AssessmentView, 'GET', `${base}/${id}`),
  });

export const tierHistoryQuery = (jurisdiction: string) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'tiers', jurisdiction],
    queryFn: () => request(TierHistoryView, 'GET', `${base}/tiers${queryString({ jurisdiction })}`),
  });

export const boardQuery = (query: BoardQuery) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'board', query],
    queryFn: () =>
      request(z.array(RecommendationCard), 'GET', `${base}/recommendations${queryString(query)}`),
  });

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'recommendation', id],
    queryFn: () => request(RecommendationView, 'GET', `${base}/recommendations/${id}`),
  });

export const claimCheckQuery = (id: string) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'claim-check', id],
    queryFn: () => request(ClaimCheckView, 'GET', `${base}/${id}/claim-check`),
  });

export const responseQuery = (id: string, language: Language) =>
  queryOptions({
    queryKey: [...assessmentsKey, 'response', id, language],
    queryFn: () => request(ResponsePreview, 'GET', `${base}/${id}/response${queryString({ language })}`),
  });

/** Action-plan tasks to link a recommendation to (the plan helper's API). */
export const tasksQuery = queryOptions({
  queryKey: ['tasks', 'all'],
  queryFn: () => request(z.array(TaskSummary), 'GET', '/api/v1/tasks'),
});

export const responseDownloadUrl = (id: string, format: 'docx' | 'pdf', language: Language) =>
  `${base}/${id}/response.${format}${queryString({ language })}`;

export const assessmentsApi = {
  createSource: (body: SourceBody) => request(SourceView, 'POST', `${base}/sources`, body),
  create: (body: AssessmentBody) => request(AssessmentView, 'POST', base, body),
  saveSplit: (id: string, body: ReviewedSplit) => request(AssessmentView, 'PUT', `${base}/${id}/split`, body),
  updateRecommendation: (id: string, body: RecommendationUpdate) =>
    request(RecommendationView, 'PATCH', `${base}/recommendations/${id}`, body),
  changeStatus: (id: string, body: StatusChange) =>
    request(RecommendationView, 'POST', `${base}/recommendations/${id}/status`, body),
  saveResponsePoint: (id: string, targetId: string, body: ResponsePointBody) =>
    request(ResponseTextView, 'PUT', `${base}/${id}/response/points/${targetId}`, body),
};
