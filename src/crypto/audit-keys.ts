import { hkdfSync } from 'node:crypto';

// The audit trail is keyed by sub-keys of the data key, each under its own HKDF label, so
// that none of them is the encryption key and a key that leaked from one use (a checkpoint
// verifier, say) reveals nothing about the others. Like the data key, they are never
// stored in the database: whoever holds only the database cannot forge the trail.

export type AuditKeys = {
  /** Chains the entries of the trail (HMAC-SHA-256 of each entry and its predecessor's hash). */
  chain: Buffer;
  /** Signs checkpoints of the trail's head, kept apart from the database. */
  checkpoint: Buffer;
};

export function deriveAuditKeys(dataKey: Buffer): AuditKeys {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  return { chain: derive('guia audit chain v1'), checkpoint: derive('guia audit checkpoint v1') };
}
