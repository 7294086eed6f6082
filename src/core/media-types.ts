import { z } from 'zod';

// The kinds of file Guia accepts as evidence. An allowlist (ASVS 12.2): a browser that opened
// an uploaded file served as text/html, image/svg+xml or XML would run whatever script it holds
// with Guia's origin. Downloads are also sent as attachments with nosniff, but what is stored
// should never claim to be a page. A file of another kind can still be attached as
// application/octet-stream (what the web app sends when the browser cannot tell), which no
// browser renders.
export const uploadMediaTypes = [
  'application/octet-stream',
  'application/pdf',
  'application/rtf',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/plain',
  'text/csv',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'audio/mpeg',
  'video/mp4',
  'message/rfc822',
] as const;

/** An uploaded file's declared media type, from the allowlist (anything else: `invalid_value`). */
export const UploadMediaType = z.enum(uploadMediaTypes);
