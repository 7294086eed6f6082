import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import type { UseCase } from '../use-case.js';
import { casesRepo, legalQualificationsRepo, type CaseRow } from './cases.repo.js';

// What the case use cases share: the case row behind a grant, its versioned write, the
// check that the qualifications (and charges) named are on the list in force, and how its
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
  await casesRepo.update(tx, kase.id, version, { ...changes, updated_at: now, updated_by: actor.userId });
}

/** Refuses a code that is not an active legal qualification, naming its place (`path.i`). */
export async function assertQualifications(db: Executor, codes: string[], path: string): Promise<void> {
  const known = await legalQualificationsRepo.activeCodes(db);
  codes.forEach((code, i) => {
    if (!known.has(code)) throw invalid(`${path}.${i}`, 'unknown');
  });
}
