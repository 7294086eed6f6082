import { z } from 'zod';
import { Id } from '../access/access.schemas.js';
import { notificationKindList } from './notification-kinds.js';

export const NotificationKindSchema = z.enum(notificationKindList as [string, ...string[]]);

/**
 * What a notification shows its reader, looked up when read with the reader's rights: a value
 * the reader may not see is null (the text then says "a case", "a person").
 */
export const NotificationValues = z.object({
  caseReference: z.string().nullable(),
  pseudonym: z.string().nullable(),
  /** The other agency (sender of a referral, receiver of its answer, a task's agency): its code. */
  agency: z.string().nullable(),
  serviceKind: z.string().nullable(),
  due: z.string().nullable(),
});
export type NotificationValues = z.infer<typeof NotificationValues>;

export const NotificationView = z.object({
  id: Id,
  kind: NotificationKindSchema,
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Where the web app leads the reader (an app path), when the reader may go there. */
  link: z.string().nullable(),
  values: NotificationValues,
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationPage = z.object({
  items: z.array(NotificationView),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ unread: z.number().int() });

/** Mark these read, or all of one's notifications (`all: true`). */
export const MarkReadBody = z.union([
  z.strictObject({ ids: z.array(Id).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const MarkReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });
