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

/**
 * The bookkeeping columns of a row being created: written and last changed by the same
 * user at the same instant, at the first version its editors will send back.
 */
export function creationStamps<U extends string | null>(
  userId: U,
  now: string,
): { created_at: string; updated_at: string; created_by: U; updated_by: U; version: number } {
  return { created_at: now, updated_at: now, created_by: userId, updated_by: userId, version: 1 };
}

/**
 * The bookkeeping columns of a row being changed: last changed by this user at this instant.
 * The version is bumped by the update that writes them (updateVersioned), not here.
 */
export function updateStamps<U extends string | null>(
  userId: U,
  now: string,
): { updated_at: string; updated_by: U } {
  return { updated_at: now, updated_by: userId };
}

/** A request field's column: `heldOn` is stored as `held_on`. */
type ColumnOf<F extends string> = F extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${ColumnOf<T>}`
  : F;

/**
 * The columns a partial update sets: for each of `fields` that the request gave, its column
 * with the value as sent; a field left out (undefined) keeps its stored value.
 */
export function givenColumns<I extends object, const F extends readonly (keyof I & string)[]>(
  input: I,
  fields: F,
): { [K in F[number] as ColumnOf<K>]?: Exclude<I[K], undefined> } {
  const set: Record<string, unknown> = {};
  for (const field of fields)
    if (input[field] !== undefined) set[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = input[field];
  return set as never;
}
