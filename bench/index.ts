import { appendFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../test/support/embedded-postgres.js';
import type { BenchRow } from './bench-row.js';
import { machine, versions, type Machine, type Versions } from './machine.js';
import { benchDatabase } from './run.js';
import { root, type Database } from './support.js';

// `npm run bench -- [--victims N] [--runs R] [--database sqlite|postgres|both]` (issue 10):
// every bench side by side with its limit, a table on stdout, and bench/results.md. PostgreSQL
// is GUIA_BENCH_POSTGRES_URL's server, or an embedded PostgreSQL started for the run.

function options() {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
      database: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '1' },
      work: { type: 'string', default: path.join(os.tmpdir(), 'guia-bench') },
      'api-seconds': { type: 'string' },
      out: { type: 'string', default: path.join(root, 'bench', 'results.md') },
      /** Add this run's table to --out instead of rewriting it (another database, another size). */
      append: { type: 'boolean', default: false },
    },
  });
  const victims = Number(values.victims);
  const runs = Number(values.runs);
  if (!Number.isInteger(victims) || victims < 1) throw new Error('--victims: a whole number ≥ 1');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: a whole number ≥ 1');
  const databases: Database[] =
    values.database === 'both' ? ['sqlite', 'postgres'] : [values.database as Database];
  if (!databases.every((d) => d === 'sqlite' || d === 'postgres'))
    throw new Error('--database: sqlite, postgres or both');
  return { ...values, victims, runs, databases, seed: Number(values.seed) };
}

const fmt = (n: number | null, digits = 2) =>
  n === null
    ? '—'
    : Number.isInteger(n) || Math.abs(n) >= 1000
      ? Math.round(n).toLocaleString('en')
      : n.toFixed(digits);
const notesOf = (r: BenchRow) =>
  Object.entries(r.notes)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? fmt(v) : String(v)}`)
    .join('; ');

export function table(rows: readonly BenchRow[]): string {
  const head = ['bench', 'database', 'victims', 'unit', 'Guia', 'limit', 'ratio', 'target', 'met', 'notes'];
  const lines = rows.map((r) => [
    r.bench,
    r.database,
    r.victims.toLocaleString('en'),
    r.unit,
    fmt(r.guia),
    fmt(r.limit),
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.met ? 'yes' : '**no**',
    notesOf(r),
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

function results(
  m: Machine,
  v: Versions,
  rows: BenchRow[],
  skipped: string[],
  o: { runs: number; loadEnd: string },
) {
  return `# Benchmarks (issue 10)

Written by \`npm run bench\` on ${new Date().toISOString()}. Each figure is the median of ${o.runs} runs;
Guia and its limit (the same work done by hand: a raw prepared-statement insert, DuckDB, a bare
route) ran side by side in the same run, so the **ratio** holds on another machine even where the
absolute figures do not. Ratio: Guia ÷ limit for rates, limit ÷ Guia for times (1.0 = as fast as
the limit).

## Machine

- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGb} GB; ${m.os}
- Load average (1, 5, 15 min) at the start: ${m.load}; at the end: ${o.loadEnd}. The machine was
  shared with other work while this ran: absolute times are slower than on an idle machine; the
  ratios, measured side by side, still hold.
- Node ${v.node}, SQLite ${v.sqlite}, PostgreSQL ${v.postgres ?? 'not run'}, DuckDB ${v.duckdb}

## Results

${table(rows)}
${skipped.length ? `\n${skipped.map((s) => `- ${s}`).join('\n')}\n` : ''}
Where a target is missed, the README's "Benchmarks" section says where the time goes (profiles).
`;
}

async function main(): Promise<void> {
  const o = options();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const m = machine();
  let server: EmbeddedPostgres | null = null;
  let postgresUrl = process.env.GUIA_BENCH_POSTGRES_URL;
  try {
    if (o.databases.includes('postgres') && !postgresUrl) {
      server = await startEmbeddedPostgres();
      postgresUrl = server.url;
    }
    const v = await versions(o.databases.includes('postgres') ? postgresUrl! : null);
    const rows: BenchRow[] = [];
    const skipped: string[] = [];
    for (const database of o.databases) {
      const result = await benchDatabase(database, {
        victims: o.victims,
        runs: o.runs,
        seed: o.seed,
        workDir: o.work,
        postgresUrl,
        say,
        ...(o['api-seconds'] ? { apiSeconds: Number(o['api-seconds']) } : {}),
      });
      rows.push(...result.rows);
      skipped.push(...result.skipped);
      for (const s of result.skipped) say(s);
    }
    process.stdout.write(`${table(rows)}\n`);
    const loadEnd = machine().load;
    if (o.append)
      appendFileSync(
        o.out,
        `\n## Results: ${o.databases.join(', ')}, ${o.victims.toLocaleString('en')} victims, ${o.runs} runs (PostgreSQL ${v.postgres ?? '—'}; load ${m.load} → ${loadEnd})\n\n${table(rows)}\n${skipped.map((s) => `\n- ${s}`).join('')}\n`,
      );
    else writeFileSync(o.out, results(m, v, rows, skipped, { runs: o.runs, loadEnd }));
    say(`Written ${o.out}`);
  } finally {
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
