import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { RoleId } from '../../../../src/core/permissions.js';
import {
  OneTimePassword,
  UserCreated,
  UserView,
  type UserCreate,
  type UserUpdate,
} from '../../../../src/modules/access/access.schemas.js';
import { queryString, request } from '../../api/http.js';

export type UserFilters = {
  agencyId: string | null;
  role: RoleId | null;
  active: 'true' | 'false' | null;
  q: string;
};

export const usersKey = ['users'] as const;

export const usersQuery = (filters: UserFilters) =>
  queryOptions({
    queryKey: [...usersKey, filters],
    queryFn: () => request(z.array(UserView), 'GET', `/api/v1/users${queryString(filters)}`),
    // Typing in the search box keeps the previous list on screen until the new one arrives.
    placeholderData: (previous) => previous,
  });

export const usersApi = {
  get: (id: string) => request(UserView, 'GET', `/api/v1/users/${id}`),
  create: (body: UserCreate) => request(UserCreated, 'POST', '/api/v1/users', body),
  update: (id: string, body: UserUpdate) => request(UserView, 'PATCH', `/api/v1/users/${id}`, body),
  resetPassword: (id: string) => request(OneTimePassword, 'POST', `/api/v1/users/${id}/reset-password`),
};
