import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseAccessRepo } from '../cases/case-access.repo.js';
import { caseAbilities } from '../cases/case-access.js';

/**
 * The cases among `caseIds` the actor may read, by the one access model of cases: assessments
 * point at cases as evidence and as the records behind a figure, and a reader who may not read
 * a case must not learn its reference from them.
 */
export async function readableCases(
  db: Executor,
  actor: Actor,
  caseIds: Iterable<string>,
): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const caseId of new Set(caseIds)) {
    const facts = await caseAccessRepo.caseFacts(db, caseId, actor.userId, actor.agencyId);
    if (facts && caseAbilities(actor, facts).read) readable.add(caseId);
  }
  return readable;
}
