import type { Command } from 'commander';
import { runProtectJson, runTrendJson, type CliOutcome } from '../core/statistics/statistics-cli.js';
import { readStdin } from './io.js';

function write(outcome: CliOutcome): void {
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.exitCode;
}

/** `guia trend --json` and `guia protect --json`: statistics tools as JSON filters, no database needed. */
export function registerStatisticsToolCommands(program: Command): void {
  program
    .command('trend')
    .description('Poisson log-linear trend of yearly counts read as JSON from standard input')
    .requiredOption('--json', 'read and write JSON (the only format)')
    .action(async () => write(runTrendJson(await readStdin(), new Date().getUTCFullYear())));
  program
    .command('protect')
    .description('suppress small cells of a table read as JSON from standard input, so none can be recovered')
    .requiredOption('--json', 'read and write JSON (the only format)')
    .action(async () => write(runProtectJson(await readStdin())));
}
