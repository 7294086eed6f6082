import type { Period } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import type { ClaimSubject } from './assessments.schemas.js';

// Guia's own figure for each subject a report's numeric claim can count, for one period,
// counted directly from the case, people and protection records — with the records behind
// it, so a discrepancy can be shown with what Guia's figure rests on. One small function per
// subject, each saying what it counts; the claim check compares, it does not count.
//
// A record counts in the period of the date that made it count (a status decided, a stage
// reached, a verdict given), as the TIP Report counts actions taken in its period.

/** One record behind a figure: a case, or a person in a case. */
export type FigureRecord = { kind: 'case' | 'case_person'; id: string; caseId: string };

/** The statuses that identify a victim of trafficking (a possible victim is identified too). */
const identifiedStatuses = ['actual_victim', 'possible_victim'];

/**
 * Victims identified: people in the victim role whose trafficking status was decided as an
 * actual or possible victim in the period; without a decision date, the case's registration.
 */
async function victimsIdentified(db: Executor, period: Period): Promise<FigureRecord[]> {
  const rows = await db
    .selectFrom('case_persons')
    .innerJoin('cases', 'cases.id', 'case_persons.case_id')
    .select(['case_persons.id', 'case_persons.case_id'])
    .where('case_persons.role', '=', 'victim')
    .where('case_persons.trafficking_status', 'in', identifiedStatuses)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('case_persons.status_decided_on', '>=', period.start),
          eb('case_persons.status_decided_on', '<=', period.end),
        ]),
        eb.and([
          eb('case_persons.status_decided_on', 'is', null),
          eb('cases.registration_date', '>=', period.start),
          eb('cases.registration_date', '<=', period.end),
        ]),
      ]),
    )
    .orderBy('case_persons.id')
    .execute();
  return rows.map((row) => ({ kind: 'case_person', id: row.id, caseId: row.case_id }));
}

/** Victims referred to services: distinct people a referral was sent for in the period. */
async function victimsReferred(db: Executor, period: Period): Promise<FigureRecord[]> {
  const rows = await db
    .selectFrom('referrals')
    .innerJoin('case_persons', 'case_persons.id', 'referrals.case_person_id')
    .select(['case_persons.id', 'case_persons.case_id'])
    .distinct()
    .where('referrals.sent_on', '>=', period.start)
    .where('referrals.sent_on', '<=', period.end)
    .orderBy('case_persons.id')
    .execute();
  return rows.map((row) => ({ kind: 'case_person', id: row.id, caseId: row.case_id }));
}

/** Cases that reached a stage in the period (a case counts once, however often it came back). */
async function casesReaching(db: Executor, stage: 'under_investigation' | 'charged', period: Period) {
  const rows = await db
    .selectFrom('case_transitions')
    .select('case_id')
    .distinct()
    .where('to_stage', '=', stage)
    .where('decided_on', '>=', period.start)
    .where('decided_on', '<=', period.end)
    .orderBy('case_id')
    .execute();
  return rows.map((row): FigureRecord => ({ kind: 'case', id: row.case_id, caseId: row.case_id }));
}

/** Investigations: cases opened for investigation in the period. */
const investigations = (db: Executor, period: Period) => casesReaching(db, 'under_investigation', period);

/** Prosecutions: cases in which charges were brought in the period. */
const prosecutions = (db: Executor, period: Period) => casesReaching(db, 'charged', period);

/** Convictions: defendants convicted in the period (the TIP Report counts convicted traffickers). */
async function convictions(db: Executor, period: Period): Promise<FigureRecord[]> {
  const rows = await db
    .selectFrom('case_persons')
    .select(['id', 'case_id'])
    .where('verdict', '=', 'convicted')
    .where('verdict_date', '>=', period.start)
    .where('verdict_date', '<=', period.end)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ kind: 'case_person', id: row.id, caseId: row.case_id }));
}

const counters: Record<
  Exclude<ClaimSubject, 'other'>,
  (db: Executor, period: Period) => Promise<FigureRecord[]>
> = {
  victims_identified: victimsIdentified,
  victims_referred: victimsReferred,
  investigations,
  prosecutions,
  convictions,
};

export const claimFiguresRepo = {
  /** The records behind Guia's figure for a subject and period; null for a subject Guia does not measure. */
  records(db: Executor, subject: ClaimSubject, period: Period): Promise<FigureRecord[]> | null {
    return subject === 'other' ? null : counters[subject](db, period);
  },
};
