import { queryOptions } from '@tanstack/react-query';
import {
  ActivityGrid,
  ActivityReportView,
  type ActivityReportBody,
} from '../../../../src/modules/coordination/activities.schemas.js';
import { queryString, request } from '../../api/http.js';

export const activitiesKey = ['activities'] as const;

export const gridQuery = (period: string) =>
  queryOptions({
    queryKey: [...activitiesKey, 'grid', period],
    queryFn: () => request(ActivityGrid, 'GET', `/api/v1/activities/grid${queryString({ period })}`),
  });

export const reportQuery = (period: string, agencyId: string) =>
  queryOptions({
    queryKey: [...activitiesKey, 'report', period, agencyId],
    queryFn: () => request(ActivityReportView, 'GET', `/api/v1/activities/reports/${period}/${agencyId}`),
  });

export const activitiesApi = {
  report: (period: string, agencyId: string, body: ActivityReportBody) =>
    request(ActivityReportView, 'PUT', `/api/v1/activities/reports/${period}/${agencyId}`, body),
};
