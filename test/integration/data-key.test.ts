import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DataKeyError } from '../../src/crypto/data-key.js';
import { migrate, openDatabase, type Database } from '../../src/db/database.js';
import { openCipher } from '../../src/startup/instance.js';
import { databases, freshDatabase } from '../support/databases.js';

describe.each(databases)('the data key on %s', (kind) => {
  let dataDir: string;
  let database: Database;
  let env: Record<string, string>;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const fresh = await freshDatabase(kind);
    drop = fresh.drop;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-key-'));
    env = {
      GUIA_DATA_DIR: dataDir,
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    database = openDatabase(fresh.target);
    await migrate(database);
  });
  afterEach(async () => {
    await database.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is created on the very first start, readable by its owner only, and the user is told to back it up', async () => {
    const said: string[] = [];
    const cipher = await openCipher(loadConfig(env), database, (line) => said.push(line));
    const file = path.join(dataDir, 'guia.key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(said.join('\n')).toMatch(/BACK IT UP/);
    const sealed = cipher.encrypt('Maria', 'persons.given_names');
    const again = await openCipher(loadConfig(env), database, () => {});
    expect(again.decrypt(sealed, 'persons.given_names')).toBe('Maria');
  });

  it('stops start-up when the key file is missing for existing data, and does not create a new one', async () => {
    await openCipher(loadConfig(env), database, () => {});
    const file = path.join(dataDir, 'guia.key');
    const original = readFileSync(file, 'utf8');
    unlinkSync(file);
    await expect(openCipher(loadConfig(env), database, () => {})).rejects.toThrow(DataKeyError);
    await expect(openCipher(loadConfig(env), database, () => {})).rejects.toThrow(
      /missing.*Restore the key file/s,
    );
    expect(existsSync(file)).toBe(false);
    writeFileSync(file, original);
    await expect(openCipher(loadConfig(env), database, () => {})).resolves.toBeDefined();
  });

  it('stops start-up with a wrong key, from a file or the environment', async () => {
    await openCipher(loadConfig(env), database, () => {});
    const wrong = randomBytes(32).toString('base64');
    await expect(
      openCipher(loadConfig({ ...env, GUIA_DATA_KEY: wrong }), database, () => {}),
    ).rejects.toThrow(/not the key this database was encrypted with/);
    const otherFile = path.join(dataDir, 'other.key');
    writeFileSync(otherFile, `${wrong}\n`);
    await expect(
      openCipher(loadConfig({ ...env, GUIA_DATA_KEY_FILE: otherFile }), database, () => {}),
    ).rejects.toThrow(DataKeyError);
  });

  it('refuses a key file that does not hold a key', async () => {
    writeFileSync(path.join(dataDir, 'guia.key'), 'not a key\n');
    await expect(openCipher(loadConfig(env), database, () => {})).rejects.toThrow(
      /does not hold a 32-byte base64 key/,
    );
  });
});
