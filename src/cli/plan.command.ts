import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { GuiaError, invalid } from '../core/errors.js';
import { todayIn } from '../config.js';
import { problemOf } from '../http/problem.js';
import { IsoDate } from '../modules/cases/cases.schemas.js';
import { systemActor } from '../modules/audit/audit.service.js';
import { importPlan, type ImportFormat } from '../modules/coordination/plan.import.js';
import { tasksService } from '../modules/coordination/tasks.service.js';
import type { Runtime } from '../startup/runtime.js';
import { parseInput, say } from './io.js';

const AtOption = z.object({ at: IsoDate });

type WithRuntime = <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>;

/** `row.3.lead_agency` → `row 3, column lead_agency`: how a person finds the cell in the spreadsheet. */
function where(fieldPath: string): string {
  const match = /^row\.(\d+)(?:\.(.+))?$/.exec(fieldPath);
  if (!match) return fieldPath;
  return match[2] ? `row ${match[1]}, column ${match[2]}` : `row ${match[1]}`;
}

/** Prints an import's problems, one line per cell, and gives the exit code. */
function reportImportError(error: GuiaError): number {
  const problem = problemOf(error, 'en');
  const lines = (problem.errors ?? []).map((f) => {
    const value = error.fieldErrors.find((e) => e.path === f.path)?.params?.value;
    return `  ${where(f.path)}: ${f.message}${value !== undefined ? ` (${value})` : ''}`;
  });
  process.stderr.write([`error: ${problem.title} Nothing was imported.`, ...lines].join('\n') + '\n');
  return 1;
}

function formatOf(file: string): ImportFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw invalid('file', 'invalid_format');
}

/** `guia plan import` and `guia tasks overdue`: the action plan from the command line. */
export function registerPlanCommands(program: Command, withRuntime: WithRuntime): void {
  const plan = program.command('plan').description('the action plan');
  plan
    .command('import <file>')
    .description(
      'import a plan from a CSV (UTF-8) or XLSX file with the header objective,pillar,task,lead_agency,' +
        'supporting_agencies,start,due,indicator,unit,baseline,target (optionally ,periodicity); ' +
        'whole file or nothing',
    )
    .requiredOption('--name <name>', 'the name of the new plan, e.g. "Action plan 2024–2027"')
    .option('--json', 'print the result as JSON')
    .action((file: string, o: { name: string; json?: boolean }) =>
      withRuntime(async ({ database, config }) => {
        const format = formatOf(file);
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch {
          throw invalid('file', 'unreadable');
        }
        const now = new Date();
        try {
          const result = await database.db.transaction().execute((tx) =>
            importPlan(
              {
                tx,
                actor: systemActor('cli'),
                today: todayIn(config.timeZone, now),
                now: now.toISOString(),
              },
              o.name,
              content,
              format,
            ),
          );
          say(
            o.json
              ? JSON.stringify(result)
              : `Imported plan "${o.name}": ${result.objectives} objectives, ${result.tasks} tasks.`,
          );
        } catch (error) {
          if (!(error instanceof GuiaError) || error.code !== 'validation.failed') throw error;
          process.exitCode = reportImportError(error);
        }
      }),
    );

  const tasks = program.command('tasks').description('tasks of the action plan and of meetings');
  tasks
    .command('overdue')
    .description('tasks not done whose due date is before the day (default today), longest overdue first')
    .requiredOption('--json', 'print a JSON array (the only format)')
    .option('--at <date>', 'the day to look from, YYYY-MM-DD (default: today in the committee time zone)')
    .action((o: { at?: string }) =>
      withRuntime(async ({ database, config }) => {
        const today = o.at === undefined ? todayIn(config.timeZone) : parseInput(AtOption, { at: o.at }).at;
        say(JSON.stringify(await tasksService.overdue(database.db, today)));
      }),
    );
}
