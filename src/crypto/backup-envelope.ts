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
// Layout: magic (8) | log2 N, r, p (1 byte each) | salt (16) | iv (12) |
//         AES-256-GCM ciphertext of gzip(plaintext), the header bound as additional data | tag (16).
// The key is scrypt(passphrase, salt) with the parameters the file names, so the cost can rise
// over the years and every older backup still opens. GCM authenticates everything, the
// parameters included: a wrong passphrase, a changed byte and a cut-off file all fail the same
// check, before anything is restored. The first format (GUIABAK1, until December 2026) named no
// parameters and bound no header: scrypt N = 2^15, r = 8, p = 1.

export type KdfParameters = { log2N: number; r: number; p: number };

/**
 * scrypt at N = 2^17, r = 8, p = 1: 128 MiB of memory and about half a second per guess, the
 * parameters OWASP's password storage guidance gives for scrypt — a stolen backup costs a
 * guesser that much per passphrase tried, an operator once per backup or restore.
 */
export const defaultKdf: KdfParameters = { log2N: 17, r: 8, p: 1 };
const legacyKdf: KdfParameters = { log2N: 15, r: 8, p: 1 };

const magic = Buffer.from('GUIABAK2');
const legacyMagic = Buffer.from('GUIABAK1');
const kdfLength = 3;
const saltLength = 16;
const ivLength = 12;
const tagLength = 16;
const headerLength = magic.length + kdfLength + saltLength + ivLength;
const legacyHeaderLength = legacyMagic.length + saltLength + ivLength;
// A file names its own cost; more than 1 GiB of memory (or absurd values) is refused unread,
// so a forged header cannot make a restore exhaust the machine.
const maxKdfMemory = 1024 * 1024 * 1024;

export const minimumPassphraseLength = 12;

const kdfMemory = ({ log2N, r, p }: KdfParameters) => 128 * 2 ** log2N * r * p;

function acceptable(kdf: KdfParameters): boolean {
  return kdf.log2N >= 10 && kdf.log2N <= 24 && kdf.r >= 1 && kdf.p >= 1 && kdfMemory(kdf) <= maxKdfMemory;
}

function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParameters): Promise<Buffer> {
  if (passphrase.length < minimumPassphraseLength)
    throw invalid('passphrase', 'passphrase_too_short', { minimum: minimumPassphraseLength });
  const options: ScryptOptions = {
    N: 2 ** kdf.log2N,
    r: kdf.r,
    p: kdf.p,
    // Node's ceiling on scrypt's memory: what these parameters need, with room to spare.
    maxmem: 2 * kdfMemory(kdf) + 16 * 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Seals what `source` yields into `file` (created 0600, never overwritten). `kdf` is for tests,
 * which may pass a cheaper cost explicitly; every backup Guia writes uses the default.
 */
export async function sealToFile(
  source: Readable,
  file: string,
  passphrase: string,
  kdf: KdfParameters = defaultKdf,
): Promise<void> {
  if (!acceptable(kdf)) throw new RangeError('scrypt parameters out of range');
  const salt = randomBytes(saltLength);
  const iv = randomBytes(ivLength);
  const header = Buffer.concat([magic, Buffer.from([kdf.log2N, kdf.r, kdf.p]), salt, iv]);
  const key = await deriveKey(passphrase, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, header);
    await pipeline(source, createGzip(), cipher, createWriteStream('', { fd, autoClose: false }));
    writeSync(fd, cipher.getAuthTag());
  } finally {
    closeSync(fd);
  }
}

/** The header of a sealed file, in either format: the parameters, salt and iv, and where the ciphertext starts. */
function readHeader(file: string, size: number) {
  const header = Buffer.alloc(Math.min(headerLength, size));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const at = (offset: number, length: number) => header.subarray(offset, offset + length);
  if (size >= legacyHeaderLength + tagLength && at(0, 8).equals(legacyMagic))
    return {
      kdf: legacyKdf,
      salt: at(8, saltLength),
      iv: at(8 + saltLength, ivLength),
      start: legacyHeaderLength,
      aad: null,
    };
  if (size < headerLength + tagLength || !at(0, 8).equals(magic)) throw invalid('file', 'not_a_backup');
  const kdf = { log2N: header[8]!, r: header[9]!, p: header[10]! };
  if (!acceptable(kdf)) throw invalid('file', 'not_a_backup');
  return {
    kdf,
    salt: at(8 + kdfLength, saltLength),
    iv: at(8 + kdfLength + saltLength, ivLength),
    start: headerLength,
    aad: header,
  };
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
  const { kdf, salt, iv, start, aad } = readHeader(file, size);
  const tag = Buffer.alloc(tagLength);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, tag, 0, tagLength, size - tagLength);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, kdf), iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      createReadStream(file, { start, end: size - tagLength - 1 }),
      decipher,
      createGunzip(),
      sink,
    );
  } catch {
    // GCM fails before gunzip could: either way the passphrase is wrong or the file was altered.
    throw invalid('file', 'unauthentic');
  }
}
