import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// A screening is an interview (issue 12): what the officer observed, in which language the
// person was heard and whether through an interpreter, kept with the answers. Observations
// are free text about a victim, so they are sealed like every other note.
export const screeningInterview = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('screenings').addColumn('notes_enc', 'text').execute();
    await db.schema.alterTable('screenings').addColumn('interview_language', 'text').execute();
    await db.schema.alterTable('screenings').addColumn('interpreter', 'integer').execute();
  },
};
