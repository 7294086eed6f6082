import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  AttachmentView,
  JournalEntryView,
  type JournalNoteBody,
} from '../../../../src/modules/cases/journal-attachments.schemas.js';
import { AssigneeList, ReferralInboxItem } from '../../../../src/modules/protection/protection.schemas.js';
import { i18next } from '../../i18n/i18n.js';
import { request, uploadFile } from '../../api/http.js';

// The handover, the journal and the files (issue 12). A journal or a file hangs on the case
// (`subject` without a person) or on one victim of it; the server decides who reaches which.

export type JournalEntry = z.output<typeof JournalEntryView>;
export type Attachment = z.output<typeof AttachmentView>;
export type Subject = { caseId: string; casePersonId?: string };

export const subjectPath = ({ caseId, casePersonId }: Subject) =>
  casePersonId ? `/api/v1/cases/${caseId}/people/${casePersonId}` : `/api/v1/cases/${caseId}`;
const subjectKey = (s: Subject) => ['casework', s.caseId, s.casePersonId ?? 'case'] as const;

export const journalQuery = (s: Subject) =>
  queryOptions({
    queryKey: [...subjectKey(s), 'journal'],
    queryFn: () => request(z.array(JournalEntryView), 'GET', `${subjectPath(s)}/journal`),
  });

export const attachmentsQuery = (s: Subject) =>
  queryOptions({
    queryKey: [...subjectKey(s), 'attachments'],
    queryFn: () => request(z.array(AttachmentView), 'GET', `${subjectPath(s)}/attachments`),
  });

export const assigneesQuery = (referralId: string) =>
  queryOptions({
    queryKey: ['referral-assignees', referralId],
    queryFn: () => request(AssigneeList, 'GET', `/api/v1/referrals/${referralId}/assignees`),
  });

export const caseworkApi = {
  addNote: (s: Subject, body: JournalNoteBody) =>
    request(JournalEntryView, 'POST', `${subjectPath(s)}/journal`, body),
  attach: (s: Subject, file: File, documentId?: string) => {
    const query = new URLSearchParams({ fileName: file.name, ...(documentId ? { documentId } : {}) });
    return uploadFile(AttachmentView, `${subjectPath(s)}/attachments?${query.toString()}`, file);
  },
  assign: (referralId: string, assigneeId: string, version: number) =>
    request(ReferralInboxItem, 'POST', `/api/v1/referrals/${referralId}/assignment`, { assigneeId, version }),
};

export const attachmentUrl = (s: Subject, attachmentId: string) =>
  `${subjectPath(s)}/attachments/${attachmentId}`;

/** The victim summary PDF in the language on screen; it reveals the identity, so it states why. */
export const victimSummaryUrl = (caseId: string, casePersonId: string, purpose: string) =>
  `/api/v1/cases/${caseId}/people/${casePersonId}/summary.pdf?${new URLSearchParams({
    purpose,
    lang: i18next.language,
  }).toString()}`;
