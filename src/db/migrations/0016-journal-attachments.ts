import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Issue 12: handover, journal and attachments.
// - referrals.assigned_to/at/by: the named worker of the receiving agency an accepted referral
//   is given to; the assignment gives that worker a person grant on the victim
//   (person_grants.reason 'assignment'), revoked when the referral is given to someone else.
// - referral.assign: choosing that worker, for the receiving agency's officers.
// - case_journal: dated notes on a case (case_person_id null) or on one victim of it; the
//   text is sealed like every free text that may name people.
// - case_attachments: files on a case, on one victim, or on an entry of the documents register.
//   The content is sealed with the data key (the same cipher as identities) and kept in the
//   database, so a file is written in the same transaction as its audit entry, is in every
//   backup, and needs no second place to protect, back up and erase.
export const journalAttachments = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('referrals').addColumn('assigned_to', 'text').execute();
    await db.schema.alterTable('referrals').addColumn('assigned_at', 'text').execute();
    await db.schema.alterTable('referrals').addColumn('assigned_by', 'text').execute();
    await db.schema
      .createIndex('person_grants_referral_idx')
      .on('person_grants')
      .columns(['referral_id', 'reason'])
      .execute();

    await db.schema
      .createTable('case_journal')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('case_person_id', 'text', (c) => c.references('case_persons.id').onDelete('cascade'))
      .addColumn('note_date', 'text', (c) => c.notNull())
      .addColumn('text_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_journal_case_idx')
      .on('case_journal')
      .columns(['case_id', 'case_person_id', 'note_date', 'id'])
      .execute();

    await db.schema
      .createTable('case_attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('case_person_id', 'text', (c) => c.references('case_persons.id').onDelete('cascade'))
      .addColumn('document_id', 'text', (c) => c.references('case_documents.id').onDelete('cascade'))
      .addColumn('file_name_enc', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_attachments_case_idx')
      .on('case_attachments')
      .columns(['case_id', 'case_person_id', 'created_at', 'id'])
      .execute();

    await db
      .insertInto('role_permissions')
      .values({ role_id: 'agency_officer', permission: 'referral.assign', scope: 'agency' })
      .execute();
  },
};
