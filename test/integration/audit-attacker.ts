import { sql, type Kysely } from 'kysely';
import type { AuditLogTable, DB, DatabaseKind } from '../../src/db/schema.js';
import { genesisHash, type ChainedFields } from '../../src/modules/audit/audit-chain.js';

// What someone holding the database (but not the data key) can do to the audit trail:
// drop the append-only triggers, then rewrite the trail as they like and recompute every
// hash with whatever they can compute.

export type Entry = AuditLogTable;

/** Drops the append-only triggers, as someone with full database access could. */
export async function dropGuards(db: Kysely<DB>, kind: DatabaseKind): Promise<void> {
  if (kind === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log`.execute(db);
  }
}

export function readTrail(db: Kysely<DB>): Promise<Entry[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

/**
 * Replaces the trail by `edit(entries)`, renumbered from 1 and rechained with `hashOf`,
 * and points the head kept beside the trail at its new end: a clean-looking trail.
 */
export async function rewriteTrail(
  db: Kysely<DB>,
  kind: DatabaseKind,
  edit: (entries: Entry[]) => Entry[],
  hashOf: (fields: ChainedFields) => string,
): Promise<Entry[]> {
  await dropGuards(db, kind);
  let prev = genesisHash;
  const rewritten = edit(await readTrail(db)).map((entry, i) => {
    const fields = { ...entry, seq: i + 1, prev_hash: prev };
    const hash = hashOf(fields);
    prev = hash;
    return { ...fields, hash };
  });
  await db.deleteFrom('audit_log').execute();
  if (rewritten.length > 0) await db.insertInto('audit_log').values(rewritten).execute();
  await setHead(db, rewritten.at(-1) ?? null);
  return rewritten;
}

/** Cuts the trail after entry `last`, moving the head along. */
export async function truncateTrail(db: Kysely<DB>, kind: DatabaseKind, last: number): Promise<void> {
  await dropGuards(db, kind);
  await db.deleteFrom('audit_log').where('seq', '>', last).execute();
  const tail = await db.selectFrom('audit_log').selectAll().where('seq', '=', last).executeTakeFirst();
  await setHead(db, tail ?? null);
}

async function setHead(db: Kysely<DB>, tail: { seq: number; hash: string } | null): Promise<void> {
  await db
    .updateTable('instance_settings')
    .set({ value: tail ? `${tail.seq}:${tail.hash}` : `0:${genesisHash}` })
    .where('key', '=', 'audit.head')
    .execute();
}

/** Rewrites one entry in place and recomputes its own hash with `hashOf`, leaving the rest as it is. */
export async function rewriteEntry(
  db: Kysely<DB>,
  kind: DatabaseKind,
  seq: number,
  edit: (entry: Entry) => Entry,
  hashOf: (fields: ChainedFields) => string,
): Promise<void> {
  await dropGuards(db, kind);
  const entry = await db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const forged = edit(entry);
  await db.deleteFrom('audit_log').where('seq', '=', seq).execute();
  await db
    .insertInto('audit_log')
    .values({ ...forged, hash: hashOf(forged) })
    .execute();
}
