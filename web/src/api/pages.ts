import { infiniteQueryOptions, keepPreviousData, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import { queryString, request } from './http.js';

type Params = Record<string, string | number | null | undefined>;

/**
 * A list read a page at a time: each page asks for the items after the cursor the previous page
 * ended on, and the last page has none (`nextCursor: null`). With `keepPrevious`, the list on
 * screen stays until the one for new parameters arrives (a search box being typed in).
 */
export function cursorPagesQuery<Page extends { nextCursor: string | null }, Key extends QueryKey>(
  queryKey: Key,
  page: z.ZodType<Page>,
  path: string,
  params: Params,
  options: { limit: number; keepPrevious?: boolean },
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) =>
      request(page, 'GET', `${path}${queryString({ ...params, cursor: pageParam, limit: options.limit })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}
