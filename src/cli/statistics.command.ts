import type { Command } from 'commander';
import {
  CTDC_AGE_BANDS,
  CTDC_GENDER,
  FORM_FLAGS,
  MEANS_FAMILIES,
  RECRUITER_FAMILIES,
  SECTOR_FLAGS,
  SEX_TYPE_FLAGS,
} from '../core/statistics/ctdc.js';
import { invalid } from '../core/errors.js';
import { systemActor } from '../modules/audit/audit.service.js';
import { queryIndicator } from '../modules/statistics/indicators.service.js';
import { importFile } from '../modules/statistics/statistics.import.js';
import type { Dimension } from '../modules/statistics/statistics.schemas.js';
import type { Runtime } from '../startup/runtime.js';
import { say } from './io.js';

// `guia import ctdc|htcds FILE` and `guia stats --json --by DIM[,DIM]`: the statistics at the
// command line, in CTDC's names (issue 8's contract). Progress goes to stderr on a terminal so
// that --json output on stdout stays machine-readable.

type WithRuntime = <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>;

/** A CTDC column as an engine dimension; a flag column is its family's dimension and value. */
type Column = { dim: Dimension | 'year'; flag?: string; name: (v: string | null) => string | number | null };

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const GENDER: Record<string, string> = {
  ...invert(CTDC_GENDER),
  transgender_female: 'Trans/Transgender/NonConforming',
  transgender_male: 'Trans/Transgender/NonConforming',
};
const AGE = invert(CTDC_AGE_BANDS);
const same = (v: string | null) => v;

const FLAG_FAMILIES: [Record<string, string>, Dimension][] = [
  [FORM_FLAGS, 'formFamily'],
  [MEANS_FAMILIES, 'means'],
  [SECTOR_FLAGS, 'sector'],
  [SEX_TYPE_FLAGS, 'sexType'],
  [RECRUITER_FAMILIES, 'recruiter'],
];

function column(name: string): Column {
  switch (name) {
    case 'yearOfRegistration':
      return { dim: 'year', name: (v) => (v === null ? null : Number(v)) };
    case 'gender':
      return { dim: 'sex', name: (v) => (v === null ? null : (GENDER[v] ?? null)) };
    case 'ageBroad':
      return { dim: 'ageBand', name: (v) => (v === null ? null : (AGE[v] ?? null)) };
    case 'citizenship':
      return { dim: 'nationality', name: same };
    case 'CountryOfExploitation':
      return { dim: 'countryOfExploitation', name: same };
    case 'traffickMonths':
      return { dim: 'duration', name: same };
  }
  const flagName = name.replace(/^sectorOfLabour/, 'typeOfLabour').replace(/^sectorOfSex/, 'typeOfSex');
  for (const [flags, dim] of FLAG_FAMILIES)
    if (flags[flagName]) return { dim, flag: flags[flagName], name: () => 1 };
  throw invalid('by', 'unknown_column');
}

/** The `guia stats` answer: cells in CTDC names, flag columns counted where set. */
export async function ctdcStats(runtime: Runtime, o: { by: string; year?: string; source?: string }) {
  const names = o.by
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0 || names.length > 2) throw invalid('by', 'one_or_two_columns');
  const columns = names.map(column);
  const byYear = columns.some((c) => c.dim === 'year');
  if (o.year !== undefined && !/^\d{4}$/.test(o.year)) throw invalid('year', 'invalid_year');
  const dims = columns.map((c) => c.dim).filter((d): d is Dimension => d !== 'year');
  if (new Set(dims).size !== dims.length) throw invalid('by', 'same_family_twice');
  const result = await queryIndicator(runtime.database.db, {
    kind: 'victim',
    period: byYear || o.year ? 'year' : 'all',
    by: dims,
    ...(o.year ? { from: o.year, to: o.year } : {}),
    ...(o.source ? { source: o.source } : {}),
  });
  const merged = new Map<string, Record<string, string | number | null>>();
  for (const cell of result.cells) {
    let d = 0;
    const values: (string | number | null)[] = [];
    let counted = true;
    for (const c of columns) {
      if (c.dim === 'year') values.push(c.name(cell.period));
      else {
        const v = cell.values[d++] ?? null;
        if (c.flag !== undefined && v !== c.flag) counted = false;
        values.push(c.name(v));
      }
    }
    if (!counted) continue;
    const k = JSON.stringify(values);
    const row = merged.get(k) ?? {
      ...Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])),
      count: 0,
    };
    row.count = (row.count as number) + cell.count;
    merged.set(k, row);
  }
  return { total: result.total, cells: [...merged.values()] };
}

export function registerStatisticsCommands(program: Command, withRuntime: WithRuntime): void {
  const importer = program
    .command('import')
    .description('import historical statistics (rows without identity)');
  for (const format of ['ctdc', 'htcds'] as const)
    importer
      .command(`${format} <file>`)
      .description(
        `import a ${format.toUpperCase()} file (CSV${format === 'htcds' ? ' or XLSX' : ''}), whole or not at all`,
      )
      .option('--dataset <name>', 'name the rows are tagged with (default: from the file hash)')
      .option('--json', 'print the report as JSON')
      .action((file: string, o: { dataset?: string; json?: boolean }) =>
        withRuntime(async ({ database }) => {
          const tty = process.stderr.isTTY;
          const report = await importFile(database.db, {
            format,
            type: file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
            content: file,
            dataset: o.dataset,
            actor: systemActor('cli'),
            ...(tty
              ? {
                  onProgress: (rows: number, bytes: number) =>
                    process.stderr.write(`\rread ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB`),
                }
              : {}),
          });
          if (tty) process.stderr.write('\n');
          if (o.json) say(JSON.stringify(report));
          else if (report.alreadyImported) say(`Already imported as ${report.dataset}: nothing changed.`);
          else if (report.problems.length === 0)
            say(`Imported ${report.imported} rows as dataset ${report.dataset}.`);
          else {
            say(`Nothing imported: ${report.problems.length} problem(s).`);
            for (const p of report.problems)
              say(
                `row ${p.row ?? '-'}, column ${p.column ?? '-'}: ${p.problem}${p.value !== null ? ` (${p.value})` : ''}`,
              );
          }
          if (report.problems.length > 0) process.exitCode = 1;
        }),
      );

  program
    .command('stats')
    .description('victims counted by one or two CTDC columns (flag columns counted where set)')
    .requiredOption('--json', 'print JSON (the only format)')
    .requiredOption(
      '--by <columns>',
      'DIM[,DIM]: yearOfRegistration, gender, ageBroad, citizenship, CountryOfExploitation, traffickMonths or a flag column',
    )
    .option('--year <year>', 'only this year of registration')
    .option('--source <name>', 'only this source: guia, or an imported dataset')
    .action((o: { by: string; year?: string; source?: string }) =>
      withRuntime(async (runtime) => say(JSON.stringify(await ctdcStats(runtime, o)))),
    );
}
