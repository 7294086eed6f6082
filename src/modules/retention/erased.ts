import { GuiaError } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { erasuresRepo } from './retention.repo.js';

// Whether an identity was erased, for the people module (reveal, correction) as well as for
// erasure itself. Apart from erasure.service.ts so that the people module can ask without
// depending on the code that erases.

/** The clear answer for an identity that is no longer there: when it was erased. */
function erasedError(pseudonym: string, erasedAt: string): GuiaError {
  return new GuiaError('person.identity_erased', { pseudonym, erasedOn: erasedAt.slice(0, 10) });
}

/** Refuses to reveal, correct or erase again an identity that was erased. */
export async function assertNotErased(
  db: Executor,
  person: { id: string; pseudonym: string },
): Promise<void> {
  const erasure = await erasuresRepo.get(db, person.id);
  if (erasure) throw erasedError(person.pseudonym, erasure.erased_at);
}
