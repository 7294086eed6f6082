import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { DataKeyError, loadDataKey } from './data-key.js';

// Only the data key matters to loadDataKey; the rest of the configuration is not read.
const withKey = (dataKey: Config['dataKey']) => ({ dataKey }) as Config;

describe('loading the data key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'guia-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the key from GUIA_DATA_KEY as it is', () => {
    const key = randomBytes(32);
    const loaded = loadDataKey(withKey({ kind: 'env', base64: key.toString('base64') }), true);
    expect(loaded).toEqual({ key, created: false, source: 'GUIA_DATA_KEY' });
  });

  it('creates a key file, readable by its owner only, when the database holds no data yet', () => {
    const file = path.join(dir, 'guia', 'keys', 'data.key');
    const loaded = loadDataKey(withKey({ kind: 'file', path: file }), false);
    expect(loaded.created).toBe(true);
    expect(loaded.source).toBe(file);
    expect(loaded.key).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toBe(`${loaded.key.toString('base64')}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // The next start reads the same key back.
    expect(loadDataKey(withKey({ kind: 'file', path: file }), true)).toEqual({
      key: loaded.key,
      created: false,
      source: file,
    });
  });

  it('refuses to create a new key over data written under an earlier one', () => {
    const file = path.join(dir, 'data.key');
    expect(() => loadDataKey(withKey({ kind: 'file', path: file }), true)).toThrow(DataKeyError);
    expect(() => loadDataKey(withKey({ kind: 'file', path: file }), true)).toThrow(
      /is missing, .*will not create a new key over existing data/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['a short key', randomBytes(16).toString('base64')],
    ['a long key', randomBytes(48).toString('base64')],
    ['a key with text after it', `${randomBytes(32).toString('base64')}xyz`],
    ['a key in another encoding', randomBytes(32).toString('hex')],
    // Base64 decoding skips characters outside its alphabet: the text itself must be the key.
    ['a key after other characters', `#${randomBytes(32).toString('base64')}`],
  ])('refuses a key file holding %s', (_name, text) => {
    const file = path.join(dir, 'data.key');
    writeFileSync(file, text);
    const error = (() => {
      try {
        loadDataKey(withKey({ kind: 'file', path: file }), false);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DataKeyError);
    expect(error).toMatchObject({ name: 'DataKeyError', message: expect.stringContaining(file) });
  });

  it('reads a key file with surrounding white space', () => {
    const key = randomBytes(32);
    const file = path.join(dir, 'data.key');
    writeFileSync(file, `  ${key.toString('base64')}\n\n`);
    expect(loadDataKey(withKey({ kind: 'file', path: file }), true).key.equals(key)).toBe(true);
  });
});
