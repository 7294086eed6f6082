import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, todayIn } from '../../src/config.js';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { seedMacaoDemo } from '../../src/profiles/macao/demo.js';
import { seedMacaoDemoCases } from '../../src/profiles/macao/demo-cases.js';
import { initialiseInstance } from '../../src/startup/instance.js';
import { openRuntime } from '../../src/startup/runtime.js';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';

// Backup and restore (issue 11), through the `guia` command as an operator runs it: a backup of
// the demo dataset (encrypted identities, cases, the audit trail) restored into an empty data
// directory or database holds every row of every table, and the trail verifies; every bad input
// is refused with a clear message and changes nothing.

const passphrase = 'harbour lantern typhoon 8';

type Site = { env: Record<string, string>; target: DatabaseTarget; dir: string; drop(): Promise<void> };

async function site(kind: (typeof databases)[number], keyFile?: string): Promise<Site> {
  const fresh = await freshDatabase(kind);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-backup-site-'));
  const target: DatabaseTarget =
    fresh.target.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(dir, 'guia.sqlite') } : fresh.target;
  const env: Record<string, string> = {
    GUIA_DATA_DIR: dir,
    ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    ...(keyFile ? { GUIA_DATA_KEY_FILE: keyFile } : {}),
  };
  return {
    env,
    target,
    dir,
    drop: async () => {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, in a stable order: what a restore must bring back exactly. */
async function contents(target: DatabaseTarget): Promise<Record<string, unknown[]>> {
  const database = openDatabase(target);
  try {
    const db = database.db as Kysely<DB>;
    const tables =
      target.kind === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
        : await sql<{
            name: string;
          }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
    const result: Record<string, unknown[]> = {};
    for (const { name } of tables.rows) {
      if (name.startsWith('schema_migrations')) continue;
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      result[name] = rows.rows.map((row) => JSON.stringify(row)).sort();
    }
    return result;
  } finally {
    await database.close();
  }
}

describe.each(databases)('backup and restore on %s', (kind) => {
  let origin: Site;
  let work: string;
  let file: string;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    origin = await site(kind);
    const config = loadConfig({ ...process.env, ...origin.env });
    const runtime = await openRuntime(config, () => {});
    try {
      await initialiseInstance(runtime.database, undefined);
      await runtime.database.db.transaction().execute(async (tx) => {
        await seedMacaoDemo(tx);
        await seedMacaoDemoCases(tx, runtime.cipher, todayIn(config.timeZone));
      });
    } finally {
      await runtime.close();
    }
    work = mkdtempSync(path.join(os.tmpdir(), 'guia-backups-'));
    file = path.join(work, 'guia.backup');
    const made = await runGuia(['backup', file], {
      env: { ...origin.env, GUIA_BACKUP_PASSPHRASE: passphrase },
    });
    expect(made, made.stderr).toMatchObject({ code: 0 });
    before = await contents(origin.target);
  });
  afterAll(async () => {
    await origin.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a sealed file, private to its owner, in which no identity can be read', () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 8).toString()).toBe('GUIABAK2');
    for (const clear of ['schema_migrations', 'audit_log', 'CREATE TABLE', 'admin@'])
      expect(bytes.includes(Buffer.from(clear))).toBe(false);
  });

  it('verifies a backup: it opens with its passphrase and holds what its manifest says', async () => {
    const run = await runGuia(['backup', 'verify', file], { stdin: `${passphrase}\n` });
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(
      /^Backup intact: (sqlite|postgres) database at schema \d{4}-[a-z-]+, taken .*: \d+ tables, \d+ rows, audit trail to entry \d+\./,
    );
  });

  it('restores into an empty site every row of every table, and the audit trail verifies', async () => {
    const restored = await site(kind, path.join(origin.dir, 'guia.key'));
    try {
      const run = await runGuia(['restore', file], {
        env: { ...restored.env, GUIA_BACKUP_PASSPHRASE: passphrase },
      });
      expect(run, run.stderr).toMatchObject({ code: 0 });
      expect(run.stdout).toMatch(/Audit trail intact: \d+ entries verified\./);
      const after = await contents(restored.target);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect(before.persons!.length).toBeGreaterThan(0);

      // Restoring again would overwrite data: refused, and the site is as it was.
      const again = await runGuia(['restore', file], {
        env: { ...restored.env, GUIA_BACKUP_PASSPHRASE: passphrase },
      });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already holds data');
      expect(await contents(restored.target)).toEqual(after);
    } finally {
      await restored.drop();
    }
  });

  it('refuses a wrong passphrase, a changed byte and a cut-off file, restoring nothing', async () => {
    const bytes = readFileSync(file);
    const tampered = path.join(work, 'tampered.backup');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    writeFileSync(tampered, flipped);
    const truncated = path.join(work, 'truncated.backup');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const attempts: [string, string][] = [
      [file, 'a wrong passphrase entirely'],
      [tampered, passphrase],
      [truncated, passphrase],
    ];
    for (const [candidate, phrase] of attempts) {
      const empty = await site(kind, path.join(origin.dir, 'guia.key'));
      try {
        const run = await runGuia(['restore', candidate], {
          env: { ...empty.env, GUIA_BACKUP_PASSPHRASE: phrase },
        });
        expect(run.code, candidate).not.toBe(0);
        expect(run.stderr).toContain('the passphrase is wrong, or the file was altered or cut short');
        if (empty.target.kind === 'sqlite') expect(existsSync(empty.target.file)).toBe(false);
        else expect(Object.keys(await contents(empty.target))).toEqual([]);
      } finally {
        await empty.drop();
      }
    }
  });

  it('never overwrites a file, and asks for a passphrase long enough', async () => {
    const original = readFileSync(file);
    const run = await runGuia(['backup', file], {
      env: { ...origin.env, GUIA_BACKUP_PASSPHRASE: passphrase },
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('already exists');
    expect(readFileSync(file).equals(original)).toBe(true);
    const short = await runGuia(['backup', path.join(work, 'short.backup')], {
      env: { ...origin.env, GUIA_BACKUP_PASSPHRASE: 'too short' },
    });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('At least 12 characters');
    expect(existsSync(path.join(work, 'short.backup'))).toBe(false);
  });
});
