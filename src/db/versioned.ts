import type { Updateable } from 'kysely';
import { GuiaError } from '../core/errors.js';
import type { DB, Executor } from './schema.js';

/** Tables whose rows carry a version for optimistic concurrency. */
export type VersionedTable = {
  [T in keyof DB]: DB[T] extends { id: string; version: number } ? T : never;
}[keyof DB];

/**
 * Updates a row only if its stored version is still the one the writer read, and bumps
 * it. False means someone else wrote first: the caller answers 409, never overwrites.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  // Kysely cannot follow a generic table name through its builders; every versioned
  // table has the `id` and `version` columns used here, so one of them stands for all.
  const result = await db
    .updateTable(table as 'cases')
    .set({ ...changes, version: version + 1 } as Updateable<DB['cases']>)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The same update for callers that have nothing to do but refuse: a stale version raises
 * `resource.stale` (409) naming the entity, so no caller can forget to check the result.
 */
export async function updateVersionedOrStale<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
  entity: string,
): Promise<void> {
  if (!(await updateVersioned(db, table, id, version, changes)))
    throw new GuiaError('resource.stale', { entity });
}
