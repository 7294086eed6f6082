import type { Executor } from '../../db/schema.js';

// Actions that change a case (or a person in it), as the "recent changes" of a worker's cases:
// reads and refusals are recorded against a case too, but are not changes.
const notChanges = [
  'case.text_read',
  'auth.permission_denied',
  'case.transition_refused',
  'case.name_searched',
];

export const workQueueRepo = {
  async waitingReferrals(db: Executor, agencyId: string): Promise<number> {
    const row = await db
      .selectFrom('referrals')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('to_agency_id', '=', agencyId)
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The cases the user is a member of, the most recently changed first. */
  memberCases(db: Executor, userId: string, limit: number) {
    return db
      .selectFrom('case_members')
      .innerJoin('cases', 'cases.id', 'case_members.case_id')
      .select(['cases.id', 'cases.reference', 'cases.stage', 'cases.updated_at'])
      .where('case_members.user_id', '=', userId)
      .orderBy('cases.updated_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(limit)
      .execute();
  },

  async memberCaseCount(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('case_members')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The last change recorded on a case: its action code, when, and who (an id). */
  lastChange(db: Executor, caseId: string) {
    return db
      .selectFrom('audit_log')
      .select(['action', 'at', 'actor_id'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', caseId)
      .where('action', 'not in', notChanges)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
};
