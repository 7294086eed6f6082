import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { invalid } from '../core/errors.js';
import { auditService } from '../modules/audit/audit.service.js';
import {
  checkRestored,
  createBackup,
  restoreBackup,
  verifyBackup,
  type BackupManifest,
} from '../operations/backup.js';
import { recordBackup } from '../operations/backup-stamp.js';
import type { Runtime } from '../startup/runtime.js';
import { readStdin, say } from './io.js';

type WithRuntime = <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>;

/** The passphrase of a backup: GUIA_BACKUP_PASSPHRASE, else the first line of standard input. */
async function passphrase(): Promise<string> {
  const value = process.env.GUIA_BACKUP_PASSPHRASE ?? (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (!value) throw invalid('passphrase', 'required');
  return value;
}

const rows = (manifest: BackupManifest) => Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);

function describeBackup(manifest: BackupManifest): string {
  return (
    `${manifest.database} database at schema ${manifest.schemaVersion}, taken ${manifest.createdAt}: ` +
    `${Object.keys(manifest.rowCounts).length} tables, ${rows(manifest)} rows` +
    (manifest.auditHead ? `, audit trail to entry ${manifest.auditHead.seq}` : '')
  );
}

/**
 * `guia backup FILE`, `guia backup verify FILE` and `guia restore FILE` (issue 11). A backup
 * runs beside a running server; a restore only into an empty database, which it then opens as
 * the server would (migrating it, proving the data key) and checks against the manifest and
 * the audit chain.
 */
export function registerBackupCommands(program: Command, withRuntime: WithRuntime): void {
  const backup = program
    .command('backup')
    .description('back up the database, encrypted with a passphrase, while the server runs')
    .argument('<file>', 'the backup file to write (never overwritten)')
    .action(async (file: string) => {
      const config = loadConfig();
      const manifest = await createBackup(config.database, file, await passphrase());
      // For `guia doctor`: when the last backup succeeded (a file in the data directory).
      const unrecorded = recordBackup(config.dataDir, manifest, file);
      if (unrecorded) process.stderr.write(`${unrecorded}\n`);
      say(`Backed up to ${file}: ${describeBackup(manifest)}.`);
    });
  backup
    .command('verify')
    .description('prove a backup opens with its passphrase and holds what its manifest says')
    .argument('<file>', 'the backup file')
    .action(async (file: string) => {
      const manifest = await verifyBackup(file, await passphrase());
      say(`Backup intact: ${describeBackup(manifest)}.`);
    });
  program
    .command('restore')
    .description('restore a backup into an empty data directory or database (never over data)')
    .argument('<file>', 'the backup file')
    .action(async (file: string) => {
      const config = loadConfig();
      const manifest = await restoreBackup(config.database, file, await passphrase());
      await withRuntime(async ({ database }) => {
        await checkRestored(database.db, database.kind, manifest);
        const trail = await auditService.verify(database.db);
        if (!trail.ok) {
          say(
            `Restored, but the audit trail is BROKEN at entry ${trail.firstBad.seq}: ${trail.firstBad.reason}.`,
          );
          process.exitCode = 3;
          return;
        }
        say(`Restored ${describeBackup(manifest)}. Audit trail intact: ${trail.entries} entries verified.`);
      });
    });
}
