import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditLogTable } from '../../db/schema.js';

// Each entry's hash covers its own fields and the previous entry's hash, so altering,
// deleting or reordering any entry breaks every hash after it.
//
// A plain hash only proves that the trail agrees with itself: whoever can write the
// database can delete an entry and recompute every hash after it. So entries are chained
// with an HMAC under a key that is not in the database (a sub-key of the data key).
// Trails begun before that are SHA-256-chained up to one `audit.chain_keyed` entry; that
// entry and every one after it are keyed, and its HMAC covers the last SHA-256 hash, so the
// key holder vouches for the old part as it stood when keying began.

export const genesisHash = '0'.repeat(64);

/** The entry from which a trail is HMAC-chained (it is keyed itself). */
export const keyedStartAction = 'audit.chain_keyed';

/** Every column of an entry but its own hash. */
export type ChainedFields = Omit<AuditLogTable, 'hash'>;

function canonical(entry: ChainedFields): string {
  // A JSON array fixes the field order and escapes every separator unambiguously.
  return JSON.stringify([
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
}

/** The hash of entries written before the trail was keyed. */
export function sha256EntryHash(entry: ChainedFields): string {
  return createHash('sha256').update(canonical(entry), 'utf8').digest('hex');
}

/** The hash of keyed entries: HMAC-SHA-256 under the chain key. */
export function keyedEntryHash(entry: ChainedFields, chainKey: Buffer): string {
  return createHmac('sha256', chainKey).update(canonical(entry), 'utf8').digest('hex');
}

export type ChainBreakReason =
  /** The entry's fields do not give its hash: altered, or rehashed without the key. */
  | 'hash_mismatch'
  /** The entry does not name the previous entry's hash: something before it was altered or removed. */
  | 'broken_link'
  /** A sequence number is missing: an entry was deleted. */
  | 'gap'
  /** Entries were cut off the end of the trail. */
  | 'truncated'
  /** The trail has no keyed part at all: it was rebuilt without the key. */
  | 'unkeyed'
  /** The checkpoint was not signed with this instance's key: forged or altered. */
  | 'checkpoint_signature'
  /** The checkpointed entry has another hash now: the trail was rewritten since the checkpoint. */
  | 'checkpoint_mismatch';

export type ChainBreak = { seq: number; id: string; reason: ChainBreakReason };

export type ChainMode = 'sha256' | 'keyed';

/**
 * Checks one entry against the one before it (or the start of the trail). `mode` is how
 * the entries so far were chained: the keyed-start entry and everything after it is keyed.
 */
export function checkLink(
  entry: ChainedFields & { hash: string },
  previous: { seq: number; hash: string } | null,
  mode: ChainMode,
  chainKey: Buffer,
): ChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return { seq: entry.seq, id: entry.id, reason: 'gap' };
  if (entry.prev_hash !== (previous?.hash ?? genesisHash))
    return { seq: entry.seq, id: entry.id, reason: 'broken_link' };
  const keyed = mode === 'keyed' || entry.action === keyedStartAction;
  const expected = keyed ? keyedEntryHash(entry, chainKey) : sha256EntryHash(entry);
  if (!sameHex(expected, entry.hash)) return { seq: entry.seq, id: entry.id, reason: 'hash_mismatch' };
  return null;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signed statement of the trail's head, to be kept apart from the database. */
export type Checkpoint = { sequence: number; hash: string; time: string; signature: string };

function checkpointSignature(head: Omit<Checkpoint, 'signature'>, checkpointKey: Buffer): string {
  return createHmac('sha256', checkpointKey)
    .update(JSON.stringify(['guia audit checkpoint v1', head.sequence, head.hash, head.time]), 'utf8')
    .digest('base64url');
}

export function signCheckpoint(head: Omit<Checkpoint, 'signature'>, checkpointKey: Buffer): Checkpoint {
  return { ...head, signature: checkpointSignature(head, checkpointKey) };
}

export function checkpointSigned(checkpoint: Checkpoint, checkpointKey: Buffer): boolean {
  return sameHex(checkpointSignature(checkpoint, checkpointKey), checkpoint.signature);
}
