import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Retention and data-subject requests (issue 11, modules/retention).
// - person_erasures: one row per person whose identity was erased, by the retention period
//   or at the person's request. The person row stays (pseudonym, gender, citizenship: what
//   the statistics and the cases' structure need); its sealed identity columns are emptied.
// - data_requests: a victim's request to erase or correct their identity — who asked, when,
//   what, the decision and when it was carried out. Codes and ids only: no free text, so the
//   register itself holds nothing to erase.
// - data_request.manage: the secretariat for every case; an agency officer for the cases
//   their agency leads (the agency that holds the victim's data answers for it).
export const retention = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('person_erasures')
      .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addColumn('erased_by', 'text')
      .execute();

    await db.schema
      .createTable('data_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('case_person_id', 'text', (c) =>
        c.notNull().references('case_persons.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('refusal_reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('data_requests_list_idx')
      .on('data_requests')
      .columns(['received_on', 'id'])
      .execute();
    await db.schema.createIndex('data_requests_case_idx').on('data_requests').columns(['case_id']).execute();

    await db
      .insertInto('role_permissions')
      .values(
        (
          [
            ['secretariat', 'data_request.manage', 'all'],
            ['agency_officer', 'data_request.manage', 'agency'],
          ] as const
        ).map(([role_id, permission, scope]) => ({ role_id, permission, scope })),
      )
      .execute();
  },
};
