import type { Kysely } from 'kysely';

// Kysely's migration API takes an untyped database: migrations describe the schema as
// it was at their time, not as the row types say now.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const protection = {
  async up(db: AnyDb): Promise<void> {
    // A screening keeps the counts it was scored with: a later catalogue version may rate
    // the same indicator differently, and the reasons shown must stay those of the day.
    await db.schema
      .alterTable('screenings')
      .addColumn('dimension_counts', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();

    // The inbox of an agency without a status filter, newest first.
    await db.schema
      .createIndex('referrals_inbox_all_idx')
      .on('referrals')
      .columns(['to_agency_id', 'sent_on', 'id'])
      .execute();
  },
};
