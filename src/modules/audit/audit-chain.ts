import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../db/schema.js';

// Each entry's hash covers its own fields and the previous entry's hash, so altering,
// deleting or reordering any entry breaks every hash after it.

export const genesisHash = '0'.repeat(64);

/** Every column of an entry but its own hash. */
export type ChainedFields = Omit<AuditLogTable, 'hash'>;

export function entryHash(entry: ChainedFields): string {
  // A JSON array fixes the field order and escapes every separator unambiguously.
  const canonical = JSON.stringify([
    entry.seq,
    entry.id,
    entry.at,
    entry.actor_id,
    entry.actor_label,
    entry.actor_agency_id,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.summary,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak = {
  seq: number;
  id: string;
  reason: 'hash_mismatch' | 'broken_link' | 'gap' | 'truncated';
};

/** Checks one entry against the one before it (or the start of the trail). */
export function checkLink(
  entry: ChainedFields & { hash: string },
  previous: { seq: number; hash: string } | null,
): ChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return { seq: entry.seq, id: entry.id, reason: 'gap' };
  if (entry.prev_hash !== (previous?.hash ?? genesisHash))
    return { seq: entry.seq, id: entry.id, reason: 'broken_link' };
  if (entryHash(entry) !== entry.hash) return { seq: entry.seq, id: entry.id, reason: 'hash_mismatch' };
  return null;
}
