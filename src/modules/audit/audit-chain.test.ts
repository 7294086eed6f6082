import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkLink,
  checkpointSigned,
  genesisHash,
  keyedEntryHash,
  keyedStartAction,
  sha256EntryHash,
  signCheckpoint,
  type ChainedFields,
  type ChainMode,
} from './audit-chain.js';

const chainKey = randomBytes(32);

const fields = (seq: number, prevHash: string, action = 'case.created'): ChainedFields => ({
  seq,
  id: `entry-${seq}`,
  at: '2024-05-01T10:00:00.000Z',
  actor_id: 'user-1',
  actor_label: 'user',
  actor_agency_id: 'agency-1',
  action,
  entity_type: 'case',
  entity_id: 'case-1',
  summary: '{"stage":"reported"}',
  prev_hash: prevHash,
});

const keyed = (entry: ChainedFields) => ({ ...entry, hash: keyedEntryHash(entry, chainKey) });
const plain = (entry: ChainedFields) => ({ ...entry, hash: sha256EntryHash(entry) });

describe('audit chain hashes', () => {
  it('hashes every field of an entry, in a fixed order, as a JSON array', () => {
    const entry = fields(1, genesisHash);
    const canonical = JSON.stringify([
      1,
      'entry-1',
      '2024-05-01T10:00:00.000Z',
      'user-1',
      'user',
      'agency-1',
      'case.created',
      'case',
      'case-1',
      '{"stage":"reported"}',
      genesisHash,
    ]);
    expect(sha256EntryHash(entry)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(keyedEntryHash(entry, chainKey)).toBe(
      createHmac('sha256', chainKey).update(canonical, 'utf8').digest('hex'),
    );
    expect(genesisHash).toBe('0'.repeat(64));
  });

  it.each<keyof ChainedFields>([
    'seq',
    'id',
    'at',
    'actor_id',
    'actor_label',
    'actor_agency_id',
    'action',
    'entity_type',
    'entity_id',
    'summary',
    'prev_hash',
  ])('changes the hash when %s changes', (field) => {
    const entry = fields(1, genesisHash);
    const altered = { ...entry, [field]: field === 'seq' ? 2 : `${String(entry[field])}x` };
    expect(sha256EntryHash(altered)).not.toBe(sha256EntryHash(entry));
    expect(keyedEntryHash(altered, chainKey)).not.toBe(keyedEntryHash(entry, chainKey));
  });

  it('gives a different keyed hash under another key', () => {
    const entry = fields(1, genesisHash);
    expect(keyedEntryHash(entry, randomBytes(32))).not.toBe(keyedEntryHash(entry, chainKey));
  });
});

describe('checking one link of the chain', () => {
  const first = keyed(fields(1, genesisHash, keyedStartAction));
  const second = keyed(fields(2, first.hash));

  it('accepts the first entry on the genesis hash and each next entry on its predecessor', () => {
    expect(checkLink(first, null, 'sha256', chainKey)).toBeNull();
    expect(checkLink(second, { seq: 1, hash: first.hash }, 'keyed', chainKey)).toBeNull();
  });

  it('reports a missing sequence number as a gap', () => {
    expect(checkLink(keyed(fields(2, genesisHash)), null, 'keyed', chainKey)).toEqual({
      seq: 2,
      id: 'entry-2',
      reason: 'gap',
    });
    const third = keyed(fields(3, first.hash));
    expect(checkLink(third, { seq: 1, hash: first.hash }, 'keyed', chainKey)).toEqual({
      seq: 3,
      id: 'entry-3',
      reason: 'gap',
    });
  });

  it('reports an entry that does not name its predecessor hash as a broken link, even when rehashed', () => {
    const rehashed = keyed(fields(2, 'f'.repeat(64)));
    expect(checkLink(rehashed, { seq: 1, hash: first.hash }, 'keyed', chainKey)).toEqual({
      seq: 2,
      id: 'entry-2',
      reason: 'broken_link',
    });
    const notGenesis = keyed(fields(1, first.hash, keyedStartAction));
    expect(checkLink(notGenesis, null, 'keyed', chainKey)?.reason).toBe('broken_link');
  });

  it('reports an altered entry as a hash mismatch', () => {
    const altered = { ...second, summary: '{"stage":"closed"}' };
    expect(checkLink(altered, { seq: 1, hash: first.hash }, 'keyed', chainKey)).toEqual({
      seq: 2,
      id: 'entry-2',
      reason: 'hash_mismatch',
    });
    const truncatedHash = { ...second, hash: second.hash.slice(0, 32) };
    expect(checkLink(truncatedHash, { seq: 1, hash: first.hash }, 'keyed', chainKey)?.reason).toBe(
      'hash_mismatch',
    );
  });

  it('checks SHA-256 entries before the keyed start and HMAC from it on', () => {
    const old = plain(fields(1, genesisHash));
    expect(checkLink(old, null, 'sha256', chainKey)).toBeNull();
    // Once keyed, an entry rehashed with plain SHA-256 (without the key) is refused.
    expect(checkLink(old, null, 'keyed', chainKey)?.reason).toBe('hash_mismatch');
    // The keyed start is keyed itself, whatever the mode so far.
    const start = keyed(fields(2, old.hash, keyedStartAction));
    expect(checkLink(start, { seq: 1, hash: old.hash }, 'sha256', chainKey)).toBeNull();
    const forgedStart = plain(fields(2, old.hash, keyedStartAction));
    expect(checkLink(forgedStart, { seq: 1, hash: old.hash }, 'sha256', chainKey)?.reason).toBe(
      'hash_mismatch',
    );
    // And an HMAC where the trail is still SHA-256-chained is not what its hash says.
    const mode: ChainMode = 'sha256';
    expect(checkLink(keyed(fields(1, genesisHash)), null, mode, chainKey)?.reason).toBe('hash_mismatch');
  });

  it('refuses an entry rehashed under another key', () => {
    const other = { ...second, hash: keyedEntryHash(second, randomBytes(32)) };
    expect(checkLink(other, { seq: 1, hash: first.hash }, 'keyed', chainKey)?.reason).toBe('hash_mismatch');
  });
});

describe('checkpoints', () => {
  const checkpointKey = randomBytes(32);
  const head = { sequence: 42, hash: 'a'.repeat(64), time: '2024-05-01T10:00:00.000Z' };

  it('signs the head with the checkpoint key, and verifies only that signature', () => {
    const checkpoint = signCheckpoint(head, checkpointKey);
    expect(checkpoint).toMatchObject(head);
    expect(checkpoint.signature).toBe(
      createHmac('sha256', checkpointKey)
        .update(JSON.stringify(['guia audit checkpoint v1', 42, 'a'.repeat(64), head.time]), 'utf8')
        .digest('base64url'),
    );
    expect(checkpointSigned(checkpoint, checkpointKey)).toBe(true);
    expect(checkpointSigned(checkpoint, randomBytes(32))).toBe(false);
  });

  it.each([
    ['sequence', { sequence: 43 }],
    ['hash', { hash: 'b'.repeat(64) }],
    ['time', { time: '2024-05-02T10:00:00.000Z' }],
    ['signature', { signature: 'forged' }],
  ])('refuses a checkpoint whose %s was changed', (_field, change) => {
    const checkpoint = { ...signCheckpoint(head, checkpointKey), ...change };
    expect(checkpointSigned(checkpoint, checkpointKey)).toBe(false);
  });
});
