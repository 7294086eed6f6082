import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { runDoctor, type CheckStatus, type DoctorCheck } from '../operations/doctor.js';
import { say } from './io.js';

const titles: Record<DoctorCheck['id'], string> = {
  data_directory: 'data directory',
  key_file: 'key file',
  data_key: 'data key',
  database: 'database',
  migrations: 'migrations',
  transport: 'TLS / proxy',
  backups: 'backups',
};

const verdicts: Record<CheckStatus, string> = {
  ok: 'All checks passed.',
  warn: 'No check failed, but some need attention (warn).',
  fail: 'Some checks FAILED: this deployment is not safe to run as it is.',
};

/**
 * `guia doctor [--json]`: checks this deployment (the same environment as `guia serve`) and
 * says what to do about each problem. Exits 1 when a check fails; warnings alone exit 0, so
 * that a monitoring job alerts on what is wrong, not on what could be better.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check this deployment: permissions, data key, database, migrations, TLS or proxy, recent backups',
    )
    .option('--json', 'print the checks as JSON')
    .action(async (o: { json?: boolean }) => {
      const report = await runDoctor(loadConfig());
      if (o.json) say(JSON.stringify(report));
      else {
        for (const check of report.checks) {
          say(`${check.status.toUpperCase().padEnd(4)}  ${titles[check.id].padEnd(14)}  ${check.summary}`);
          if (check.action && check.status !== 'ok') say(`${' '.repeat(20)}→ ${check.action}`);
        }
        say(verdicts[report.status]);
      }
      if (report.status === 'fail') process.exitCode = 1;
    });
}
