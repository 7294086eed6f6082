import type { Executor } from '../../db/schema.js';

// The records the indicator engine counts, read as plain rows (codes and dates only: no
// identity, no sealed column is ever selected). `caseIds` null reads every case (a rebuild).

const BATCH = 500;

async function inBatches<T>(
  caseIds: readonly string[] | null,
  read: (ids: readonly string[] | null) => Promise<T[]>,
): Promise<T[]> {
  if (caseIds === null) return read(null);
  const out: T[] = [];
  for (let i = 0; i < caseIds.length; i += BATCH) out.push(...(await read(caseIds.slice(i, i + BATCH))));
  return out;
}

export const indicatorSourcesRepo = {
  cases(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('cases')
        .innerJoin('agencies', 'agencies.id', 'cases.lead_agency_id')
        .select([
          'cases.id',
          'cases.registration_date',
          'cases.stage',
          'cases.exploitation_types',
          'cases.sectors',
          'agencies.code as agency',
        ]);
      if (ids) q = q.where('cases.id', 'in', ids);
      return q.execute();
    });
  },

  casePersons(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('case_persons')
        .innerJoin('persons', 'persons.id', 'case_persons.person_id')
        .select([
          'case_persons.id',
          'case_persons.case_id',
          'case_persons.role',
          'case_persons.trafficking_status',
          'case_persons.means_of_control',
          'case_persons.exploitation_types',
          'case_persons.sex_exploitation_types',
          'case_persons.labour_sector',
          'case_persons.age_when_trafficked',
          'case_persons.relationship_to_trafficker',
          'case_persons.charges',
          'case_persons.verdict',
          'case_persons.verdict_date',
          'case_persons.sentence_months',
          'case_persons.sentence_suspended',
          'persons.gender',
          'persons.citizenship',
        ]);
      if (ids) q = q.where('case_persons.case_id', 'in', ids);
      return q.execute();
    });
  },

  /** Exploitation events of the people of the cases (country and span of exploitation). */
  exploitationEvents(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('historic_events')
        .innerJoin('case_persons', 'case_persons.id', 'historic_events.case_person_id')
        .select([
          'historic_events.case_person_id',
          'historic_events.country',
          'historic_events.start_date',
          'historic_events.end_date',
        ])
        .where('historic_events.type', '=', 'exploitation');
      if (ids) q = q.where('case_persons.case_id', 'in', ids);
      return q.execute();
    });
  },

  /** The latest decision to charge in each case: when its suspects count as prosecuted. */
  chargedOn(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('case_transitions')
        .select(['case_id', (eb) => eb.fn.max('decided_on').as('decided_on')])
        .where('to_stage', '=', 'charged')
        .groupBy('case_id');
      if (ids) q = q.where('case_id', 'in', ids);
      return q.execute();
    });
  },

  services(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('services')
        .innerJoin('case_persons', 'case_persons.id', 'services.case_person_id')
        .leftJoin('agencies', 'agencies.id', 'services.provider_agency_id')
        .select([
          'services.id',
          'case_persons.case_id',
          'services.kind',
          'services.start_date',
          'agencies.code as agency',
        ]);
      if (ids) q = q.where('case_persons.case_id', 'in', ids);
      return q.execute();
    });
  },

  referrals(db: Executor, caseIds: readonly string[] | null) {
    return inBatches(caseIds, (ids) => {
      let q = db
        .selectFrom('referrals')
        .innerJoin('case_persons', 'case_persons.id', 'referrals.case_person_id')
        .innerJoin('agencies', 'agencies.id', 'referrals.to_agency_id')
        .select([
          'referrals.id',
          'case_persons.case_id',
          'referrals.service_kind',
          'referrals.status',
          'referrals.sent_on',
          'agencies.code as agency',
        ]);
      if (ids) q = q.where('case_persons.case_id', 'in', ids);
      return q.execute();
    });
  },

  async casesOfPerson(db: Executor, personId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('case_persons')
      .select('case_id')
      .distinct()
      .where('person_id', '=', personId)
      .execute();
    return rows.map((r) => r.case_id);
  },

  async caseOfCasePerson(db: Executor, casePersonId: string): Promise<string | null> {
    const row = await db
      .selectFrom('case_persons')
      .select('case_id')
      .where('id', '=', casePersonId)
      .executeTakeFirst();
    return row?.case_id ?? null;
  },

  async allCaseIds(db: Executor): Promise<string[]> {
    return (await db.selectFrom('cases').select('id').execute()).map((r) => r.id);
  },
};
