import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  AgencyView,
  type AgencyCreate,
  type AgencyUpdate,
} from '../../../../src/modules/access/access.schemas.js';
import { request } from '../../api/http.js';

export const agenciesKey = ['agencies'] as const;

export const agenciesQuery = queryOptions({
  queryKey: agenciesKey,
  queryFn: () => request(z.array(AgencyView), 'GET', '/api/v1/agencies'),
});

export const agenciesApi = {
  create: (body: AgencyCreate) => request(AgencyView, 'POST', '/api/v1/agencies', body),
  update: (id: string, body: AgencyUpdate) => request(AgencyView, 'PATCH', `/api/v1/agencies/${id}`, body),
};
