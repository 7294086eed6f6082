import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { keyedEntryHash, sha256EntryHash } from '../../src/modules/audit/audit-chain.js';
import { dropGuards, rewriteTrail, truncateTrail } from './audit-attacker.js';
import { cliEnvironment, runGuia } from '../support/cli.js';
import { databases } from '../support/databases.js';

/** Runs `guia …` in this process with the given environment and standard input. */
const guia = (env: Record<string, string>, args: string[], stdin = '') => runGuia(args, { env, stdin });

/** The attacker: full access to the database, none to the key file. */
async function attack(target: DatabaseTarget, work: (db: Kysely<DB>) => Promise<unknown>): Promise<void> {
  const database = openDatabase(target);
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

/** The arguments of `guia user add` for a user of the given agency with the given roles. */
const userAdd = (user: { email: string; name: string; roles: string[]; agency: string }) => [
  'user',
  'add',
  '--email',
  user.email,
  '--name',
  user.name,
  '--role',
  ...user.roles,
  '--agency',
  user.agency,
];

describe.each(databases)('guia CLI on %s', (kind) => {
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, target, cleanup } = await cliEnvironment(kind));
  });
  afterAll(() => cleanup());

  it('migrates, then adds and lists agencies as JSON', async () => {
    expect((await guia(env, ['migrate'])).code).toBe(0);
    const added = await guia(env, [
      'agency',
      'add',
      '--code',
      'IAS',
      '--kind',
      'social_welfare',
      '--name-en',
      'Social Welfare Bureau',
      '--name-zh-hant',
      '社會工作局',
      '--name-pt',
      'Instituto de Acção Social',
    ]);
    expect(added).toMatchObject({ code: 0 });
    const listed = await guia(env, ['agency', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        code: 'IAS',
        names: { en: 'Social Welfare Bureau', 'zh-Hant': '社會工作局', pt: 'Instituto de Acção Social' },
      }),
    ]);
  });

  it('adds a user with the password from GUIA_PASSWORD or standard input', async () => {
    const fromEnv = await guia(
      { ...env, GUIA_PASSWORD: 'typhoon signal eight 8' },
      userAdd({ email: 'chan@example.org', name: 'Chan Mei Ling', roles: ['case_worker'], agency: 'IAS' }),
    );
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).not.toContain('typhoon');
    const fromStdin = await guia(
      env,
      userAdd({ email: 'ho@example.org', name: 'Ho Wai Kin', roles: ['analyst', 'auditor'], agency: 'ias' }),
      'a-banyan-tree-by-the-sea\n',
    );
    expect(fromStdin.code).toBe(0);
    const users = JSON.parse((await guia(env, ['user', 'list', '--json'])).stdout) as {
      email: string;
      roles: string[];
      mustChangePassword: boolean;
    }[];
    expect(users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          email: 'chan@example.org',
          roles: ['case_worker'],
          mustChangePassword: false,
        }),
        expect.objectContaining({ email: 'ho@example.org', roles: ['analyst', 'auditor'] }),
      ]),
    );
  });

  it('refuses a duplicate e-mail, a weak password and an unknown agency with a message naming the field', async () => {
    const analyst = (email: string, agency: string) =>
      userAdd({ email, name: 'X', roles: ['analyst'], agency });
    const duplicate = await guia(
      { ...env, GUIA_PASSWORD: 'typhoon signal eight 8' },
      analyst('chan@example.org', 'IAS'),
    );
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/email: Already in use/);
    const weak = await guia({ ...env, GUIA_PASSWORD: 'password1234' }, analyst('new@example.org', 'IAS'));
    expect(weak.stderr).toMatch(/password: Too common/);
    const unknown = await guia(
      { ...env, GUIA_PASSWORD: 'typhoon signal eight 8' },
      analyst('new@example.org', 'NOPE'),
    );
    expect(unknown.stderr).toMatch(/Unknown agency NOPE/);
    const users = JSON.parse((await guia(env, ['user', 'list', '--json'])).stdout) as { email: string }[];
    expect(users.map((u) => u.email)).not.toContain('new@example.org');
  });

  it('disables a user and resets a password', async () => {
    expect((await guia(env, ['user', 'disable', 'ho@example.org'])).code).toBe(0);
    const reset = await guia(env, ['user', 'reset-password', 'chan@example.org']);
    expect(reset.stdout).toMatch(/One-time password: [a-z2-9-]{19}/);
    const users = JSON.parse((await guia(env, ['user', 'list', '--json'])).stdout) as {
      email: string;
      active: boolean;
      mustChangePassword: boolean;
    }[];
    expect(users.find((u) => u.email === 'ho@example.org')?.active).toBe(false);
    expect(users.find((u) => u.email === 'chan@example.org')?.mustChangePassword).toBe(true);
  });

  it('clears a lost second factor, and names an unknown user', async () => {
    const cleared = await guia(env, ['user', 'reset-two-factor', 'chan@example.org']);
    expect(cleared).toMatchObject({ code: 0 });
    expect(cleared.stdout).toMatch(/enrol again/);
    const unknown = await guia(env, ['user', 'reset-two-factor', 'nobody@example.org']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/email: Unknown value/);
  });

  it('verifies the audit trail it wrote', async () => {
    const verified = await guia(env, ['audit', 'verify', '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    expect(JSON.parse(verified.stdout).entries).toBeGreaterThanOrEqual(5);
  });

  it('exits 3 naming the first altered entry of a tampered trail', async () => {
    // Someone with full database access drops the append-only guard and edits an entry.
    await attack(target, async (db) => {
      await dropGuards(db, kind);
      await sql`UPDATE audit_log SET summary = '{}' WHERE seq = 2`.execute(db);
    });
    const run = await guia(env, ['audit', 'verify']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/BROKEN at entry 2 .*hash_mismatch/);
  });

  it('stops with a message naming a bad configuration variable', async () => {
    const run = await guia({ ...env, PORT: 'eighty' }, ['migrate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT: /);
  });
});

describe.each(databases)('guia audit checkpoint and verify --checkpoint on %s', (kind) => {
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let dataDir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ env, target, dataDir, cleanup } = await cliEnvironment(kind));
    for (const code of ['PJ', 'IAS', 'DSAL'])
      await guia(env, ['agency', 'add', '--code', code, '--kind', 'police', ...names(code)]);
  });
  afterEach(() => cleanup());

  const names = (code: string) => ['--name-en', code, '--name-zh-hant', code, '--name-pt', code];

  async function checkpointFile(): Promise<{ file: string; checkpoint: { sequence: number } }> {
    const file = path.join(dataDir, 'checkpoint.json');
    const run = await guia(env, ['audit', 'checkpoint', '--out', file]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/Wrote the checkpoint of entry \d+ to .*checkpoint\.json/);
    return { file, checkpoint: JSON.parse(readFileSync(file, 'utf8')) as { sequence: number } };
  }

  it('prints a signed head, writes it to a file, and verifies the trail against it', async () => {
    const printed = await guia(env, ['audit', 'checkpoint', '--json']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({
      sequence: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      time: expect.any(String),
      signature: expect.any(String),
    });
    const { file, checkpoint } = await checkpointFile();
    await guia(env, ['agency', 'add', '--code', 'DSEJ', '--kind', 'police', ...names('DSEJ')]);
    const verified = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toMatch(
      new RegExp(`intact.*including checkpointed entry ${checkpoint.sequence}`),
    );
  });

  it('exits 3 when entries were deleted and the chain recomputed with SHA-256, without the keyed start', async () => {
    const { file, checkpoint } = await checkpointFile();
    await attack(target, (db) =>
      rewriteTrail(
        db,
        kind,
        (entries) => entries.filter((e) => e.action !== 'audit.chain_keyed' && e.seq !== 3),
        sha256EntryHash,
      ),
    );
    // The command's own start keys the rebuilt trail afresh; only the checkpoint can tell.
    const run = await guia(env, ['audit', 'verify', '--checkpoint', file, '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, firstBad: { reason: 'truncated' } });
    const human = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(
      new RegExp(`BROKEN at entry ${checkpoint.sequence}: truncated: entries are missing from the end`),
    );
  });

  it('exits 3 when the chain was recomputed with a guessed key', async () => {
    const { file } = await checkpointFile();
    const guessed = randomBytes(32);
    await attack(target, (db) =>
      rewriteTrail(
        db,
        kind,
        (entries) => entries.filter((e) => e.seq !== 3),
        (e) => keyedEntryHash(e, guessed),
      ),
    );
    const run = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/BROKEN at entry 1 \(.*\): hash_mismatch/);
  });

  it('exits 3 when entries were cut off after the checkpoint', async () => {
    const { file, checkpoint } = await checkpointFile();
    await attack(target, (db) => truncateTrail(db, kind, checkpoint.sequence - 1));
    const run = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(new RegExp(`BROKEN at entry ${checkpoint.sequence}: truncated`));
  });

  it('exits 3 for a checkpoint not signed with the key, and 1 for a file that is not a checkpoint', async () => {
    const { file, checkpoint } = await checkpointFile();
    writeFileSync(file, JSON.stringify({ ...checkpoint, sequence: checkpoint.sequence - 1 }));
    const forged = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(forged.code).toBe(3);
    expect(forged.stdout).toMatch(
      /checkpoint_signature: the checkpoint was not signed with this instance's key/,
    );
    writeFileSync(file, 'not json');
    const garbage = await guia(env, ['audit', 'verify', '--checkpoint', file]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/checkpoint: /);
    const missing = await guia(env, ['audit', 'verify', '--checkpoint', path.join(dataDir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/checkpoint: /);
  });

  it('refuses to checkpoint a tampered trail', async () => {
    await attack(target, async (db) => {
      await dropGuards(db, kind);
      await sql`UPDATE audit_log SET summary = '{}' WHERE seq = 2`.execute(db);
    });
    const file = path.join(dataDir, 'checkpoint.json');
    const run = await guia(env, ['audit', 'checkpoint', '--out', file]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/BROKEN at entry 2 .*hash_mismatch.*No checkpoint made/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('guia screen --json', () => {
  it('answers the contract for dimension counts and for indicator ids', async () => {
    const byCounts = await guia(
      {},
      ['screen', '--json'],
      JSON.stringify({
        child: false,
        dimensions: { D1: { strong: 0, medium: 2, weak: 1 }, D4: { strong: 1, medium: 0, weak: 0 } },
      }),
    );
    expect(byCounts.code).toBe(0);
    expect(JSON.parse(byCounts.stdout)).toEqual({ presumedVictim: false, positiveDimensions: ['D1'] });
    const child = await guia(
      {},
      ['screen', '--json'],
      JSON.stringify({
        child: true,
        dimensions: { D1: { strong: 0, medium: 2, weak: 1 }, D4: { strong: 2, medium: 0, weak: 0 } },
      }),
    );
    expect(JSON.parse(child.stdout)).toEqual({ presumedVictim: true, positiveDimensions: ['D1', 'D4'] });
  });

  it('exits non-zero naming the bad field', async () => {
    const run = await guia({}, ['screen', '--json'], '{"child": "no", "dimensions": {}}');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/child/);
    expect(run.stdout).toBe('');
  });
});
