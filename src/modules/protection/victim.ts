import { invalid } from '../../core/errors.js';
import type { PersonGrant } from '../cases/case-access.js';

/** The victim a protection record is about: a person of the case, in the role of victim. */
export type Victim = Readonly<{ casePersonId: string; caseId: string; pseudonym: string }>;

/**
 * The victim a grant reaches. Screening, consent, referrals, services and plans are kept
 * for victims; a suspect or witness has none.
 */
export function victimOf(grant: PersonGrant): Victim {
  if (grant.role !== 'victim') throw invalid('casePersonId', 'not_a_victim');
  return { casePersonId: grant.casePersonId, caseId: grant.caseId, pseudonym: grant.pseudonym };
}
