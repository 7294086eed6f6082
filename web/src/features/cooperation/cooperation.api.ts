import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { CaseList } from '../../../../src/modules/cases/cases.schemas.js';
import {
  ExchangeView,
  type ExchangeBody,
  type ExchangeQuery,
  type ExchangeUpdate,
} from '../../../../src/modules/cooperation/cooperation.schemas.js';
import { queryString, request } from '../../api/http.js';

export const cooperationKey = ['cooperation'] as const;

export const exchangesQuery = (filters: ExchangeQuery) =>
  queryOptions({
    queryKey: [...cooperationKey, 'list', filters],
    queryFn: () =>
      request(z.array(ExchangeView), 'GET', `/api/v1/cooperation/exchanges${queryString(filters)}`),
  });

/** The newest cases the reader may read, to link: a case one cannot read is never offered. */
export const linkableCasesQuery = queryOptions({
  queryKey: [...cooperationKey, 'linkable-cases'],
  queryFn: () => request(CaseList, 'GET', '/api/v1/cases?limit=200'),
});

export const cooperationApi = {
  record: (body: ExchangeBody) => request(ExchangeView, 'POST', '/api/v1/cooperation/exchanges', body),
  update: (id: string, body: ExchangeUpdate) =>
    request(ExchangeView, 'PATCH', `/api/v1/cooperation/exchanges/${id}`, body),
};
