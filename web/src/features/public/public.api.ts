import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { PublicRelease } from '../../../../src/modules/statistics/publication.schemas.js';
import { request } from '../../api/http.js';

export type PublicReleaseView = z.infer<typeof PublicRelease>;

/** The released tables, readable without signing in. */
export const publicReleasesQuery = queryOptions({
  queryKey: ['public', 'statistics', 'releases'],
  queryFn: () => request(z.array(PublicRelease), 'GET', '/api/v1/public/statistics/releases'),
});
