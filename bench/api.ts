import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type DatabaseTarget } from '../src/db/database.js';
import { agenciesRepo, usersRepo } from '../src/modules/access/access.repo.js';
import { agenciesService } from '../src/modules/access/agencies.service.js';
import { actorOfUser } from '../src/modules/access/actor.js';
import { usersService } from '../src/modules/access/users.service.js';
import { systemActor } from '../src/modules/audit/audit.service.js';
import { caseReach } from '../src/modules/cases/cases.policy.js';
import { casesRepo } from '../src/modules/cases/cases.repo.js';
import { dashboard } from '../src/modules/statistics/indicators.service.js';
import { packageRoot } from '../src/package-root.js';
import { openCipher } from '../src/startup/instance.js';
import type { Captured, LimitSpec } from './api-limit.js';
import {
  cpuMs,
  freePort,
  peakRssMb,
  signIn,
  startChild,
  waitUntilAnswering,
  type Child,
} from './api-client.js';
import { startBalancer } from './balancer.js';
import type { BenchRow } from './bench-row.js';

// B3 (issue 10): Guia's authenticated case list and statistics dashboard under autocannon at
// 50 connections on loopback, beside the limit — the same statements through raw prepared
// statements in a bare Fastify route (bench/api-limit.ts) — in separate processes, one after
// the other, on the same data. Medians of the runs; p99 latency; Guia's peak resident memory.

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = packageRoot;
const benchEmail = 'bench.api@bench.example.org';
const benchPassword = 'harbour lantern bench 2026';
const casesWanted = 50;

export type ApiBenchOptions = {
  victims: number;
  database: 'sqlite' | 'postgres';
  runs: number;
  dataDir: string;
  /** PostgreSQL: the database; else `<dataDir>/database-url`, else DATABASE_URL. */
  databaseUrl?: string;
  /** Seconds of load per endpoint, server and run (default 10). */
  seconds?: number;
  connections?: number;
  /** Cases of the bench agency the list shows (at most a page: 50, the default). */
  cases?: number;
  /** PostgreSQL: how many Guia processes to measure behind the balancer (default 2; 1 skips it). */
  processes?: number;
};

export type Endpoint = { name: string; path: string };
export const endpoints: Endpoint[] = [
  { name: 'case list', path: '/api/v1/cases' },
  { name: 'dashboard', path: '/api/v1/statistics/dashboard' },
];

export function configOf(o: Pick<ApiBenchOptions, 'database' | 'dataDir' | 'databaseUrl'>): Config {
  const urlFile = path.join(o.dataDir, 'database-url');
  const url =
    o.database === 'postgres'
      ? (o.databaseUrl ??
        (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : process.env.DATABASE_URL))
      : undefined;
  if (o.database === 'postgres' && !url) throw new Error('B3 on PostgreSQL needs a database URL');
  return loadConfig({ GUIA_DATA_DIR: o.dataDir, ...(url ? { DATABASE_URL: url } : {}) });
}

/**
 * The bench user (an agency officer and analyst of agency BENCH), created once, after Guia has
 * started (and so migrated the database with its own code: the built code may trail the source).
 */
async function benchUser(config: Config): Promise<{ id: string; agencyId: string }> {
  const database = openDatabase(config.database);
  try {
    // The data key also keys the audit trail, which creating a user writes to.
    await openCipher(config, database, () => {});
    const actor = systemActor('cli');
    return await database.db.transaction().execute(async (tx) => {
      const agency =
        (await agenciesRepo.getByCode(tx, 'BENCH')) ??
        (await agenciesService.create(tx, actor, {
          code: 'BENCH',
          kind: 'police',
          names: { en: 'Bench agency', 'zh-Hant': '基準機構', pt: 'Agência de referência' },
        }));
      const existing = await usersRepo.getByEmail(tx, benchEmail);
      if (existing) return { id: existing.id, agencyId: agency.id };
      const created = await usersService.create(tx, actor, {
        email: benchEmail,
        name: 'Bench user',
        language: 'en',
        agencyId: agency.id,
        roles: ['agency_officer', 'analyst'],
        password: benchPassword,
        mustChangePassword: false,
      });
      return { id: created.user.id, agencyId: agency.id };
    });
  } finally {
    await database.close();
  }
}

/** The SQL Guia runs for the bench user's list and for the dashboard, captured as it runs. */
async function captureStatements(
  target: DatabaseTarget,
  user: { id: string; agencyId: string },
): Promise<Pick<LimitSpec, 'list' | 'dashboard'>> {
  let recording: Captured[] = [];
  const database = openDatabase(target, {
    onQuery: (sql, parameters) => recording.push({ sql, parameters: [...parameters] }),
  });
  try {
    const userRow = await usersRepo.get(database.db, user.id);
    if (!userRow) throw new Error('the bench user is missing');
    const actor = await actorOfUser(database.db, userRow, '');
    recording = [];
    await casesRepo.list(database.db, caseReach(actor), actor.userId, { limit: casesWanted });
    const [list] = recording;
    if (!list || recording.length !== 1) throw new Error('the case list ran other than one statement');
    // The first call may build the statistics' aggregates; the second is the steady state.
    await dashboard(database.db, { period: 'year' });
    recording = [];
    await dashboard(database.db, { period: 'year' });
    return {
      list: { ...list, userId: user.id, agencyId: user.agencyId, limit: casesWanted },
      dashboard: recording,
    };
  } finally {
    await database.close();
  }
}

/** Cases of the bench agency for the list to show (a page of 50, each with a victim). */
async function ensureCases(api: Awaited<ReturnType<typeof signIn>>['api'], wanted: number): Promise<void> {
  const listed = (await api('GET', `/api/v1/cases?limit=${casesWanted}`)) as { items: unknown[] };
  for (let i = listed.items.length; i < wanted; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const created = (await api('POST', '/api/v1/cases', {
      origin: 'police_operation',
      reportDate: `2021-03-${day}`,
      registrationDate: `2021-03-${day}`,
      exploitationTypes: [i % 2 ? 'forced_labour' : 'sexual_exploitation'],
    })) as { id: string };
    await api('POST', `/api/v1/cases/${created.id}/people`, {
      role: 'victim',
      person: { givenNames: `Bench ${i}`, familyName: 'Victim', citizenship: ['PHL'] },
    });
  }
}

type Measured = {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  ok: number;
  /** CPU time the server spent per answered request (null where it cannot be read). */
  cpuMsPerRequest: number | null;
};

async function load(
  url: string,
  cookie: string,
  seconds: number,
  connections: number,
  serverPid?: number,
): Promise<Measured> {
  const cpuBefore = cpuMs(serverPid);
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  const cpuAfter = cpuMs(serverPid);
  const answered = result['2xx'];
  return {
    cpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && answered > 0 ? (cpuAfter - cpuBefore) / answered : null,
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok: result['2xx'],
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Guia and the limit answer the list alike (same items, order and cursor), and both answer the dashboard. */
async function sameAnswers(guia: string, limit: string, cookie: string): Promise<Record<string, boolean>> {
  const read = async (base: string, route: string) => {
    const response = await fetch(`${base}${route}`, { headers: { cookie } });
    return { status: response.status, text: JSON.stringify(await response.json()) };
  };
  const [list, dashboard] = endpoints;
  const lists = [await read(guia, list!.path), await read(limit, list!.path)];
  const dashboards = [await read(guia, dashboard!.path), await read(limit, dashboard!.path)];
  return {
    [list!.name]: lists.every((r) => r.status === 200) && lists[0]!.text === lists[1]!.text,
    [dashboard!.name]: dashboards.every((r) => r.status === 200),
  };
}

export async function benchApi(o: ApiBenchOptions): Promise<BenchRow[]> {
  const seconds = o.seconds ?? 10;
  const connections = o.connections ?? 50;
  const config = configOf(o);
  const guiaPort = await freePort();
  const env = {
    ...process.env,
    GUIA_DATA_DIR: config.dataDir,
    ...(config.database.kind === 'postgres' ? { DATABASE_URL: config.database.url } : {}),
    PORT: String(guiaPort),
    HOST: '127.0.0.1',
    GUIA_LOG_LEVEL: 'warn',
    GUIA_DIGEST_TIME: 'off',
    GUIA_SIGN_IN_RATE_LIMIT: '10000',
  };
  if (config.database.kind === 'sqlite') delete env.DATABASE_URL;
  const children: Child[] = [];
  try {
    const guia = await startGuia(env, guiaPort);
    children.push(guia);
    const guiaUrl = `http://127.0.0.1:${guiaPort}`;
    const user = await benchUser(config);
    const { session, api } = await signIn(guiaUrl, benchEmail, benchPassword);
    await ensureCases(api, Math.min(o.cases ?? casesWanted, casesWanted));

    const spec: LimitSpec = {
      target: config.database,
      port: await freePort(),
      ...(await captureStatements(config.database, user)),
    };
    const limit = startChild([path.join(root, 'dist', 'bench', 'api-limit.js')], {
      ...process.env,
      GUIA_BENCH_LIMIT: JSON.stringify(spec),
    });
    children.push(limit);
    const limitUrl = `http://127.0.0.1:${spec.port}`;
    await waitUntilAnswering(`${limitUrl}${endpoints[0]!.path}`, limit);
    const identical = await sameAnswers(guiaUrl, limitUrl, session.cookie);

    const rows: BenchRow[] = [];
    for (const endpoint of endpoints) {
      const servers = { guia: `${guiaUrl}${endpoint.path}`, limit: `${limitUrl}${endpoint.path}` };
      const pids = { guia: guia.process.pid, limit: limit.process.pid };
      // Warm both up (JIT, caches, the pool) before anything is counted (not in a smoke of a second).
      if (seconds >= 2)
        for (const url of Object.values(servers)) await load(url, session.cookie, 1, connections);
      const runs: { guia: Measured; limit: Measured }[] = [];
      for (let run = 0; run < o.runs; run++) {
        // Alternate which goes first, so that neither always follows the other's heat.
        const order = run % 2 ? (['limit', 'guia'] as const) : (['guia', 'limit'] as const);
        const measured = {} as { guia: Measured; limit: Measured };
        for (const which of order)
          measured[which] = await load(servers[which], session.cookie, seconds, connections, pids[which]);
        runs.push(measured);
      }
      rows.push(rowOf(o, endpoint, runs, peakRssMb(guia.process.pid), identical[endpoint.name]));
    }
    if (o.database === 'postgres' && (o.processes ?? 2) > 1)
      rows.push(await twoProcesses(o, env, { guiaPort, cookie: session.cookie, seconds, connections }));
    return rows;
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

/**
 * Node's flags for `guia serve`, as docs/deploy/guia.service starts it: the V8 heap bounded at
 * 1 GB. Unbounded, V8 sizes it from the machine's memory and lets the garbage of requests in
 * flight grow to several times the live heap before collecting it (B3's peak memory).
 */
export const serveNodeFlags = ['--max-old-space-size=1024'];

async function startGuia(env: NodeJS.ProcessEnv, port: number): Promise<Child> {
  const guia = startChild([...serveNodeFlags, path.join(root, 'bin', 'guia.js'), 'serve'], {
    ...env,
    PORT: String(port),
  });
  await waitUntilAnswering(`http://127.0.0.1:${port}/api/health`, guia);
  return guia;
}

/**
 * Beyond one machine: the case list from two Guia processes behind a round-robin balancer on
 * one PostgreSQL, beside the one process behind the same balancer (the balancer's hop costs the
 * same in both). On loopback the processes share the machine's cores with the load generator.
 */
async function twoProcesses(
  o: ApiBenchOptions,
  env: NodeJS.ProcessEnv,
  first: { guiaPort: number; cookie: string; seconds: number; connections: number },
): Promise<BenchRow> {
  const secondPort = await freePort();
  const second = await startGuia(env, secondPort);
  const backends = [first.guiaPort, secondPort].map((port) => ({ host: '127.0.0.1', port }));
  const one = await startBalancer(backends.slice(0, 1));
  const two = await startBalancer(backends);
  try {
    const route = endpoints[0]!.path;
    const urls = { one: `http://127.0.0.1:${one.port}${route}`, two: `http://127.0.0.1:${two.port}${route}` };
    if (first.seconds >= 2)
      for (const url of Object.values(urls)) await load(url, first.cookie, 1, first.connections);
    const runs: { one: Measured; two: Measured }[] = [];
    for (let run = 0; run < o.runs; run++) {
      const order = run % 2 ? (['two', 'one'] as const) : (['one', 'two'] as const);
      const measured = {} as { one: Measured; two: Measured };
      for (const which of order)
        measured[which] = await load(urls[which], first.cookie, first.seconds, first.connections);
      runs.push(measured);
    }
    const rps = median(runs.map((r) => r.two.rps));
    const single = median(runs.map((r) => r.one.rps));
    const failures = runs.reduce((n, r) => n + r.two.errors + r.two.non2xx + r.one.errors + r.one.non2xx, 0);
    return {
      bench: 'B3 case list, 2 processes',
      database: o.database,
      victims: o.victims,
      unit: 'req/s',
      guia: Math.round(rps),
      limit: null,
      ratio: null,
      target: 'measured: two processes behind a balancer on one PostgreSQL',
      met: failures === 0,
      notes: {
        oneProcessBehindBalancer: Math.round(single),
        scaling: single > 0 ? Math.round((rps / single) * 100) / 100 : 0,
        p99Ms: median(runs.map((r) => r.two.p99)),
        oneProcessP99Ms: median(runs.map((r) => r.one.p99)),
        servedBySecond: two.served()[1] ?? 0,
        secondPeakRssMb: peakRssMb(second.process.pid) ?? 'unknown',
        failures,
      },
    };
  } finally {
    await one.close();
    await two.close();
    await second.stop();
  }
}

function rowOf(
  o: ApiBenchOptions,
  endpoint: Endpoint,
  runs: { guia: Measured; limit: Measured }[],
  peakMb: number | null,
  identical: boolean | undefined,
): BenchRow {
  const guia = median(runs.map((r) => r.guia.rps));
  const limit = median(runs.map((r) => r.limit.rps));
  const p99 = median(runs.map((r) => r.guia.p99));
  const ratio = limit > 0 ? guia / limit : null;
  const cpu = (side: 'guia' | 'limit') => {
    const values = runs.map((r) => r[side].cpuMsPerRequest).filter((v): v is number => v !== null);
    return values.length ? Math.round(median(values) * 100) / 100 : null;
  };
  const [guiaCpu, limitCpu] = [cpu('guia'), cpu('limit')];
  const failures = runs.reduce((n, r) => n + r.guia.errors + r.guia.non2xx, 0);
  const limitFailures = runs.reduce((n, r) => n + r.limit.errors + r.limit.non2xx, 0);
  return {
    bench: `B3 ${endpoint.name}`,
    database: o.database,
    victims: o.victims,
    unit: 'req/s',
    guia: Math.round(guia),
    limit: Math.round(limit),
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    target: '≥ 0.8 of the limit, p99 ≤ 50 ms, memory ≤ 250 MB',
    met: ratio !== null && ratio >= 0.8 && p99 <= 50 && peakMb !== null && peakMb <= 250 && failures === 0,
    notes: {
      p99Ms: p99,
      limitP99Ms: median(runs.map((r) => r.limit.p99)),
      peakRssMb: peakMb ?? 'unknown',
      runs: runs.length,
      answered: runs.reduce((n, r) => n + r.guia.ok, 0),
      failures,
      limitFailures,
      // CPU per request: the ratio that holds whatever share of the machine each server got.
      ...(guiaCpu !== null && limitCpu !== null
        ? {
            guiaCpuMsPerRequest: guiaCpu,
            limitCpuMsPerRequest: limitCpu,
            cpuRatio: Math.round((limitCpu / guiaCpu) * 100) / 100,
          }
        : {}),
      // The list: the same answer as the limit's; the dashboard (another shape): both answered 200.
      ...(identical !== undefined ? { identical } : {}),
    },
  };
}

// `node dist/bench/api.js --victims N [--database postgres] [--runs R] [--data-dir DIR] [--processes 1]`
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '0' },
      database: { type: 'string', default: 'sqlite' },
      runs: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      'data-dir': { type: 'string', default: './data' },
      'database-url': { type: 'string' },
      processes: { type: 'string', default: '2' },
    },
  });
  const rows = await benchApi({
    victims: Number(values.victims),
    database: values.database === 'postgres' ? 'postgres' : 'sqlite',
    runs: Number(values.runs),
    seconds: Number(values.seconds),
    dataDir: values['data-dir'],
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
    processes: Number(values.processes),
  });
  for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
}
