import { infiniteQueryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { auditActions, type AuditAction } from '../../../../src/modules/audit/audit.schemas.js';
import { AuditPage, AuditVerification } from '../../../../src/modules/audit/audit.schemas.js';
import { queryString, request } from '../../api/http.js';
import { i18next } from '../../i18n/i18n.js';

export type AuditFilters = {
  action: AuditAction | null;
  actorId: string | null;
  entityId: string;
  /** Calendar dates (yyyy-mm-dd), both inclusive. */
  from: string;
  to: string;
};

export const noAuditFilters: AuditFilters = { action: null, actorId: null, entityId: '', from: '', to: '' };

export type AuditEntry = z.output<typeof AuditPage>['entries'][number];

const pageSize = 50;

/** The trail newest first, a page at a time: each page continues before the last entry seen. */
export const auditTrailQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      request(
        AuditPage,
        'GET',
        `/api/v1/audit${queryString({ ...filters, before: pageParam, limit: pageSize })}`,
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
  });

export const auditApi = {
  verify: () => request(AuditVerification, 'GET', '/api/v1/audit/verification'),
};

export function isAuditAction(value: string | null): value is AuditAction {
  return auditActions.some((action) => action === value);
}

/**
 * The words for an action. New capabilities add actions before their labels may be
 * translated; such an action shows its code rather than nothing.
 */
export function auditActionLabel(action: string): string {
  const key = `common:auditAction.${action}`;
  // A key known only at run time; `exists` has just checked it, which the types cannot see.
  return i18next.exists(key) ? i18next.t(key as 'common:auditAction.auth.signed_in') : action;
}
