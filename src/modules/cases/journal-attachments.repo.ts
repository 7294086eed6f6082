import type { Insertable } from 'kysely';
import type { CaseAttachmentTable, CaseJournalTable, Executor } from '../../db/schema.js';

// The journal and the files of a case, on the case itself (casePersonId null) or on one
// victim of it. Lists never read a file's content; only a download does.

const onSubject = (casePersonId: string | null) => (casePersonId === null ? 'is' : '=');

export const journalAttachmentsRepo = {
  journal: (db: Executor, caseId: string, casePersonId: string | null) =>
    db
      .selectFrom('case_journal')
      .leftJoin('users', 'users.id', 'case_journal.created_by')
      .select([
        'case_journal.id',
        'case_journal.case_id',
        'case_journal.case_person_id',
        'case_journal.note_date',
        'case_journal.text_enc',
        'case_journal.created_at',
        'case_journal.created_by',
        'users.name as author_name',
      ])
      .where('case_journal.case_id', '=', caseId)
      .where('case_journal.case_person_id', onSubject(casePersonId), casePersonId)
      .orderBy('case_journal.note_date', 'desc')
      .orderBy('case_journal.id', 'desc')
      .limit(500)
      .execute(),
  insertNote: (db: Executor, row: Insertable<CaseJournalTable>) =>
    db.insertInto('case_journal').values(row).execute(),

  attachments: (db: Executor, caseId: string, casePersonId: string | null) =>
    db
      .selectFrom('case_attachments')
      .leftJoin('users', 'users.id', 'case_attachments.created_by')
      .select([
        'case_attachments.id',
        'case_attachments.case_id',
        'case_attachments.case_person_id',
        'case_attachments.document_id',
        'case_attachments.file_name_enc',
        'case_attachments.media_type',
        'case_attachments.size_bytes',
        'case_attachments.sha256',
        'case_attachments.created_at',
        'case_attachments.created_by',
        'users.name as uploader_name',
      ])
      .where('case_attachments.case_id', '=', caseId)
      .where('case_attachments.case_person_id', onSubject(casePersonId), casePersonId)
      .orderBy('case_attachments.created_at', 'desc')
      .orderBy('case_attachments.id', 'desc')
      .limit(500)
      .execute(),
  /** One file with its content, only where the route's subject (case or victim) holds it. */
  attachment: (db: Executor, id: string, caseId: string, casePersonId: string | null) =>
    db
      .selectFrom('case_attachments')
      .select(['id', 'file_name_enc', 'media_type', 'size_bytes', 'content_enc'])
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .where('case_person_id', onSubject(casePersonId), casePersonId)
      .executeTakeFirst(),
  insertAttachment: (db: Executor, row: Insertable<CaseAttachmentTable>) =>
    db.insertInto('case_attachments').values(row).execute(),

  documentOfCase: (db: Executor, documentId: string, caseId: string) =>
    db
      .selectFrom('case_documents')
      .select('id')
      .where('id', '=', documentId)
      .where('case_id', '=', caseId)
      .executeTakeFirst(),
};
