import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatabaseKind } from '../../src/db/schema.js';
import { startEmbeddedPostgres } from '../support/embedded-postgres.js';
import { crashTest, type CrashReport } from './crash.js';
import { builtGuia, projectRoot } from './guia-process.js';
import { soakTest, type SoakReport } from './soak.js';

// `npm run crash-test` and `npm run soak`: the long runs of issue 11 against the built server
// (`node bin/guia.js serve`), on SQLite and PostgreSQL (GUIA_RELIABILITY_POSTGRES_URL, a server
// to create a database in; otherwise an embedded PostgreSQL 17 is started). Each prints its
// table and writes its report as JSON to reports/reliability/. Exit code 1 when anything was
// lost or broken, or a soak had errors.

const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

function crashTable(reports: CrashReport[]): void {
  say(
    '| database | cycles | writes checked | in flight at a kill | imports acknowledged | imports cut off (found whole) | lost | problems | restart median / max |',
  );
  say('|---|---|---|---|---|---|---|---|---|');
  for (const r of reports)
    say(
      `| ${r.kind} | ${r.cycles} | ${r.writesChecked} | ${r.writesInFlight} | ${r.importsAcknowledged} | ` +
        `${r.importsInterrupted} (${r.importsInterruptedPresent}) | ${r.lost} | ${r.problems.length} | ` +
        `${(r.restartMs.median / 1000).toFixed(2)} s / ${(r.restartMs.max / 1000).toFixed(2)} s |`,
    );
  for (const r of reports) for (const p of r.problems.slice(0, 20)) say(`${r.kind}: ${p}`);
}

function soakTable(r: SoakReport): void {
  say(
    `\n${r.kind}: ${r.requests} requests, ${r.errors} errors, ${r.connections} connections, ${r.seconds} s`,
  );
  say('| window | requests | req/s | errors | p50 ms | p99 ms | RSS MB | cases |');
  say('|---|---|---|---|---|---|---|---|');
  for (const w of r.windows)
    say(
      `| ${w.window} | ${w.requests} | ${w.perSecond} | ${w.errors} | ${w.p50} | ${w.p99} | ${w.rssMb} | ${w.cases} |`,
    );
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  say(
    `p99 first→last window ${pct(r.p99Growth)} (after warm-up ${pct(r.p99GrowthAfterWarmup)}); ` +
      `memory after warm-up → last window ${pct(r.memoryGrowth)}`,
  );
  say(
    `p99 by operation: ${Object.entries(r.byOperation)
      .map(([op, s]) => `${op} ${s.p99} ms (${s.requests})`)
      .join('; ')}`,
  );
  for (const e of r.errorSamples) say(`error: ${e}`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      databases: { type: 'string', default: 'sqlite,postgres' },
      cycles: { type: 'string', default: process.env.GUIA_CRASH_CYCLES ?? '50' },
      writers: { type: 'string', default: '8' },
      'import-rows': { type: 'string', default: '2000' },
      seconds: { type: 'string', default: process.env.GUIA_SOAK_SECONDS ?? '300' },
      connections: { type: 'string', default: process.env.GUIA_SOAK_CONNECTIONS ?? '100' },
    },
  });
  const what = positionals[0];
  if (what !== 'crash' && what !== 'soak') throw new Error('usage: run.js crash|soak [options]');
  const kinds = values.databases.split(',').map((k) => k.trim()) as DatabaseKind[];
  let postgresAdminUrl = process.env.GUIA_RELIABILITY_POSTGRES_URL;
  const embedded = kinds.includes('postgres') && !postgresAdminUrl ? await startEmbeddedPostgres() : null;
  postgresAdminUrl ??= embedded?.url;
  const out = path.join(projectRoot, 'reports', 'reliability');
  mkdirSync(out, { recursive: true });
  let failed = false;
  const on = (kind: DatabaseKind) => ({ command: builtGuia, kind, postgresAdminUrl, log: note });
  try {
    if (what === 'crash') {
      const reports: CrashReport[] = [];
      for (const kind of kinds) {
        const report = await crashTest({
          ...on(kind),
          cycles: Number(values.cycles),
          writers: Number(values.writers),
          importRows: Number(values['import-rows']),
          serverLog: path.join(out, `crash-${kind}-server.log`),
        });
        reports.push(report);
        failed ||= report.lost > 0 || report.problems.length > 0;
      }
      crashTable(reports);
      writeFileSync(path.join(out, `crash-${kinds.join('-')}.json`), `${JSON.stringify(reports, null, 2)}\n`);
    } else {
      const reports: SoakReport[] = [];
      for (const kind of kinds) {
        const report = await soakTest({
          ...on(kind),
          seconds: Number(values.seconds),
          connections: Number(values.connections),
          windowSeconds:
            Number(values.seconds) >= 120 ? 60 : Math.max(5, Math.round(Number(values.seconds) / 4)),
        });
        reports.push(report);
        soakTable(report);
        failed ||= report.errors > 0;
      }
      writeFileSync(path.join(out, `soak-${kinds.join('-')}.json`), `${JSON.stringify(reports, null, 2)}\n`);
    }
  } finally {
    await embedded?.stop();
  }
  say(`reports/reliability/${what}-${kinds.join('-')}.json written`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
