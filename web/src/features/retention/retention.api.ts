import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { IdentityInput } from '../../../../src/modules/cases/cases.schemas.js';
import {
  DataRequestList,
  DataRequestView,
  type DataRequestBody,
  type RefuseBody,
} from '../../../../src/modules/retention/retention.schemas.js';
import { request } from '../../api/http.js';

export type DataRequest = z.output<typeof DataRequestView>;
export type { DataRequestBody };

export const dataRequestsKey = ['data-requests'] as const;

export const dataRequestsQuery = queryOptions({
  queryKey: dataRequestsKey,
  queryFn: () => request(DataRequestList, 'GET', '/api/v1/data-requests'),
});

export const retentionApi = {
  record: (caseId: string, casePersonId: string, body: DataRequestBody) =>
    request(DataRequestView, 'POST', `/api/v1/cases/${caseId}/people/${casePersonId}/data-requests`, body),
  refuse: (id: string, body: RefuseBody) =>
    request(DataRequestView, 'POST', `/api/v1/data-requests/${id}/refuse`, body),
  carryOut: (id: string, version: number, identity?: IdentityInput) =>
    request(DataRequestView, 'POST', `/api/v1/data-requests/${id}/carry-out`, {
      version,
      ...(identity ? { identity } : {}),
    }),
};
