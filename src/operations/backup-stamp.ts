import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackupManifest } from './backup.js';

// Where `guia backup` notes its last success, for `guia doctor` to ask "are backups recent?".
// A file in the data directory rather than a row in the database: a backup only reads the
// database (the restored copy equals the manifest, row for row), and a stamp written into the
// database after the snapshot would make the two differ.

export const backupStampFile = 'last-backup.json';

export type BackupStamp = {
  at: string;
  database: BackupManifest['database'];
  schemaVersion: string;
  file: string;
};

/**
 * Records a successful backup (written whole, then renamed, so a reader never sees half of it).
 * Returns a warning instead of throwing: the backup itself has succeeded.
 */
export function recordBackup(dataDir: string, manifest: BackupManifest, file: string): string | null {
  const stamp: BackupStamp = {
    at: manifest.createdAt,
    database: manifest.database,
    schemaVersion: manifest.schemaVersion,
    file: path.resolve(file),
  };
  const target = path.join(dataDir, backupStampFile);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(`${target}.tmp`, `${JSON.stringify(stamp)}\n`, { mode: 0o600 });
    renameSync(`${target}.tmp`, target);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `The backup succeeded, but its time could not be noted in ${target} for guia doctor: ${reason}`;
  }
}

/** The last recorded backup, or null when none was recorded (or the stamp cannot be read). */
export function lastBackup(dataDir: string): BackupStamp | null {
  const target = path.join(dataDir, backupStampFile);
  if (!existsSync(target)) return null;
  try {
    const stamp = JSON.parse(readFileSync(target, 'utf8')) as Partial<BackupStamp>;
    return typeof stamp.at === 'string' && !Number.isNaN(Date.parse(stamp.at))
      ? (stamp as BackupStamp)
      : null;
  } catch {
    return null;
  }
}
