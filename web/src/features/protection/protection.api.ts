import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CatalogueView,
  ConsentView,
  ReferralInbox,
  ReferralInboxItem,
  ReferralView,
  ScreeningContextView,
  ScreeningView,
  ServiceView,
  SupportPlanView,
  type ConsentBody,
  type ReferralBody,
  type ReferralStatus,
  type ScreeningBody,
  type ServiceBody,
  type ServiceUpdate,
  type SupportPlanBody,
  type SupportPlanUpdate,
} from '../../../../src/modules/protection/protection.schemas.js';
import { request } from '../../api/http.js';
import { cursorPagesQuery } from '../../api/pages.js';

export type Catalogue = z.output<typeof CatalogueView>;
export type CatalogueList = Catalogue['lists'][number];
export type Screening = z.output<typeof ScreeningView>;
export type Consent = z.output<typeof ConsentView>;
export type Referral = z.output<typeof ReferralView>;
export type InboxItem = z.output<typeof ReferralInboxItem>;
export type Service = z.output<typeof ServiceView>;
export type SupportPlan = z.output<typeof SupportPlanView>;

/** Everything kept about one victim's protection sits under one key, refreshed together. */
export const protectionKey = (casePersonId: string) => ['protection', casePersonId] as const;
const victimPath = (caseId: string, casePersonId: string) => `/api/v1/cases/${caseId}/people/${casePersonId}`;

export const catalogueQuery = queryOptions({
  queryKey: ['screening-catalogue'],
  queryFn: () => request(CatalogueView, 'GET', '/api/v1/screening/catalogue'),
  staleTime: Infinity,
});

/** The records of one kind kept about a victim: read under the victim's path, kept under the victim's key. */
const victimRecordsQuery =
  <Item extends z.ZodType, Part extends string>(item: Item, part: Part, path: string = part) =>
  (caseId: string, casePersonId: string) =>
    queryOptions({
      queryKey: [...protectionKey(casePersonId), part],
      queryFn: () => request(z.array(item), 'GET', `${victimPath(caseId, casePersonId)}/${path}`),
    });

export const screeningsQuery = victimRecordsQuery(ScreeningView, 'screenings');

/** Whether the person is under 18 by the sealed birth date: the form sets the children's list from it. */
export const screeningContextQuery = (caseId: string, casePersonId: string, enabled = true) =>
  queryOptions({
    queryKey: [...protectionKey(casePersonId), 'screening-context'],
    queryFn: () =>
      request(ScreeningContextView, 'GET', `${victimPath(caseId, casePersonId)}/screenings/context`),
    enabled,
  });

export const consentsQuery = victimRecordsQuery(ConsentView, 'consents');
export const referralsQuery = victimRecordsQuery(ReferralView, 'referrals');
export const servicesQuery = victimRecordsQuery(ServiceView, 'services');
export const plansQuery = victimRecordsQuery(SupportPlanView, 'plans', 'support-plans');

export const inboxKey = ['referral-inbox'] as const;

export const inboxQuery = (status: ReferralStatus | null) =>
  cursorPagesQuery(
    [...inboxKey, status],
    ReferralInbox,
    '/api/v1/referrals/inbox',
    { status },
    { limit: 50 },
  );

export const protectionApi = {
  recordScreening: (caseId: string, casePersonId: string, body: ScreeningBody) =>
    request(ScreeningView, 'POST', `${victimPath(caseId, casePersonId)}/screenings`, body),
  recordConsent: (caseId: string, casePersonId: string, body: ConsentBody) =>
    request(ConsentView, 'POST', `${victimPath(caseId, casePersonId)}/consents`, body),
  withdrawConsent: (caseId: string, casePersonId: string, consentId: string, withdrawnOn: string) =>
    request(ConsentView, 'POST', `${victimPath(caseId, casePersonId)}/consents/${consentId}/withdraw`, {
      withdrawnOn,
    }),
  sendReferral: (caseId: string, casePersonId: string, body: ReferralBody) =>
    request(ReferralView, 'POST', `${victimPath(caseId, casePersonId)}/referrals`, body),
  acceptReferral: (referralId: string) =>
    request(ReferralInboxItem, 'POST', `/api/v1/referrals/${referralId}/accept`, {}),
  declineReferral: (referralId: string, reason: string) =>
    request(ReferralInboxItem, 'POST', `/api/v1/referrals/${referralId}/decline`, { reason }),
  completeReferral: (referralId: string, completedOn: string) =>
    request(ReferralInboxItem, 'POST', `/api/v1/referrals/${referralId}/complete`, { completedOn }),
  recordService: (caseId: string, casePersonId: string, body: ServiceBody) =>
    request(ServiceView, 'POST', `${victimPath(caseId, casePersonId)}/services`, body),
  updateService: (serviceId: string, body: ServiceUpdate) =>
    request(ServiceView, 'PATCH', `/api/v1/services/${serviceId}`, body),
  createPlan: (caseId: string, casePersonId: string, body: SupportPlanBody) =>
    request(SupportPlanView, 'POST', `${victimPath(caseId, casePersonId)}/support-plans`, body),
  updatePlan: (planId: string, body: SupportPlanUpdate) =>
    request(SupportPlanView, 'PATCH', `/api/v1/support-plans/${planId}`, body),
};
