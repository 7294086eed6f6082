import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { CaseStage } from '../../../../src/core/cases/case-stages.js';
import {
  CaseList,
  CasePersonPage as CasePersonPageSchema,
  CasePersonView as CasePersonSchema,
  CaseView as CaseSchema,
  DuplicateFlagView,
  IdentityView as IdentitySchema,
  LegalQualificationView,
  LinkRequestList,
  LinkRequestView as LinkRequestSchema,
  PersonView as PersonSchema,
  type AddCasePerson,
  type CaseCreate,
  type CaseUpdate,
  type DocumentBody,
  type HistoricEventBody,
  type JudicialActBody,
  type LinkRequestBody,
  type QualificationChange,
  type RevealPurpose,
  type TransitionBody,
  type UpdateCasePerson,
  type VerdictBody,
} from '../../../../src/modules/cases/cases.schemas.js';
import { request } from '../../api/http.js';
import { cursorPagesQuery } from '../../api/pages.js';

export type CaseView = z.output<typeof CaseSchema>;
export type CasePersonView = z.output<typeof CasePersonSchema>;
export type CaseSummary = z.output<typeof CaseList>['items'][number];
export type TimelineEntry = CaseView['timeline'][number];
export type IdentityView = z.output<typeof IdentitySchema>;
export type LegalQualification = z.output<typeof LegalQualificationView>;
export type PersonView = z.output<typeof PersonSchema>;
export type CasePersonPage = z.output<typeof CasePersonPageSchema>;
export type LinkRequest = z.output<typeof LinkRequestSchema>;
export type DuplicateFlag = z.output<typeof DuplicateFlagView>;
export type { RevealPurpose };

export type CaseFilters = {
  stage: CaseStage | null;
  agencyId: string | null;
  year: string | null;
  exploitationType: string | null;
  reference: string;
  /** Only sent by those who may see names; the server refuses it otherwise. */
  name: string;
};

export const noCaseFilters: CaseFilters = {
  stage: null,
  agencyId: null,
  year: null,
  exploitationType: null,
  reference: '',
  name: '',
};

export const casesKey = ['cases'] as const;
export const caseKey = (id: string) => [...casesKey, 'case', id] as const;

const pageSize = 50;

/** Newest registration first, a page at a time: each page continues after the last case seen. */
export const caseListQuery = (filters: CaseFilters) =>
  cursorPagesQuery([...casesKey, 'list', filters], CaseList, '/api/v1/cases', filters, {
    limit: pageSize,
    keepPrevious: true,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKey(id),
    queryFn: () => request(CaseSchema, 'GET', `/api/v1/cases/${id}`),
  });

export const personQuery = (id: string) =>
  queryOptions({
    queryKey: ['persons', id],
    queryFn: () => request(PersonSchema, 'GET', `/api/v1/persons/${id}`),
  });

/**
 * One person of a case as the viewer may reach them: through the case, or through an
 * accepted referral (which reaches that person only, never the rest of the case).
 */
export const casePersonQuery = (caseId: string, casePersonId: string) =>
  queryOptions({
    queryKey: [...casesKey, 'person', casePersonId],
    queryFn: () => request(CasePersonPageSchema, 'GET', `/api/v1/cases/${caseId}/people/${casePersonId}`),
  });

export const linkRequestsKey = ['link-requests'] as const;

export const linkRequestsQuery = queryOptions({
  queryKey: linkRequestsKey,
  queryFn: () => request(LinkRequestList, 'GET', '/api/v1/link-requests'),
});

export const duplicatesKey = ['duplicates'] as const;

export const duplicatesQuery = queryOptions({
  queryKey: duplicatesKey,
  queryFn: () => request(z.array(DuplicateFlagView), 'GET', '/api/v1/duplicates'),
});

export const legalQualificationsQuery = queryOptions({
  queryKey: ['legal-qualifications'],
  queryFn: () => request(z.array(LegalQualificationView), 'GET', '/api/v1/legal-qualifications'),
  staleTime: 5 * 60_000,
});

const casePath = (caseId: string) => `/api/v1/cases/${caseId}`;
const personPath = (caseId: string, casePersonId: string) => `${casePath(caseId)}/people/${casePersonId}`;

export const casesApi = {
  create: (body: CaseCreate) => request(CaseSchema, 'POST', '/api/v1/cases', body),
  update: (caseId: string, body: CaseUpdate) => request(CaseSchema, 'PATCH', casePath(caseId), body),
  transition: (caseId: string, body: TransitionBody) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/transitions`, body),
  changeQualifications: (caseId: string, body: QualificationChange) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/qualifications`, body),
  recordJudicialAct: (caseId: string, body: JudicialActBody) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/judicial-acts`, body),
  addDocument: (caseId: string, body: DocumentBody) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/documents`, body),
  addMember: (caseId: string, userId: string) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/members`, { userId }),
  removeMember: (caseId: string, userId: string) =>
    request(CaseSchema, 'DELETE', `${casePath(caseId)}/members/${userId}`),
  addAgency: (caseId: string, agencyId: string) =>
    request(CaseSchema, 'POST', `${casePath(caseId)}/agencies`, { agencyId }),
  addPerson: (caseId: string, body: AddCasePerson) =>
    request(CasePersonSchema, 'POST', `${casePath(caseId)}/people`, body),
  updatePerson: (caseId: string, casePersonId: string, body: UpdateCasePerson) =>
    request(CaseSchema, 'PATCH', personPath(caseId, casePersonId), body),
  recordVerdict: (caseId: string, casePersonId: string, body: VerdictBody) =>
    request(CaseSchema, 'PUT', `${personPath(caseId, casePersonId)}/verdict`, body),
  addEvent: (caseId: string, casePersonId: string, body: HistoricEventBody) =>
    request(CaseSchema, 'POST', `${personPath(caseId, casePersonId)}/events`, body),
  reveal: (caseId: string, casePersonId: string, purpose: RevealPurpose) =>
    request(IdentitySchema, 'POST', `${personPath(caseId, casePersonId)}/reveal`, { purpose }),
  requestLink: (targetCaseId: string, body: LinkRequestBody) =>
    request(LinkRequestSchema, 'POST', `${casePath(targetCaseId)}/link-requests`, body),
  decideLink: (requestId: string, decision: 'approve' | 'refuse') =>
    request(LinkRequestSchema, 'POST', `/api/v1/link-requests/${requestId}/${decision}`),
  resolveDuplicate: (flagId: string, status: 'distinct' | 'same') =>
    request(DuplicateFlagView, 'POST', `/api/v1/duplicates/${flagId}/resolution`, { status }),
};

/** A change answered with the whole case: the page shows it at once, and lists are refreshed. */
export function adoptCase(queryClient: QueryClient, view: CaseView): void {
  queryClient.setQueryData(caseKey(view.id), view);
  void queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] });
}
