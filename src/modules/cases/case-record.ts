import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { updateStamps } from '../../db/versioned.js';
import type { AuditAction, AuditEvents, ExactDetails } from '../audit/audit.events.js';
import { auditService } from '../audit/audit.service.js';
import { statisticsSync } from '../statistics/indicators.service.js';
import type { UseCase } from '../use-case.js';
import { casesRepo, legalQualificationsRepo, type CaseRow } from './cases.repo.js';

// What the case use cases share: the case row behind a grant, its versioned write, its
// recount and audit, the check that the qualifications (and charges) named are on the list in force, and how its
// JSON columns are read.

/** JSON columns hold what this module wrote into them, in the shape it wrote. */
export const parseJson = <T>(json: string): T => JSON.parse(json) as T;

/** The case a grant names. A grant is made for a case that exists; one deleted since is not found. */
export async function existingCase(db: Executor, id: string): Promise<CaseRow> {
  const row = await casesRepo.get(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'case' });
  return row;
}

/**
 * Writes a change to a case if nobody else wrote since the version the writer read (else
 * 409), stamped with who and when; with no change it still bumps the version, so a change
 * to the case's records (qualifications, stage) is a change to the case.
 */
export async function touchCase(
  { tx, actor, now }: UseCase,
  kase: CaseRow,
  version: number,
  changes: Parameters<typeof casesRepo.update>[3] = {},
): Promise<void> {
  await casesRepo.update(tx, kase.id, version, { ...changes, ...updateStamps(actor.userId, now) });
}

/** The audit actions recorded on a case. */
type CaseAction = { [A in AuditAction]: AuditEvents[A]['entity'] extends 'case' ? A : never }[AuditAction];

/**
 * After a change that counts in the statistics: the case's facts are recounted, then the
 * change is audited on the case, in the same transaction. The summary has exactly the shape
 * its action names, as `auditService.record` requires.
 */
export async function caseChanged<A extends CaseAction, S extends AuditEvents[A]['summary']>(
  { tx, actor }: UseCase,
  caseId: string,
  action: A,
  summary: S & ExactDetails<{ summary: S }, A>['summary'],
): Promise<void> {
  await statisticsSync.caseChanged(tx, caseId);
  // The compiler cannot follow a generic action through the details' conditional types;
  // the parameters above already hold the summary to its action's exact shape.
  await auditService.record(tx, actor, action, { entityType: 'case', entityId: caseId, summary } as never);
}

/** Refuses a code that is not an active legal qualification, naming its place (`path.i`). */
export async function assertQualifications(db: Executor, codes: string[], path: string): Promise<void> {
  const known = await legalQualificationsRepo.activeCodes(db);
  codes.forEach((code, i) => {
    if (!known.has(code)) throw invalid(`${path}.${i}`, 'unknown');
  });
}
