import type { Command } from 'commander';
import { todayIn } from '../config.js';
import { systemActor } from '../modules/audit/audit.service.js';
import { claimRetentionDay } from '../modules/retention/retention.scheduler.js';
import { runRetention, type RetentionReport } from '../modules/retention/retention.service.js';
import type { Runtime } from '../startup/runtime.js';
import { printTable, say } from './io.js';

function printReport(report: RetentionReport): void {
  say(
    `Retention period ${report.years} years after closure: people whose cases all closed on or before ${report.cutoff}.`,
  );
  const count = report.people.length;
  say(
    report.dryRun
      ? `Dry run, nothing changed: ${count} ${count === 1 ? 'identity' : 'identities'} would be erased.`
      : `${report.erased} ${report.erased === 1 ? 'identity' : 'identities'} erased (each in the audit trail); ` +
          `their names replaced by pseudonyms in ${report.redacted.texts} free texts of their cases (${report.redacted.mentions} mentions).`,
  );
  if (count > 0)
    printTable(
      report.people.map((p) => ({
        pseudonym: p.pseudonym,
        person: p.personId,
        closed: p.closedOn,
        cases: String(p.cases),
      })),
    );
}

/**
 * `guia retention run [--dry-run] [--json]`: erases the identities of people whose cases all
 * closed more than GUIA_RETENTION_YEARS ago (the server also does it each day at
 * GUIA_RETENTION_TIME). The report names pseudonyms and ids, never a name.
 */
export function registerRetentionCommand(
  program: Command,
  withRuntime: <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>,
): void {
  const retention = program
    .command('retention')
    .description('erase identities past the retention period (GUIA_RETENTION_YEARS)');
  retention
    .command('run')
    .description('erase the identities of people whose cases all closed more than the retention period ago')
    .option('--dry-run', 'list who would be erased and change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      await withRuntime(async ({ config, database, cipher }) => {
        const today = todayIn(config.timeZone);
        const report = await runRetention(
          database.db,
          { actor: systemActor('cli'), cipher },
          { years: config.retentionYears, today, now: new Date().toISOString(), dryRun: !!options.dryRun },
        );
        // Today's run is done: the server's timer does not repeat it.
        if (!report.dryRun) await claimRetentionDay(database, today);
        if (options.json) say(JSON.stringify(report, null, 2));
        else printReport(report);
      });
    });
}
