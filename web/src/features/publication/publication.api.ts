import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  EpsilonLedger,
  ReleasePreview,
  ReleaseView,
  RuleSetView,
  type ReleaseBody,
} from '../../../../src/modules/statistics/publication.schemas.js';
import { request } from '../../api/http.js';

export const publicationKey = ['publication'] as const;

export const ruleSetsQuery = queryOptions({
  queryKey: [...publicationKey, 'rule-sets'],
  queryFn: () => request(z.array(RuleSetView), 'GET', '/api/v1/statistics/rule-sets'),
});

export const releasesQuery = queryOptions({
  queryKey: [...publicationKey, 'releases'],
  queryFn: () => request(z.array(ReleaseView), 'GET', '/api/v1/statistics/releases'),
});

export const ledgerQuery = queryOptions({
  queryKey: [...publicationKey, 'ledger'],
  queryFn: () => request(EpsilonLedger, 'GET', '/api/v1/statistics/epsilon-ledger'),
});

export const publicationApi = {
  preview: (body: Omit<ReleaseBody, 'title'>) =>
    request(ReleasePreview, 'POST', '/api/v1/statistics/releases/preview', body),
  release: (body: ReleaseBody) => request(ReleaseView, 'POST', '/api/v1/statistics/releases', body),
};
