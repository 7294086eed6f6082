import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/schema.js';
import { checkLink, entryHash, genesisHash, type ChainBreak } from './audit-chain.js';
import type { AuditAction } from './audit.events.js';
import { auditRepo, type AuditFilter } from './audit.repo.js';

export type AuditActor = { userId: string | null; agencyId: string | null; label: string };

export const systemActor = (label: 'system' | 'cli' | 'anonymous'): AuditActor => ({
  userId: null,
  agencyId: null,
  label,
});

export type AuditDetails = {
  entityType?: string;
  entityId?: string;
  /** What changed: field names, and old/new values only where they are not secret or personal. */
  summary?: Record<string, unknown>;
};

export type VerifyResult =
  { ok: true; entries: number } | { ok: false; entries: number; firstBad: ChainBreak };

export const auditService = {
  /** Appends one entry. Call it with the executor of the transaction that makes the change. */
  async record(
    tx: Executor,
    actor: AuditActor,
    action: AuditAction,
    details: AuditDetails = {},
  ): Promise<void> {
    await auditRepo.lockTail(tx);
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
    await auditRepo.insert(tx, { ...fields, hash: entryHash(fields) });
  },

  async verify(db: Executor, onProgress?: (checked: number) => void): Promise<VerifyResult> {
    let previous: { seq: number; hash: string } | null = null;
    let entries = 0;
    for (;;) {
      const page = await auditRepo.page(db, previous?.seq ?? 0, 5000);
      if (page.length === 0) {
        const head = await auditRepo.head(db);
        if (head && (head.seq !== previous?.seq || head.hash !== previous.hash)) {
          return {
            ok: false,
            entries,
            firstBad: { seq: (previous?.seq ?? 0) + 1, id: '', reason: 'truncated' },
          };
        }
        return { ok: true, entries };
      }
      for (const entry of page) {
        const broken = checkLink(entry, previous);
        if (broken) return { ok: false, entries, firstBad: broken };
        previous = { seq: entry.seq, hash: entry.hash };
        entries++;
      }
      onProgress?.(entries);
    }
  },

  search(db: Executor, filter: AuditFilter) {
    return auditRepo.search(db, filter);
  },
};
