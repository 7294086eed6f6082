import { z } from 'zod';
import { auditActions } from './audit.events.js';

// The web app reads the closed list of actions through this file, its window on the module.
export { auditActions, type AuditAction } from './audit.events.js';

export const AuditQuery = z.strictObject({
  action: z.enum(auditActions).optional(),
  actorId: z.uuid().optional(),
  entityId: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actor: z.object({
    id: z.string().nullable(),
    label: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    agencyCode: z.string().nullable(),
  }),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export const AuditPage = z.object({
  entries: z.array(AuditEntryView),
  nextBefore: z.number().int().nullable(),
});

export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});

/** A signed head of the trail, as `guia audit checkpoint` writes it. */
export const AuditCheckpoint = z.strictObject({
  sequence: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  time: z.iso.datetime(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;
