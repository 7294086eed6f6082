import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The statistics aggregates' version (issue 10): every writer of the cubes gives it a new value
// in its own transaction, and dashboard answers are kept by it. Its row exists from here on, as
// the engine version's does, so building the cubes on first use changes values, never adds rows.
export const aggregatesVersion = {
  async up(db: AnyDb): Promise<void> {
    await db
      .insertInto('stat_state')
      .values({ key: 'aggregates_version', value: '0' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  },
};
