import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

export type LoadedKey = { key: Buffer; created: boolean; source: string };

/**
 * Loads the data key. A key file is created only when the database holds no data
 * written under an earlier key (`databaseHasKey` false): creating a fresh key over
 * existing ciphertext would make it unreadable, so a missing key then stops start-up.
 */
export function loadDataKey(config: Config, databaseHasKey: boolean): LoadedKey {
  if (config.dataKey.kind === 'env') {
    return { key: Buffer.from(config.dataKey.base64, 'base64'), created: false, source: 'GUIA_DATA_KEY' };
  }
  const file = config.dataKey.path;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/]{43}=$/.test(text)) {
      throw new DataKeyError(`The data key file ${file} does not hold a 32-byte base64 key`);
    }
    return { key, created: false, source: file };
  }
  if (databaseHasKey) {
    throw new DataKeyError(
      `The data key file ${file} is missing, but the database holds data encrypted with a key. ` +
        'Restore the key file from your backup (or set GUIA_DATA_KEY); Guia will not create a new key over existing data.',
    );
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // Stryker disable next-line StringLiteral: 'wx' only matters if another process creates the file between the check above and here
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true, source: file };
}
