import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.js';
import type { DoctorCheck, DoctorReport } from '../../src/operations/doctor.js';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';

// `guia doctor` (issue 11) run as an operator runs it, against a real deployment made by
// `guia migrate` and `guia backup`: each check passes on a sound deployment and fails (or
// warns) when the thing it checks is broken, saying what to do — and it changes nothing.

describe.each(databases)('guia doctor on %s', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let drop: () => Promise<void>;
  const keyFile = () => path.join(dir, 'guia.key');

  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'guia-doctor-'));
    target =
      fresh.target.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(dir, 'guia.sqlite') } : fresh.target;
    env = {
      GUIA_DATA_DIR: dir,
      GUIA_TRUST_PROXY: '1',
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    drop = async () => {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    };
    expect((await runGuia(['migrate'], { env })).code).toBe(0);
    const backup = await runGuia(['backup', path.join(dir, 'first.backup')], {
      env: { ...env, GUIA_BACKUP_PASSPHRASE: 'harbour lantern typhoon 8' },
    });
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
  });
  afterAll(() => drop());

  async function doctor(extra: Record<string, string> = {}) {
    const run = await runGuia(['doctor', '--json'], { env: { ...env, ...extra } });
    const report = JSON.parse(run.stdout) as DoctorReport;
    const check = (id: DoctorCheck['id']) => report.checks.find((c) => c.id === id)!;
    return { code: run.code, report, check };
  }

  async function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>) {
    const database = openDatabase(target);
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  }

  it('passes a sound deployment: private files, the right key, a current schema, a proxy, a fresh backup', async () => {
    const { code, report } = await doctor();
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['data_directory', 'ok'],
      ['key_file', 'ok'],
      ['data_key', 'ok'],
      ['database', 'ok'],
      ['migrations', 'ok'],
      ['transport', 'ok'],
      ['backups', 'ok'],
    ]);
    expect(report.status).toBe('ok');
    expect(code).toBe(0);
    const text = await runGuia(['doctor'], { env });
    expect(text.stdout).toMatch(/^OK +data directory/m);
    expect(text.stdout).toContain('All checks passed.');
  });

  it('fails a data directory, key file or database file other users can reach, naming the chmod', async () => {
    chmodSync(dir, 0o755);
    try {
      const { code, check } = await doctor();
      expect(check('data_directory')).toMatchObject({ status: 'fail', action: `Run: chmod 0700 ${dir}` });
      expect(check('data_directory').summary).toContain('0755');
      expect(code).toBe(1);
    } finally {
      chmodSync(dir, 0o700);
    }
    chmodSync(keyFile(), 0o644);
    try {
      const { code, check } = await doctor();
      expect(check('key_file')).toMatchObject({ status: 'fail', action: `Run: chmod 0600 ${keyFile()}` });
      expect(code).toBe(1);
    } finally {
      chmodSync(keyFile(), 0o600);
    }
    if (target.kind === 'sqlite') {
      chmodSync(target.file, 0o640);
      try {
        const { check } = await doctor();
        expect(check('data_directory')).toMatchObject({
          status: 'fail',
          action: `Run: chmod 0600 ${target.file}`,
        });
      } finally {
        chmodSync(target.file, 0o600);
      }
    }
  });

  it('fails a missing key without creating one, and a key that is not the data’s', async () => {
    const kept = `${keyFile()}.kept`;
    renameSync(keyFile(), kept);
    try {
      const { code, check } = await doctor();
      expect(check('key_file').status).toBe('fail');
      expect(check('key_file').action).toContain('Restore guia.key');
      expect(check('data_key').status).toBe('fail');
      expect(code).toBe(1);
      expect(existsSync(keyFile())).toBe(false);

      writeFileSync(keyFile(), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      const wrong = await doctor();
      expect(wrong.check('key_file').status).toBe('ok');
      expect(wrong.check('data_key')).toMatchObject({ status: 'fail' });
      expect(wrong.check('data_key').summary).toContain('NOT the key this database was encrypted with');
      expect(wrong.code).toBe(1);

      writeFileSync(keyFile(), 'not a key\n', { mode: 0o600 });
      expect((await doctor()).check('data_key').summary).toContain('does not hold a 32-byte base64 key');
    } finally {
      renameSync(kept, keyFile());
    }
    expect((await doctor()).check('data_key').status).toBe('ok');
  });

  it('fails a schema behind this version or written by a newer one, naming guia migrate', async () => {
    const last = await withDatabase(async (db) => {
      const rows = await sql<{
        name: string;
        timestamp: string;
      }>`select name, timestamp from schema_migrations order by name desc limit 1`.execute(db);
      await sql`delete from schema_migrations where name = ${rows.rows[0]!.name}`.execute(db);
      return rows.rows[0]!;
    });
    try {
      const { code, check } = await doctor();
      expect(check('migrations')).toMatchObject({
        status: 'fail',
        summary: `1 migration(s) not applied, from ${last.name}.`,
      });
      expect(check('migrations').action).toContain('guia migrate');
      expect(code).toBe(1);
    } finally {
      await withDatabase((db) =>
        sql`insert into schema_migrations (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
          db,
        ),
      );
    }
    await withDatabase((db) =>
      sql`insert into schema_migrations (name, timestamp) values ('9999-from-the-future', ${last.timestamp})`.execute(
        db,
      ),
    );
    try {
      const { check } = await doctor();
      expect(check('migrations').status).toBe('fail');
      expect(check('migrations').summary).toContain('9999-from-the-future');
    } finally {
      await withDatabase((db) =>
        sql`delete from schema_migrations where name = '9999-from-the-future'`.execute(db),
      );
    }
    expect((await doctor()).check('migrations').status).toBe('ok');
  });

  it('fails a database that does not answer, creating nothing', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'guia-doctor-empty-'));
    try {
      const unreachable: Record<string, string> =
        target.kind === 'sqlite'
          ? { GUIA_DATA_DIR: elsewhere, GUIA_DATA_KEY_FILE: keyFile() }
          : { DATABASE_URL: Object.assign(new URL(target.url), { pathname: '/guia_no_such_db' }).toString() };
      const { code, check } = await doctor(unreachable);
      expect(check('database').status).toBe('fail');
      expect(check('migrations').status).toBe('fail');
      expect(code).toBe(1);
      if (target.kind === 'sqlite') expect(existsSync(path.join(elsewhere, 'guia.sqlite'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('fails plain HTTP on the network with no proxy, and warns on loopback only', async () => {
    const open = await doctor({ GUIA_TRUST_PROXY: '', HOST: '0.0.0.0' });
    expect(open.check('transport').status).toBe('fail');
    expect(open.check('transport').action).toContain('GUIA_TRUST_PROXY');
    expect(open.code).toBe(1);
    const local = await doctor({ GUIA_TRUST_PROXY: '', HOST: '127.0.0.1' });
    expect(local.check('transport').status).toBe('warn');
    expect(local.report.status).toBe('warn');
    expect(local.code).toBe(0);
    const proxiedHttp = await doctor({ GUIA_PUBLIC_URL: 'http://guia.example.org' });
    expect(proxiedHttp.check('transport').status).toBe('warn');
  });

  it('fails with no backup recorded, warns on one days old, fails on one weeks old', async () => {
    const stamp = path.join(dir, 'last-backup.json');
    const recorded = readFileSync(stamp, 'utf8');
    const at = (hoursAgo: number) =>
      writeFileSync(
        stamp,
        JSON.stringify({
          ...JSON.parse(recorded),
          at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
        }),
      );
    try {
      expect(JSON.parse(recorded)).toMatchObject({ file: path.join(dir, 'first.backup') });
      at(20);
      expect((await doctor()).check('backups').status).toBe('ok');
      at(72);
      const late = await doctor();
      expect(late.check('backups')).toMatchObject({ status: 'warn' });
      expect(late.check('backups').summary).toContain('3 days ago');
      at(24 * 10);
      expect((await doctor()).check('backups').status).toBe('fail');
      rmSync(stamp);
      const none = await doctor();
      expect(none.check('backups')).toMatchObject({ status: 'fail' });
      expect(none.check('backups').action).toContain('guia backup');
      expect(none.code).toBe(1);
    } finally {
      writeFileSync(stamp, recorded);
    }
  });
});
