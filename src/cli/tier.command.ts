import type { Command } from 'commander';
import { runTierJson } from '../core/assessments/tier-cli.js';
import { tierRuleSettings } from '../core/assessments/tier-rules.js';
import { readStdin } from './io.js';

/** `guia tier --json`: the TIP tier rules as a JSON filter (forecast or validate), with no database needed. */
export function registerTierCommand(program: Command): void {
  program
    .command('tier')
    .description(
      'apply the TIP tier rules to one JSON object from standard input: with "year" and "assessed" a forecast, without "year" a check of the history',
    )
    .requiredOption('--json', 'read and write JSON (the only format)')
    .action(async () => {
      // The clock is read here only: the latest admissible report year is next year.
      const outcome = runTierJson(await readStdin(), tierRuleSettings(new Date().toISOString()));
      if (outcome.stdout) process.stdout.write(outcome.stdout);
      if (outcome.stderr) process.stderr.write(outcome.stderr);
      process.exitCode = outcome.exitCode;
    });
}
