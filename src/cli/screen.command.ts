import type { Command } from 'commander';
import { ILO_INDICATOR_CATALOGUE } from '../core/screening/indicator-catalogue.js';
import { runScreeningJson } from '../core/screening/screening-cli.js';
import { readStdin } from './io.js';

/** `guia screen --json`: the ILO screening rule as a JSON filter, with no database needed. */
export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('apply the ILO presumed-victim rule to one JSON object read from standard input')
    .requiredOption('--json', 'read and write JSON (the only format)')
    .action(async () => {
      const outcome = runScreeningJson(await readStdin(), ILO_INDICATOR_CATALOGUE);
      if (outcome.stdout)
        process.stdout.write(outcome.stdout.endsWith('\n') ? outcome.stdout : `${outcome.stdout}\n`);
      if (outcome.stderr)
        process.stderr.write(outcome.stderr.endsWith('\n') ? outcome.stderr : `${outcome.stderr}\n`);
      process.exitCode = outcome.exitCode;
    });
}
