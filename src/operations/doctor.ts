import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { DataKeyError, loadDataKey } from '../crypto/data-key.js';
import { createFieldCipher } from '../crypto/field-cipher.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { settingsRepo } from '../modules/access/access.repo.js';
import { keyCheckSetting } from '../startup/instance.js';
import { backupStampFile, lastBackup } from './backup-stamp.js';

// `guia doctor` (issue 11): checks a deployment the way an operator would before trusting it
// with victims' identities, and says in plain words what to do about each problem. It only
// reads: it never migrates, never creates a key, never writes a setting — a check that
// changed what it checks would hide the problem it is there to find.

export type CheckStatus = 'ok' | 'warn' | 'fail';
export type DoctorCheck = {
  id: 'data_directory' | 'key_file' | 'data_key' | 'database' | 'migrations' | 'transport' | 'backups';
  status: CheckStatus;
  /** What was found, in one sentence. */
  summary: string;
  /** What to do about it, when anything. */
  action?: string;
};
export type DoctorReport = { status: CheckStatus; checks: DoctorCheck[] };

/** A backup younger than this is recent (a daily schedule, with slack); older than `staleAfter` fails. */
export const backupRecentHours = 26;
export const backupStaleDays = 7;

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/** Whether a file or directory is closed to group and others, and owned by whoever runs Guia. */
function privateMode(
  file: string,
  wanted: number,
  what: string,
): Omit<DoctorCheck, 'id'> & { missing?: boolean } {
  if (!existsSync(file))
    return { status: 'fail', missing: true, summary: `${what} ${file} does not exist.`, action: '' };
  const stat = statSync(file);
  const uid = process.getuid?.();
  if ((stat.mode & 0o077) !== 0)
    return {
      status: 'fail',
      summary: `${what} ${file} has mode ${octal(stat.mode)}: other users of this machine can reach it.`,
      action: `Run: chmod ${octal(wanted)} ${file}`,
    };
  if (uid !== undefined && stat.uid !== uid)
    return {
      status: 'warn',
      summary: `${what} ${file} is owned by user id ${stat.uid}, not by the user running this check (${uid}).`,
      action: `Run Guia and this check as the same user, e.g. chown <guia user> ${file}`,
    };
  return {
    status: 'ok',
    summary: `${what} ${file} has mode ${octal(stat.mode)} and is owned by Guia's user.`,
  };
}

function dataDirectoryCheck(config: Config): DoctorCheck {
  const directory = privateMode(config.dataDir, 0o700, 'The data directory');
  if (directory.missing)
    return {
      id: 'data_directory',
      status: config.database.kind === 'sqlite' ? 'fail' : 'warn',
      summary: directory.summary,
      action: 'Set GUIA_DATA_DIR to the directory Guia serves from (it is created 0700 at first start).',
    };
  if (directory.status !== 'ok' || config.database.kind !== 'sqlite')
    return { id: 'data_directory', ...directory };
  // The database file holds the staff accounts and the sealed identities: it is created 0600.
  const file = privateMode(config.database.file, 0o600, 'The database file');
  if (file.status === 'ok' || file.missing) return { id: 'data_directory', ...directory };
  return {
    id: 'data_directory',
    status: file.status,
    summary: file.summary,
    ...(file.action ? { action: file.action } : {}),
  };
}

function keyFileCheck(config: Config): DoctorCheck {
  if (config.dataKey.kind === 'env')
    return {
      id: 'key_file',
      status: 'ok',
      summary: 'The data key comes from GUIA_DATA_KEY, not from a file.',
      action:
        'Keep the file or unit that sets GUIA_DATA_KEY readable by Guia only, and a copy of the key apart from the backups.',
    };
  const key = privateMode(config.dataKey.path, 0o600, 'The data key file');
  if (key.missing)
    return {
      id: 'key_file',
      status: 'fail',
      summary: key.summary,
      action:
        'Restore guia.key from where it was kept (or set GUIA_DATA_KEY_FILE to it). Without it the identities cannot be read; never let Guia create a new one over existing data.',
    };
  return {
    id: 'key_file',
    status: key.status,
    summary: key.summary,
    ...(key.action ? { action: key.action } : {}),
  };
}

/** The key opens the database's key check: the same test start-up and /api/health/ready make. */
async function dataKeyCheck(config: Config, database: Database | null): Promise<DoctorCheck> {
  if (config.dataKey.kind === 'file' && !existsSync(config.dataKey.path))
    return {
      id: 'data_key',
      status: 'fail',
      summary: 'No data key to check (the key file is missing).',
      action: 'Restore the key file first.',
    };
  let cipher;
  try {
    // `true`: the key is never created here, whatever the database holds.
    cipher = createFieldCipher(loadDataKey(config, true).key);
  } catch (error) {
    if (!(error instanceof DataKeyError)) throw error;
    return {
      id: 'data_key',
      status: 'fail',
      summary: error.message,
      action: 'Restore the key file from where it was kept.',
    };
  }
  if (!database)
    return {
      id: 'data_key',
      status: 'warn',
      summary: 'The key is well formed, but the database could not be read to prove it.',
    };
  // A database never migrated has no settings table: no key check either.
  const stored = await settingsRepo.get(database.db, keyCheckSetting).catch(() => undefined);
  if (stored === undefined)
    return {
      id: 'data_key',
      status: 'warn',
      summary: 'The database has never been opened with a key (no key check stored).',
      action: 'Start Guia once (guia migrate or guia serve): it records which key the data is sealed with.',
    };
  if (!cipher.matchesKeyCheck(stored))
    return {
      id: 'data_key',
      status: 'fail',
      summary: 'The data key is NOT the key this database was encrypted with: Guia will refuse to start.',
      action:
        'Put back the key the data was written with (guia.key or GUIA_DATA_KEY from where it was kept). Do not start Guia with this key.',
    };
  return {
    id: 'data_key',
    status: 'ok',
    summary: 'The data key opens the database’s key check: it is the key the data was sealed with.',
  };
}

async function openExisting(config: Config): Promise<{ database: Database | null; check: DoctorCheck }> {
  const target = config.database;
  // Opening a SQLite file that is not there would create an empty one.
  if (target.kind === 'sqlite' && !existsSync(target.file))
    return {
      database: null,
      check: {
        id: 'database',
        status: 'fail',
        summary: `There is no database at ${target.file}.`,
        action:
          'Check GUIA_DATA_DIR (or DATABASE_URL for PostgreSQL); a new instance is created by guia migrate or guia serve.',
      },
    };
  const database = openDatabase(target);
  try {
    await sql`select 1`.execute(database.db);
    return {
      database,
      check: {
        id: 'database',
        status: 'ok',
        summary: `The ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database answers.`,
      },
    };
  } catch (error) {
    await database.close();
    const reason =
      (error as { code?: string }).code ??
      (error instanceof Error ? error.message.split('\n')[0] : 'unknown');
    return {
      database: null,
      check: {
        id: 'database',
        status: 'fail',
        summary: `The database does not answer (${reason}).`,
        action: 'Check that the database server runs and DATABASE_URL names it, its user and its password.',
      },
    };
  }
}

async function migrationsCheck(database: Database): Promise<DoctorCheck> {
  const known = Object.keys(migrations(database.kind));
  let applied: string[];
  try {
    const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(
      database.db,
    );
    applied = rows.rows.map((row) => row.name);
  } catch {
    applied = [];
  }
  const missing = known.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    return {
      id: 'migrations',
      status: 'fail',
      summary: `The database has migrations this version of Guia does not know (${unknown.join(', ')}): it was used by a newer Guia.`,
      action: 'Run the Guia version that wrote it, or restore a backup made by this version.',
    };
  if (missing.length > 0)
    return {
      id: 'migrations',
      status: 'fail',
      summary: `${missing.length} migration(s) not applied, from ${missing[0]}.`,
      action: 'Run: guia migrate (guia serve also migrates at start-up).',
    };
  return { id: 'migrations', status: 'ok', summary: `The schema is current (${known.at(-1)}).` };
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Guia serves plain HTTP: TLS is a proxy's job, so either a proxy is named or nothing outside this machine reaches it. */
function transportCheck(config: Config): DoctorCheck {
  const publicHttp = config.mail.publicUrl?.startsWith('http://');
  if (config.trustProxy !== false) {
    if (publicHttp)
      return {
        id: 'transport',
        status: 'warn',
        summary: `A trusted proxy is set, but GUIA_PUBLIC_URL (${config.mail.publicUrl}) is plain http.`,
        action: 'Serve Guia over https at the proxy and set GUIA_PUBLIC_URL to the https address.',
      };
    return {
      id: 'transport',
      status: 'ok',
      summary: `Guia is behind a trusted proxy (GUIA_TRUST_PROXY=${[config.trustProxy].flat().join(',')}), which must terminate TLS.`,
    };
  }
  if (isLoopback(config.host))
    return {
      id: 'transport',
      status: 'warn',
      summary: `Guia listens on ${config.host} only, over plain HTTP, and no proxy is set.`,
      action:
        'Put a TLS-terminating proxy (nginx, Caddy) in front of it and set GUIA_TRUST_PROXY to it (e.g. 1).',
    };
  return {
    id: 'transport',
    status: 'fail',
    summary: `Guia listens on ${config.host} over plain HTTP with no proxy: passwords and identities would cross the network unencrypted.`,
    action: 'Listen on 127.0.0.1 behind a TLS-terminating proxy and set GUIA_TRUST_PROXY (e.g. 1).',
  };
}

function age(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} minutes`;
  return hours < 48 ? `${Math.round(hours)} hours` : `${Math.round(hours / 24)} days`;
}

function backupsCheck(config: Config, now: Date): DoctorCheck {
  const stamp = lastBackup(config.dataDir);
  const schedule = 'Schedule guia backup daily (README, "Backups") and keep the files off this machine.';
  if (!stamp)
    return {
      id: 'backups',
      status: 'fail',
      summary: `No backup has been recorded (guia backup notes each success in ${backupStampFile} in the data directory).`,
      action: schedule,
    };
  const hours = (now.getTime() - Date.parse(stamp.at)) / 3_600_000;
  const summary = `The last backup was taken ${age(hours)} ago (${stamp.at}, ${stamp.file}).`;
  if (hours <= backupRecentHours) return { id: 'backups', status: 'ok', summary };
  return {
    id: 'backups',
    status: hours <= backupStaleDays * 24 ? 'warn' : 'fail',
    summary,
    action: schedule,
  };
}

const worst = (checks: DoctorCheck[]): CheckStatus =>
  checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';

/** Runs every check against the configured deployment, reading only. */
export async function runDoctor(config: Config, now = new Date()): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [dataDirectoryCheck(config), keyFileCheck(config)];
  const opened = await openExisting(config);
  const { database } = opened;
  try {
    checks.push(await dataKeyCheck(config, database), opened.check);
    if (database) checks.push(await migrationsCheck(database));
    else
      checks.push({
        id: 'migrations',
        status: 'fail',
        summary: 'Not checked: the database does not answer.',
      });
    checks.push(transportCheck(config), backupsCheck(config, now));
  } finally {
    await database?.close();
  }
  return { status: worst(checks), checks };
}
