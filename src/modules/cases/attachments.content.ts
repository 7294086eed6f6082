import { spawn } from 'node:child_process';
import { invalid } from '../../core/errors.js';

// What a case file may be, decided by its bytes (the name only has to agree): PDF, images,
// and office documents. A renamed executable, a web page or a plain ZIP is refused whatever
// it is called. Then the optional virus scan: a command of the operator's choice reads the
// file on its standard input and refuses it by exiting with anything but 0.

type Kind = { mediaType: string; extensions: readonly string[] };

const kinds = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  tiff: { mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  doc: { mediaType: 'application/msword', extensions: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', extensions: ['ppt'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
} as const satisfies Record<string, Kind>;

export const acceptedMediaTypes = Object.values(kinds).map((k) => k.mediaType);

const startsWith = (bytes: Buffer, signature: number[] | string, at = 0) => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= at + sig.length && bytes.subarray(at, at + sig.length).equals(sig);
};
const contains = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));

/** An office document in a ZIP container, told by the entries its format requires. */
function zipKind(bytes: Buffer): Kind | null {
  // OpenDocument: the first entry is "mimetype", stored uncompressed, holding the type.
  if (startsWith(bytes, 'mimetype', 30)) {
    for (const kind of [kinds.odt, kinds.ods, kinds.odp])
      if (startsWith(bytes, kind.mediaType, 38)) return kind;
    return null;
  }
  // Office Open XML: a [Content_Types].xml entry and the part of its application.
  if (!contains(bytes, '[Content_Types].xml')) return null;
  if (contains(bytes, 'word/')) return kinds.docx;
  if (contains(bytes, 'xl/')) return kinds.xlsx;
  if (contains(bytes, 'ppt/')) return kinds.pptx;
  return null;
}

/** The legacy (OLE compound file) office formats look alike: the name tells which one it is. */
function oleKind(extension: string): Kind | null {
  return (
    [kinds.doc, kinds.xls, kinds.ppt].find((k) => (k.extensions as readonly string[]).includes(extension)) ??
    null
  );
}

function kindOf(bytes: Buffer, extension: string): Kind | null {
  if (startsWith(bytes, '%PDF-')) return kinds.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return kinds.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return kinds.jpeg;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return kinds.gif;
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return kinds.webp;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return kinds.tiff;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleKind(extension);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  return null;
}

/**
 * The media type of an accepted file, from its content; the name's extension must be one of
 * that type's. Refuses (400, field `file`) an empty file, an unknown content, or a name that
 * says something else than the bytes.
 */
export function checkFileContent(bytes: Buffer, fileName: string): string {
  if (bytes.length === 0) throw invalid('file', 'file_empty');
  const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = kindOf(bytes, extension);
  if (!kind || !(kind.extensions as readonly string[]).includes(extension))
    throw invalid('file', 'file_type');
  return kind.mediaType;
}

/** Limits the operator sets: GUIA_ATTACHMENT_MAX_MB (default 20) and GUIA_ATTACHMENT_SCAN_COMMAND. */
export type AttachmentSettings = { maxBytes: number; scanCommand: string | null };

export function attachmentSettings(env: NodeJS.ProcessEnv = process.env): AttachmentSettings {
  const mb = Number(env.GUIA_ATTACHMENT_MAX_MB ?? 20);
  const maxBytes = Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 20 * 1024 * 1024;
  const scanCommand = env.GUIA_ATTACHMENT_SCAN_COMMAND?.trim() || null;
  return { maxBytes, scanCommand };
}

/**
 * Runs the operator's scanner with the file on its standard input. Exit 0 accepts; any other
 * exit, a scanner that cannot start, or one that takes over a minute refuses: a scan that did
 * not say yes is a no.
 */
export function scanFile(command: string, bytes: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['pipe', 'ignore', 'ignore'], timeout: 60_000 });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
    // A scanner that stops reading early (it has seen enough) closes the pipe: not an error here.
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}
