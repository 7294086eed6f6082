import { z } from 'zod';
import { UserRef } from '../shared.schemas.js';
import { Id } from '../access/access.schemas.js';
import { nameProblem } from '../../core/text.js';
import { IsoDate } from './cases.schemas.js';

// The case journal and the files of a case (issue 12). Both hang on the case, or on one
// victim of it (the `/people/:casePersonId/` routes), which decides who reaches them.

export const JournalNoteBody = z.strictObject({
  /** The day the note is about, in the committee's time zone; today when left out. */
  noteDate: IsoDate.optional(),
  text: z.string().trim().min(1).max(10_000),
});
export type JournalNoteBody = z.infer<typeof JournalNoteBody>;

export const JournalEntryView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id.nullable(),
  noteDate: z.string(),
  text: z.string(),
  author: UserRef.nullable(),
  createdAt: z.string(),
});
export type JournalEntryView = z.infer<typeof JournalEntryView>;

/** A file's name as its uploader's computer called it: no path, no control characters. */
const FileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\]/.test(name) && nameProblem(name) === null, 'file_name');

export const AttachmentQuery = z.strictObject({
  fileName: FileName,
  /** The entry of the documents register this file is the copy of. */
  documentId: Id.optional(),
});
export type AttachmentQuery = z.infer<typeof AttachmentQuery>;

export const AttachmentParams = z.strictObject({ id: Id, attachmentId: Id });
export const VictimAttachmentParams = z.strictObject({ id: Id, casePersonId: Id, attachmentId: Id });

export const AttachmentView = z.object({
  id: Id,
  caseId: Id,
  casePersonId: Id.nullable(),
  documentId: Id.nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: UserRef.nullable(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;
