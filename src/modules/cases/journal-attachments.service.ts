import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { asCode, asId, asIsoDate } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import type { CaseGrant, PersonGrant } from './case-access.js';
import { checkFileContent, scanFile, type AttachmentSettings } from './attachments.content.js';
import { journalAttachmentsRepo as repo } from './journal-attachments.repo.js';
import type {
  AttachmentQuery,
  AttachmentView,
  JournalEntryView,
  JournalNoteBody,
} from './journal-attachments.schemas.js';

// The journal and the files of a case follow the case's free text (docs/access.md): on the
// case, for its members (read: `readText`; write: `workPeople`); on one victim, for whoever
// works that victim's protection records — the members, and the worker an accepted referral
// reached (a person grant). The route's grant decides which; the service never widens it.
// Text, file names and contents are sealed with the data key like identities; reading them is
// audited (how many, never what), and so is every download.

/** What a grant reaches: the case, or one victim of it. */
type Subject = { caseId: string; casePersonId: string | null };
const subjectOf = (grant: CaseGrant | PersonGrant): Subject =>
  'casePersonId' in grant
    ? { caseId: grant.caseId, casePersonId: grant.casePersonId }
    : { caseId: grant.caseId, casePersonId: null };
const asSubject = (s: Subject) => ({ casePersonId: s.casePersonId === null ? null : asId(s.casePersonId) });

const columns = {
  note: 'case_journal.text',
  fileName: 'case_attachments.file_name',
  content: 'case_attachments.content',
} as const;

export type Download = { fileName: string; mediaType: string; content: Buffer };

export const journalService = {
  async list(uc: UseCase, grant: CaseGrant | PersonGrant): Promise<JournalEntryView[]> {
    const subject = subjectOf(grant);
    const rows = await repo.journal(uc.tx, subject.caseId, subject.casePersonId);
    if (rows.length > 0)
      await auditService.record(uc.tx, uc.actor, 'journal.read', {
        entityType: 'case',
        entityId: subject.caseId,
        summary: { ...asSubject(subject), notes: rows.length },
      });
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      casePersonId: row.case_person_id,
      noteDate: row.note_date,
      text: uc.cipher.decrypt(row.text_enc, columns.note),
      author: row.author_name ? { id: row.created_by, name: row.author_name } : null,
      createdAt: row.created_at,
    }));
  },

  async add(uc: UseCase, grant: CaseGrant | PersonGrant, input: JournalNoteBody): Promise<JournalEntryView> {
    const { tx, actor, today, now, cipher } = uc;
    const subject = subjectOf(grant);
    const noteDate = input.noteDate ?? today;
    assertNotFuture(today, { noteDate });
    const id = uuidv7();
    await repo.insertNote(tx, {
      id,
      case_id: subject.caseId,
      case_person_id: subject.casePersonId,
      note_date: noteDate,
      text_enc: cipher.encrypt(input.text, columns.note),
      created_at: now,
      created_by: actor.userId,
    });
    await auditService.record(tx, actor, 'journal.note_added', {
      entityType: 'case',
      entityId: subject.caseId,
      summary: { entryId: asId(id), ...asSubject(subject), noteDate: asIsoDate(noteDate) },
    });
    return {
      id,
      caseId: subject.caseId,
      casePersonId: subject.casePersonId,
      noteDate,
      text: input.text,
      author: { id: actor.userId, name: actor.name },
      createdAt: now,
    };
  },
};

export const attachmentsService = {
  /** The files' names and sizes, never their content: that is read, and audited, only on download. */
  async list(uc: UseCase, grant: CaseGrant | PersonGrant): Promise<AttachmentView[]> {
    const subject = subjectOf(grant);
    const rows = await repo.attachments(uc.tx, subject.caseId, subject.casePersonId);
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      casePersonId: row.case_person_id,
      documentId: row.document_id,
      fileName: uc.cipher.decrypt(row.file_name_enc, columns.fileName),
      mediaType: row.media_type,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      uploadedBy: row.uploader_name ? { id: row.created_by, name: row.uploader_name } : null,
      createdAt: row.created_at,
    }));
  },

  async add(
    uc: UseCase,
    grant: CaseGrant | PersonGrant,
    query: AttachmentQuery,
    content: Buffer,
    settings: AttachmentSettings,
  ): Promise<AttachmentView> {
    const { tx, actor, now, cipher } = uc;
    const subject = subjectOf(grant);
    if (content.length > settings.maxBytes)
      throw invalid('file', 'too_large_file', { maximum: settings.maxBytes });
    const mediaType = checkFileContent(content, query.fileName);
    // A document of the register belongs to the case, and files on a victim stay on the victim.
    if (query.documentId) {
      const document =
        subject.casePersonId === null
          ? await repo.documentOfCase(tx, query.documentId, subject.caseId)
          : null;
      if (!document) throw invalid('documentId', 'unknown');
    }
    if (settings.scanCommand && !(await scanFile(settings.scanCommand, content)))
      throw invalid('file', 'file_refused');
    const id = uuidv7();
    const sha256 = createHash('sha256').update(content).digest('hex');
    await repo.insertAttachment(tx, {
      id,
      case_id: subject.caseId,
      case_person_id: subject.casePersonId,
      document_id: query.documentId ?? null,
      file_name_enc: cipher.encrypt(query.fileName, columns.fileName),
      media_type: mediaType,
      size_bytes: content.length,
      sha256,
      // The bytes are sealed as base64 text: the same AES-256-GCM cipher and data key as identities.
      content_enc: cipher.encrypt(content.toString('base64'), columns.content),
      created_at: now,
      created_by: actor.userId,
    });
    await auditService.record(tx, actor, 'attachment.added', {
      entityType: 'case',
      entityId: subject.caseId,
      summary: {
        attachmentId: asId(id),
        ...asSubject(subject),
        documentId: query.documentId ? asId(query.documentId) : null,
        mediaType: asCode(mediaType),
        sizeBytes: content.length,
        scanned: settings.scanCommand !== null,
      },
    });
    return {
      id,
      caseId: subject.caseId,
      casePersonId: subject.casePersonId,
      documentId: query.documentId ?? null,
      fileName: query.fileName,
      mediaType,
      sizeBytes: content.length,
      sha256,
      uploadedBy: { id: actor.userId, name: actor.name },
      createdAt: now,
    };
  },

  /** One file, opened for the reader; a file of another case or victim is not there. */
  async download(uc: UseCase, grant: CaseGrant | PersonGrant, attachmentId: string): Promise<Download> {
    const subject = subjectOf(grant);
    const row = await repo.attachment(uc.tx, attachmentId, subject.caseId, subject.casePersonId);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'attachment' });
    await auditService.record(uc.tx, uc.actor, 'attachment.downloaded', {
      entityType: 'case',
      entityId: subject.caseId,
      summary: { attachmentId: asId(row.id), ...asSubject(subject) },
    });
    return {
      fileName: uc.cipher.decrypt(row.file_name_enc, columns.fileName),
      mediaType: row.media_type,
      content: Buffer.from(uc.cipher.decrypt(row.content_enc, columns.content), 'base64'),
    };
  },
};
