import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Sign-in hardening (issue 6): failed passwords are counted per account *and* client
// address, so nobody can lock a user out from elsewhere; wrong second-factor codes are
// counted per sign-in attempt (session) and per account.
export const signInHardening = {
  async up(db: AnyDb): Promise<void> {
    // `key` is a hash of e-mail and address: unknown e-mails (or passwords typed into the
    // e-mail field) are throttled exactly like real ones and never stored readable.
    await db.schema
      .createTable('sign_in_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('window_started_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sign_in_throttle_window_idx')
      .on('sign_in_throttle')
      .column('window_started_at')
      .execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('failed_codes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('second_factor_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('users').addColumn('second_factor_failed_since', 'text').execute();
    await db.schema.alterTable('users').addColumn('second_factor_locked_at', 'text').execute();
  },
};
