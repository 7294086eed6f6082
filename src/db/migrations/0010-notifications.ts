import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The notification centre: one row per recipient and event. `params` holds ids, codes and
// dates only (JSON); names, case references and pseudonyms are looked up when the recipient
// reads it, with the recipient's rights at that moment, so a notification never tells more
// than its reader may see. `digested_at` marks what a daily digest has already carried.
export const notifications = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('read_at', 'text')
      .addColumn('digested_at', 'text')
      .execute();
    // The list (newest first) and the unread count of one recipient.
    await db.schema
      .createIndex('notifications_recipient_idx')
      .on('notifications')
      .columns(['recipient_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('notifications_unread_idx')
      .on('notifications')
      .columns(['recipient_id', 'read_at'])
      .execute();
  },
};
