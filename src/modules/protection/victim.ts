import { GuiaError, invalid } from '../../core/errors.js';
import { auditService } from '../audit/audit.service.js';
import type { PersonGrant } from '../cases/case-access.js';
import type { UseCase } from '../use-case.js';
import { asId } from '../audit/audit-values.js';

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

/**
 * A record of the grant's person, read by its own id: one of another person is answered as
 * not found, like one that does not exist, so an id from elsewhere reveals nothing.
 */
export function recordOf<R extends { case_person_id: string }>(
  row: R | undefined,
  grant: { casePersonId: string },
  entity: 'consent' | 'service' | 'support_plan',
): R {
  if (!row || row.case_person_id !== grant.casePersonId)
    throw new GuiaError('resource.not_found', { entity });
  return row;
}

/**
 * Records that a victim's notes were read (decrypted for the reader): notes about a victim
 * often name people, and reading them is a view of her identity like a reveal. Nothing is
 * recorded when there was no note to read.
 */
export async function recordNotesRead(
  { tx, actor }: UseCase,
  victim: Victim,
  records: 'screenings' | 'consents' | 'referrals' | 'services' | 'support_plans',
  notes: number,
): Promise<void> {
  if (notes === 0) return;
  await auditService.record(tx, actor, 'protection.notes_read', {
    entityType: 'case_person',
    entityId: victim.casePersonId,
    summary: { caseId: asId(victim.caseId), records, notes },
  });
}
