import type { FastifyReply } from 'fastify';

// The two ways a route hands a file back. They stay apart from the case attachments
// (journal-attachments.routes.ts), which add an ASCII fallback name and forbid caching, and
// from the exports (exports.routes.ts), which are never cached either.

/** A file someone uploaded (evidence, a submission), under its own name and media type. */
export type StoredFile = { fileName: string; mediaType: string; content: Buffer };

/**
 * Sends an uploaded file back as an attachment: the UTF-8 name as RFC 6266 writes it, and
 * `nosniff` so a browser never runs it as something other than the type it was stored with.
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFile): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

/** Sends a document the server wrote (minutes, a response) as an attachment named `fileName`. */
export function sendDocument(
  reply: FastifyReply,
  type: string,
  fileName: string,
  content: Buffer | Uint8Array,
): FastifyReply {
  return reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`).send(content);
}
