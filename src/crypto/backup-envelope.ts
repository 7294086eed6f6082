import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCallback,
  type ScryptOptions,
} from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { invalid } from '../core/errors.js';

// A backup leaves the machine, so it is sealed with a passphrase of its own rather than the data
// key (which must be kept apart from the backups — a stolen backup then holds nothing readable).
// Layout: magic (8) | salt (16) | iv (12) | AES-256-GCM ciphertext of gzip(plaintext) | tag (16).
// The key is scrypt(passphrase, salt). GCM authenticates everything: a wrong passphrase, a
// changed byte and a cut-off file all fail the same check, before anything is restored.

const magic = Buffer.from('GUIABAK1');
const saltLength = 16;
const ivLength = 12;
const tagLength = 16;
const headerLength = magic.length + saltLength + ivLength;
// 2^15 × 8 × 128 bytes = 32 MiB of memory, about 0.1 s: slow for a guesser, quick for an operator.
const kdf: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export const minimumPassphraseLength = 12;

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  if (passphrase.length < minimumPassphraseLength)
    throw invalid('passphrase', 'passphrase_too_short', { minimum: minimumPassphraseLength });
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, 32, kdf, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Seals what `source` yields into `file` (created 0600, never overwritten). */
export async function sealToFile(source: Readable, file: string, passphrase: string): Promise<void> {
  const salt = randomBytes(saltLength);
  const iv = randomBytes(ivLength);
  const key = await deriveKey(passphrase, salt);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, Buffer.concat([magic, salt, iv]));
    await pipeline(source, createGzip(), cipher, createWriteStream('', { fd, autoClose: false }));
    writeSync(fd, cipher.getAuthTag());
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a sealed file into `sink`. The plaintext is authentic only once this resolves: write it
 * somewhere provisional and put it in place afterwards.
 */
export async function openFromFile(file: string, passphrase: string, sink: Writable): Promise<void> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw invalid('file', 'unreadable');
  }
  if (size < headerLength + tagLength) throw invalid('file', 'not_a_backup');
  const header = Buffer.alloc(headerLength);
  const tag = Buffer.alloc(tagLength);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, headerLength, 0);
    readSync(fd, tag, 0, tagLength, size - tagLength);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, magic.length).equals(magic)) throw invalid('file', 'not_a_backup');
  const salt = header.subarray(magic.length, magic.length + saltLength);
  const iv = header.subarray(magic.length + saltLength);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      createReadStream(file, { start: headerLength, end: size - tagLength - 1 }),
      decipher,
      createGunzip(),
      sink,
    );
  } catch {
    // GCM fails before gunzip could: either way the passphrase is wrong or the file was altered.
    throw invalid('file', 'unauthentic');
  }
}
