import { sql, type ExpressionBuilder } from 'kysely';
import type { DB, Executor } from '../../db/schema.js';

// The facts the access policy decides on, each in one query: a case (or a person of a case,
// or a protection record) together with the actor's relation to it.

export type CaseFacts = {
  caseId: string;
  leadAgencyId: string;
  member: boolean;
  agencyTakesPart: boolean;
};

export type PersonFacts = CaseFacts & {
  casePersonId: string;
  personId: string;
  pseudonym: string;
  role: 'victim' | 'suspect' | 'witness';
  /** The actor's live grant on this person (an accepted referral), if any. */
  grant: { identity: boolean } | null;
};

const flag = (value: unknown) => Number(value) === 1;

/** 1 when the user is a member of the case in scope, else 0. */
export function memberFlag(eb: ExpressionBuilder<DB, 'cases'>, userId: string) {
  return eb
    .case()
    .when(
      eb.exists(
        eb
          .selectFrom('case_members')
          .select('case_members.user_id')
          .whereRef('case_members.case_id', '=', 'cases.id')
          .where('case_members.user_id', '=', userId),
      ),
    )
    .then(1)
    .else(0)
    .end();
}

/** 1 when the agency leads or takes part in the case in scope, else 0. */
function takesPartFlag(eb: ExpressionBuilder<DB, 'cases'>, agencyId: string) {
  return eb
    .case()
    .when(
      eb.or([
        eb('cases.lead_agency_id', '=', agencyId),
        eb.exists(
          eb
            .selectFrom('case_agencies')
            .select('case_agencies.agency_id')
            .whereRef('case_agencies.case_id', '=', 'cases.id')
            .where('case_agencies.agency_id', '=', agencyId),
        ),
      ]),
    )
    .then(1)
    .else(0)
    .end();
}

export const caseAccessRepo = {
  async caseFacts(db: Executor, caseId: string, userId: string, agencyId: string): Promise<CaseFacts | null> {
    const row = await db
      .selectFrom('cases')
      .select((eb) => [
        'cases.id',
        'cases.lead_agency_id',
        memberFlag(eb, userId).as('member'),
        takesPartFlag(eb, agencyId).as('takes_part'),
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      caseId: row.id,
      leadAgencyId: row.lead_agency_id,
      member: flag(row.member),
      agencyTakesPart: flag(row.takes_part),
    };
  },

  async personFacts(
    db: Executor,
    casePersonId: string,
    userId: string,
    agencyId: string,
  ): Promise<PersonFacts | null> {
    const row = await db
      .selectFrom('case_persons')
      .innerJoin('persons', 'persons.id', 'case_persons.person_id')
      .innerJoin('cases', 'cases.id', 'case_persons.case_id')
      .select((eb) => [
        'case_persons.id',
        'case_persons.case_id',
        'case_persons.person_id',
        'case_persons.role',
        'persons.pseudonym',
        'cases.lead_agency_id',
        memberFlag(eb, userId).as('member'),
        takesPartFlag(eb, agencyId).as('takes_part'),
        eb
          .selectFrom('person_grants')
          .select((g) => g.fn.max('person_grants.identity').as('identity'))
          .whereRef('person_grants.case_person_id', '=', 'case_persons.id')
          .where('person_grants.user_id', '=', userId)
          .where('person_grants.revoked_at', 'is', null)
          .as('grant_identity'),
      ])
      .where('case_persons.id', '=', casePersonId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      caseId: row.case_id,
      leadAgencyId: row.lead_agency_id,
      member: flag(row.member),
      agencyTakesPart: flag(row.takes_part),
      casePersonId: row.id,
      personId: row.person_id,
      pseudonym: row.pseudonym,
      role: row.role,
      grant: row.grant_identity === null ? null : { identity: flag(row.grant_identity) },
    };
  },

  async referralRecipient(db: Executor, referralId: string): Promise<string | null> {
    const row = await db
      .selectFrom('referrals')
      .select('to_agency_id')
      .where('id', '=', referralId)
      .executeTakeFirst();
    return row?.to_agency_id ?? null;
  },

  /** The case person a protection record is about. */
  async casePersonOfRecord(
    db: Executor,
    table: 'services' | 'support_plans',
    id: string,
  ): Promise<string | null> {
    const row = await db.selectFrom(table).select('case_person_id').where('id', '=', id).executeTakeFirst();
    return row?.case_person_id ?? null;
  },

  /** Whether the user holds a live identity grant on any case person of this person. */
  async hasIdentityGrant(db: Executor, personId: string, userId: string): Promise<boolean> {
    const row = await db
      .selectFrom('person_grants')
      .innerJoin('case_persons', 'case_persons.id', 'person_grants.case_person_id')
      .select(sql<number>`1`.as('one'))
      .where('case_persons.person_id', '=', personId)
      .where('person_grants.user_id', '=', userId)
      .where('person_grants.identity', '=', 1)
      .where('person_grants.revoked_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  },
};
