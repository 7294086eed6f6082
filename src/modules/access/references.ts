import type { Executor } from '../../db/schema.js';
import { referencesRepo } from './access.repo.js';
import type { Actor } from './actor.js';

// Records name users and agencies by id; views show names and codes. One loader turns all
// the ids a set of records mentions into names and codes in one statement.

export type UserRef = { id: string; name: string };
export type AgencyRef = { id: string; code: string };

/** The names and codes of the users and agencies that a set of records mentions. */
export type References = {
  user(id: string | null): UserRef | null;
  agency(id: string | null): AgencyRef | null;
};

const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];

/**
 * Loads every user and agency the records mention in one statement. The actor, when
 * given, is known already: a record the actor just wrote needs no read for its author.
 */
export async function loadReferences(
  db: Executor,
  wanted: { users?: (string | null)[]; agencies?: (string | null)[] },
  actor?: Actor,
): Promise<References> {
  const users = new Map<string, UserRef>();
  const agencies = new Map<string, AgencyRef>();
  if (actor) users.set(actor.userId, { id: actor.userId, name: actor.name });
  const rows = await referencesRepo.references(
    db,
    distinct(wanted.users ?? []).filter((id) => !users.has(id)),
    distinct(wanted.agencies ?? []),
  );
  for (const row of rows) {
    if (row.kind === 'user') users.set(row.id, { id: row.id, name: row.label });
    else agencies.set(row.id, { id: row.id, code: row.label });
  }
  return {
    user: (id) => (id ? (users.get(id) ?? null) : null),
    agency: (id) => (id ? (agencies.get(id) ?? null) : null),
  };
}
