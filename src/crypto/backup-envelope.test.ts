import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultKdf, openFromFile, sealToFile } from './backup-envelope.js';

// The backup envelope's key derivation: its cost is written into each file, so it can rise
// while every older backup still opens. Tests pass a cheaper cost explicitly (never through
// the default) except where the default itself is what is checked.

const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-envelope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const passphrase = 'correct horse battery staple';
const plaintext = Buffer.from('{"manifest":true}\nrow 1\nrow 2\n');
const cheap = { log2N: 10, r: 8, p: 1 };
let n = 0;
const fileName = () => path.join(dir, `backup-${n++}`);

async function opened(file: string, phrase = passphrase): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await openFromFile(file, phrase, sink);
  return Buffer.concat(chunks);
}

/** A backup as Guia wrote them until December 2026 (GUIABAK1: scrypt N = 2^15, no parameters in the file). */
function legacyBackup(file: string): void {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(gzipSync(plaintext)), cipher.final()]);
  writeFileSync(file, Buffer.concat([Buffer.from('GUIABAK1'), salt, iv, body, cipher.getAuthTag()]));
}

describe('backup envelope', () => {
  it('derives the key of a new backup with scrypt N = 2^17, r = 8, p = 1, written in its header', async () => {
    expect(defaultKdf).toEqual({ log2N: 17, r: 8, p: 1 });
    const file = fileName();
    await sealToFile(Readable.from([plaintext]), file, passphrase);
    const header = readFileSync(file).subarray(0, 11);
    expect(header.subarray(0, 8).toString()).toBe('GUIABAK2');
    expect([...header.subarray(8)]).toEqual([17, 8, 1]);
    expect(await opened(file)).toEqual(plaintext);
  }, 20_000);

  it('still opens a backup written with the old parameters (GUIABAK1, N = 2^15)', async () => {
    const file = fileName();
    legacyBackup(file);
    expect(await opened(file)).toEqual(plaintext);
    await expect(opened(file, 'not the passphrase at all')).rejects.toMatchObject({
      code: 'validation.failed',
    });
  });

  it('opens with the parameters its file names, and refuses one whose parameters were changed', async () => {
    const file = fileName();
    await sealToFile(Readable.from([plaintext]), file, passphrase, cheap);
    expect(await opened(file)).toEqual(plaintext);
    // Lowering r in the header derives another key; raising it back to a cheap attack is caught
    // by GCM, which authenticates the header with the data.
    const bytes = readFileSync(file);
    bytes[9] = 4;
    const altered = fileName();
    writeFileSync(altered, bytes);
    await expect(opened(altered)).rejects.toMatchObject({
      fieldErrors: [{ path: 'file', code: 'unauthentic' }],
    });
  });

  it('refuses a header asking for an absurd cost as not a backup, without deriving anything', async () => {
    const file = fileName();
    await sealToFile(Readable.from([plaintext]), file, passphrase, cheap);
    for (const [at, value] of [
      [8, 40],
      [8, 3],
      [9, 0],
      [10, 0],
    ] as const) {
      const bytes = readFileSync(file);
      bytes[at] = value;
      const forged = fileName();
      writeFileSync(forged, bytes);
      const started = Date.now();
      await expect(opened(forged)).rejects.toMatchObject({
        fieldErrors: [{ path: 'file', code: 'not_a_backup' }],
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
