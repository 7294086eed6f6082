import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AuditKeys } from '../../crypto/audit-keys.js';
import type { DB, Executor } from '../../db/schema.js';
import {
  checkLink,
  checkpointSigned,
  genesisHash,
  keyedEntryHash,
  keyedStartAction,
  signCheckpoint,
  type ChainBreak,
  type ChainMode,
  type Checkpoint,
} from './audit-chain.js';
import { asTrailPosition } from './audit-values.js';
import type { AuditAction, AuditDetails, ExactDetails } from './audit.events.js';
import { auditKeysOf, withAuditKeys } from './audit-keyring.js';
import { auditRepo, type AuditFilter } from './audit.repo.js';

export type AuditActor = { userId: string | null; agencyId: string | null; label: string };

export const systemActor = (label: 'system' | 'cli' | 'anonymous'): AuditActor => ({
  userId: null,
  agencyId: null,
  label,
});

export type { AuditDetails } from './audit.events.js';

/** Details as stored; what each action may put in them is typed by `AuditDetails`. */
type StoredDetails = { entityType?: string; entityId?: string; summary?: object };

export type TrailHead = { seq: number; hash: string };

export type VerifyResult =
  | { ok: true; entries: number; head: TrailHead | null }
  | { ok: false; entries: number; firstBad: ChainBreak };

export type VerifyOptions = {
  /** A checkpoint kept apart from the database: its entry must still be in the trail, unchanged. */
  checkpoint?: Checkpoint;
  onProgress?: (checked: number) => void;
};

export type CheckpointResult = { ok: true; checkpoint: Checkpoint } | Extract<VerifyResult, { ok: false }>;

async function append(
  tx: Executor,
  chainKey: Buffer,
  actor: AuditActor,
  action: AuditAction,
  details: StoredDetails,
): Promise<void> {
  const tail = await auditRepo.tail(tx);
  const fields = {
    seq: (tail?.seq ?? 0) + 1,
    id: uuidv7(),
    at: new Date().toISOString(),
    actor_id: actor.userId,
    actor_label: actor.label,
    actor_agency_id: actor.agencyId,
    action,
    entity_type: details.entityType ?? null,
    entity_id: details.entityId ?? null,
    summary: JSON.stringify(details.summary ?? {}),
    prev_hash: tail?.hash ?? genesisHash,
  };
  await auditRepo.insert(tx, { ...fields, hash: keyedEntryHash(fields, chainKey) });
}

export const auditService = {
  /**
   * Appends one entry. Call it with the executor of the transaction that makes the change;
   * that executor must come from the handle `keyTrail` returned at start-up (it carries
   * the chain key), else this throws and the change rolls back with it.
   *
   * The action fixes the entity type and the exact shape of the summary (audit.events.ts):
   * a summary with a property its action does not name, or a value that could be free text,
   * does not type-check.
   */
  async record<A extends AuditAction, D extends AuditDetails<A>>(
    tx: Executor,
    actor: AuditActor,
    action: A,
    details: D & ExactDetails<D, A>,
  ): Promise<void> {
    const { chain } = auditKeysOf(tx);
    await auditRepo.lockTail(tx);
    await append(tx, chain, actor, action, details as StoredDetails);
  },

  /**
   * Start-up, once the data key is proven: returns the database handle that writes the
   * trail with the keys, and begins keyed chaining if the trail is not keyed yet.
   *
   * Keying begins here rather than in migration 0005 because migrations never see the data
   * key: they run before it is loaded and proven (and `guia migrate` must behave the same).
   * So the migration only notes where the SHA-256 trail ended, and the first start with the
   * key appends `audit.chain_keyed`, whose HMAC covers the last SHA-256 hash. A trail begun
   * on this version gets that entry first, so it is keyed from entry 1.
   */
  async keyTrail(db: Kysely<DB>, keys: AuditKeys): Promise<Kysely<DB>> {
    const keyed = withAuditKeys(db, keys);
    await keyed.transaction().execute(async (tx) => {
      await auditRepo.lockTail(tx);
      if (await auditRepo.keyedStart(tx)) return;
      const tail = await auditRepo.tail(tx);
      const sha256End = await auditRepo.sha256End(tx);
      const current = `${tail?.seq ?? 0}:${tail?.hash ?? genesisHash}`;
      const details: AuditDetails<typeof keyedStartAction> = {
        summary: {
          sha256Entries: tail?.seq ?? 0,
          // Entries appended after the migration by a process still running the earlier
          // version are SHA-256-chained too; say so rather than vouch for them silently.
          ...(sha256End && sha256End !== current ? { sha256EndAtMigration: asTrailPosition(sha256End) } : {}),
        },
      };
      await append(tx, keys.chain, systemActor('system'), keyedStartAction, details);
    });
    return keyed;
  },

  /**
   * Checks every entry against the one before it: SHA-256 up to the keyed start, HMAC under
   * the chain key from there. With a checkpoint, also that the trail still holds the
   * checkpointed entry unchanged — which no one without the key can fake by deleting,
   * truncating or recomputing entries.
   */
  async verify(db: Executor, options: VerifyOptions = {}): Promise<VerifyResult> {
    const keys = auditKeysOf(db);
    const { checkpoint, onProgress } = options;
    if (checkpoint && !checkpointSigned(checkpoint, keys.checkpoint)) {
      return {
        ok: false,
        entries: 0,
        firstBad: { seq: checkpoint.sequence, id: '', reason: 'checkpoint_signature' },
      };
    }
    let previous: TrailHead | null = null;
    // Stryker disable next-line StringLiteral: checkLink keys an entry only in mode 'keyed' (or at the keyed start), so any other word reads as SHA-256
    let mode: ChainMode = 'sha256';
    let entries = 0;
    // Stryker disable next-line BooleanLiteral: the first page that holds entries resets it, and an empty first page returns 'unkeyed' before it is read
    let readOn = false;
    for (;;) {
      const page = await auditRepo.page(db, previous?.seq ?? 0, 5000);
      if (page.length === 0) {
        const next = (previous?.seq ?? 0) + 1;
        if (mode !== 'keyed')
          return { ok: false, entries, firstBad: { seq: next, id: '', reason: 'unkeyed' } };
        const head = await auditRepo.head(db);
        // A head past the end may be entries appended while the trail was being read: look
        // once more before calling the trail cut off.
        if (head && head.seq >= next && !readOn) {
          readOn = true;
          continue;
        }
        const cutOff =
          // Stryker disable next-line OptionalChaining: previous is null only for an empty trail, which returned 'unkeyed' above
          (head && (head.seq !== previous?.seq || head.hash !== previous.hash)) ||
          (checkpoint && checkpoint.sequence >= next);
        if (cutOff) return { ok: false, entries, firstBad: { seq: next, id: '', reason: 'truncated' } };
        return { ok: true, entries, head: previous };
      }
      readOn = false;
      for (const entry of page) {
        const broken = checkLink(entry, previous, mode, keys.chain);
        if (broken) return { ok: false, entries, firstBad: broken };
        if (entry.action === keyedStartAction) mode = 'keyed';
        if (checkpoint && entry.seq === checkpoint.sequence && entry.hash !== checkpoint.hash) {
          return {
            ok: false,
            entries,
            firstBad: { seq: entry.seq, id: entry.id, reason: 'checkpoint_mismatch' },
          };
        }
        previous = { seq: entry.seq, hash: entry.hash };
        entries++;
      }
      onProgress?.(entries);
    }
  },

  /**
   * A signed statement of the trail's head, to be kept apart from the database. The trail
   * is verified first: signing the head of a trail already rewritten would vouch for it.
   */
  async checkpoint(
    db: Executor,
    now: Date,
    onProgress?: (checked: number) => void,
  ): Promise<CheckpointResult> {
    const verified = await auditService.verify(db, onProgress ? { onProgress } : {});
    if (!verified.ok) return verified;
    // A keyed trail is never empty: it holds at least its keyed start.
    // Stryker disable next-line ObjectLiteral: unreachable, verify() calls a trail with no entries 'unkeyed'
    const head = verified.head ?? { seq: 0, hash: genesisHash };
    const checkpoint = signCheckpoint(
      { sequence: head.seq, hash: head.hash, time: now.toISOString() },
      auditKeysOf(db).checkpoint,
    );
    return { ok: true, checkpoint };
  },

  search(db: Executor, filter: AuditFilter) {
    return auditRepo.search(db, filter);
  },
};

/** The days a person chooses as the trail's filter: `from` at its start, `to` up to the end of that day. */
export function auditFilterOf(
  query: { action?: string; actorId?: string; entityId?: string; from?: string; to?: string },
  page: { beforeSeq?: number; limit: number },
): AuditFilter {
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from ? { from: `${query.from}T00:00:00.000Z` } : {}),
    ...(query.to ? { to: dayAfter(query.to) } : {}),
    ...(page.beforeSeq !== undefined ? { beforeSeq: page.beforeSeq } : {}),
    limit: page.limit,
  };
}
