import { z } from 'zod';
import { Id } from '../access/access.schemas.js';
// The decisions of the queue are those of the assignee's own queue (GET /api/v1/decisions/mine).
import { QueueDecision } from '../coordination/meetings.schemas.js';

export const QueueReferral = z.object({
  id: Id,
  caseReference: z.string(),
  pseudonym: z.string(),
  fromAgency: z.string(),
  serviceKind: z.string(),
  sentOn: z.string(),
});

export const QueueCase = z.object({
  id: Id,
  reference: z.string(),
  stage: z.string(),
  /** The last change recorded on the case (an audit action code, labelled by the web app). */
  lastChange: z.object({ action: z.string(), at: z.string(), byOthers: z.boolean() }).nullable(),
  /** Changed by someone else within the last seven days. */
  recent: z.boolean(),
});

export const QueueTask = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('task_due'),
    taskId: Id,
    title: z.string(),
    agency: z.string(),
    due: z.string(),
    status: z.enum(['at_risk', 'overdue']),
    daysLeft: z.number().int(),
  }),
  z.object({
    kind: z.enum(['progress_to_validate', 'progress_returned', 'progress_validated']),
    progressId: Id,
    taskId: Id,
    title: z.string(),
    agency: z.string(),
    period: z.string(),
    since: z.string().nullable(),
  }),
]);

/** Counts for the menu: null where the section is not the caller's (no permission). */
export const WorkQueueCounts = z.object({
  notifications: z.number().int(),
  referrals: z.number().int().nullable(),
  tasks: z.number().int().nullable(),
  validations: z.number().int().nullable(),
  decisions: z.number().int().nullable(),
});
export type WorkQueueCounts = z.infer<typeof WorkQueueCounts>;

export const WorkQueue = z.object({
  today: z.string(),
  counts: WorkQueueCounts,
  /** Referrals waiting for an answer in the caller's agency inbox (the oldest first). */
  referrals: z.array(QueueReferral).nullable(),
  cases: z.object({ items: z.array(QueueCase), total: z.number().int() }),
  tasks: z.array(QueueTask).nullable(),
  decisions: z.array(QueueDecision).nullable(),
});
export type WorkQueue = z.infer<typeof WorkQueue>;
