import type { DatabaseKind } from '../../src/db/schema.js';
import { castOf, keepAliveAgent, type Cast, type Reply, type Session } from './client.js';
import { guiaServer, type ReliabilityTarget } from './guia-process.js';

// The soak test (issue 11): many connections on loopback, about 80% reads (the case list, a
// case's page, the statistics dashboard, the referral inbox) and 20% writes (cases registered
// and corrected, victims, consents and referrals), for minutes while the data grows. Reported
// per window (a minute in the long run): requests, errors, p50 and p99 latency, the server's
// resident memory and the number of cases.

export type SoakOptions = ReliabilityTarget & {
  seconds: number;
  connections: number;
  /** Length of a reporting window; the first is the warm-up. */
  windowSeconds?: number;
  /** Cases registered before the clock starts, so the first window does not read an empty list. */
  seedCases?: number;
};

export type SoakWindow = {
  window: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  rssMb: number;
  cases: number;
};

export type SoakReport = {
  kind: DatabaseKind;
  seconds: number;
  connections: number;
  requests: number;
  errors: number;
  /** The first few errors, as `operation status body`. */
  errorSamples: string[];
  windows: SoakWindow[];
  byOperation: Record<string, { requests: number; p99: number }>;
  /** Mean resident memory of the last window against the first after the warm-up. */
  memoryGrowth: number;
  /** p99 of the last window against the first, and against the first after the warm-up. */
  p99Growth: number;
  p99GrowthAfterWarmup: number;
};

type Own = { id: string; version: number; reportDate: string; victim: string | null; consented: boolean };
type Operation = (conn: Own[]) => Promise<{ reply: Reply; expected: number } | null>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

class Load {
  readonly caseIds: string[] = [];
  private serial = 0;

  constructor(readonly cast: Cast) {}

  private reportDate(): string {
    const n = ++this.serial;
    return `${2021 + (n % 4)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  }

  async createCase(conn: Own[]): Promise<Reply> {
    const reportDate = this.reportDate();
    const reply = await this.cast.officer.send('POST', '/api/v1/cases', {
      origin: this.serial % 3 === 0 ? 'hotline' : 'police_operation',
      reportDate,
      registrationDate: reportDate,
      exploitationTypes: [this.serial % 2 ? 'forced_labour' : 'sexual_exploitation'],
      summary: `Soak case ${this.serial}`,
    });
    if (reply.status === 201) {
      const view = reply.json as { id: string; version: number };
      this.caseIds.push(view.id);
      conn.push({ id: view.id, version: view.version, reportDate, victim: null, consented: false });
    }
    return reply;
  }

  /** The operations and their weights: reads about 80%, writes about 20%. */
  readonly operations: [string, number, Operation][] = [
    [
      'case list',
      30,
      async () => ({ reply: await this.cast.officer.send('GET', '/api/v1/cases'), expected: 200 }),
    ],
    [
      'case page',
      25,
      async () => {
        const id = this.caseIds[Math.floor(Math.random() * this.caseIds.length)]!;
        return { reply: await this.cast.officer.send('GET', `/api/v1/cases/${id}`), expected: 200 };
      },
    ],
    [
      'dashboard',
      10,
      async () => ({
        reply: await this.cast.secretariat.send('GET', '/api/v1/statistics/dashboard'),
        expected: 200,
      }),
    ],
    [
      'inbox',
      15,
      async () => ({ reply: await this.cast.receiver.send('GET', '/api/v1/referrals/inbox'), expected: 200 }),
    ],
    ['case registration', 8, async (conn) => ({ reply: await this.createCase(conn), expected: 201 })],
    ['case correction', 6, (conn) => this.correct(conn)],
    ['victim, consent, referral', 6, (conn) => this.protect(conn)],
  ];

  private async correct(conn: Own[]) {
    const own = conn[Math.floor(Math.random() * conn.length)];
    if (!own) return null;
    const reply = await this.cast.officer.send('PATCH', `/api/v1/cases/${own.id}`, {
      version: own.version,
      summary: `Soak correction ${++this.serial}`,
    });
    if (reply.status === 200) own.version = (reply.json as { version: number }).version;
    return { reply, expected: 200 };
  }

  /** The next protection step on one of the connection's cases: a victim, a consent, a referral. */
  private async protect(conn: Own[]) {
    const own = conn.find((c) => !c.consented) ?? conn[Math.floor(Math.random() * conn.length)];
    if (!own) return null;
    const officer: Session = this.cast.officer;
    if (!own.victim) {
      const reply = await officer.send('POST', `/api/v1/cases/${own.id}/people`, {
        role: 'victim',
        person: { givenNames: 'Soak', familyName: `Person ${++this.serial}`, citizenship: ['PHL'] },
      });
      if (reply.status === 201) own.victim = (reply.json as { id: string }).id;
      return { reply, expected: 201 };
    }
    const victimPath = `/api/v1/cases/${own.id}/people/${own.victim}`;
    if (!own.consented) {
      const reply = await officer.send('POST', `${victimPath}/consents`, {
        purpose: 'referral',
        informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
        givenOn: own.reportDate,
      });
      if (reply.status === 201) own.consented = true;
      return { reply, expected: 201 };
    }
    const reply = await officer.send('POST', `${victimPath}/referrals`, {
      toAgencyId: this.cast.receivingAgencyId,
      serviceKind: 'shelter',
      reason: 'additional_services_required',
      sentOn: own.reportDate,
    });
    return { reply, expected: 201 };
  }

  pick(): [string, Operation] {
    const total = this.operations.reduce((sum, [, weight]) => sum + weight, 0);
    let r = Math.random() * total;
    for (const [name, weight, operation] of this.operations) {
      r -= weight;
      if (r < 0) return [name, operation];
    }
    const [name, , operation] = this.operations[0]!;
    return [name, operation];
  }
}

type Sample = { at: number; ms: number; op: string; error: boolean };

function summarise(
  samples: Sample[],
  rss: { at: number; bytes: number }[],
  options: SoakOptions,
  cases: number[],
) {
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const count = Math.max(1, Math.round((options.seconds * 1000) / windowMs));
  const windows: SoakWindow[] = [];
  for (let w = 0; w < count; w++) {
    const inWindow = samples.filter((s) => s.at >= w * windowMs && s.at < (w + 1) * windowMs);
    const latencies = inWindow.map((s) => s.ms).sort((a, b) => a - b);
    const memory = rss.filter((m) => m.at >= w * windowMs && m.at < (w + 1) * windowMs);
    windows.push({
      window: w + 1,
      requests: inWindow.length,
      errors: inWindow.filter((s) => s.error).length,
      perSecond: Math.round(inWindow.length / (windowMs / 1000)),
      p50: Math.round(percentile(latencies, 50) * 10) / 10,
      p99: Math.round(percentile(latencies, 99) * 10) / 10,
      rssMb: Math.round(memory.reduce((sum, m) => sum + m.bytes, 0) / Math.max(1, memory.length) / 2 ** 20),
      cases: cases[w] ?? 0,
    });
  }
  const byOperation: SoakReport['byOperation'] = {};
  for (const op of new Set(samples.map((s) => s.op))) {
    const latencies = samples
      .filter((s) => s.op === op)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    byOperation[op] = { requests: latencies.length, p99: Math.round(percentile(latencies, 99) * 10) / 10 };
  }
  const first = windows[0]!;
  const afterWarmup = windows[Math.min(1, windows.length - 1)]!;
  const last = windows.at(-1)!;
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b - 1) * 1000) / 1000 : 0);
  return {
    windows,
    byOperation,
    memoryGrowth: ratio(last.rssMb, afterWarmup.rssMb),
    p99Growth: ratio(last.p99, first.p99),
    p99GrowthAfterWarmup: ratio(last.p99, afterWarmup.p99),
  };
}

/** Runs the soak on one database; the report has the per-window table and the growths. */
export async function soakTest(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const server = await guiaServer(options.command, options.kind, options.postgresAdminUrl, options.serverLog);
  const agent = keepAliveAgent(options.connections + 4);
  try {
    await server.start();
    const load = new Load(await castOf(server.baseUrl, server.adminPassword, agent));
    const seedOwner: Own[] = [];
    for (let i = 0; i < (options.seedCases ?? 200); i += 10)
      await Promise.all(Array.from({ length: 10 }, () => load.createCase(seedOwner)));
    log(
      `${options.kind}: ${load.caseIds.length} cases registered; ${options.connections} connections for ${options.seconds} s`,
    );

    const samples: Sample[] = [];
    const rss: { at: number; bytes: number }[] = [];
    const errorSamples: string[] = [];
    const windowMs = (options.windowSeconds ?? 60) * 1000;
    const cases: number[] = [];
    const started = performance.now();
    const end = started + options.seconds * 1000;
    const sampler = setInterval(() => {
      const at = performance.now() - started;
      const bytes = server.rss();
      if (bytes !== null) rss.push({ at, bytes });
      cases[Math.floor(at / windowMs)] = load.caseIds.length;
    }, 1000);
    const connection = async () => {
      const own: Own[] = [];
      while (performance.now() < end) {
        const [op, operation] = load.pick();
        const done = await operation(own);
        if (!done) continue;
        const error = done.reply.status !== done.expected;
        if (error && errorSamples.length < 10)
          errorSamples.push(`${op} ${done.reply.status} ${JSON.stringify(done.reply.json).slice(0, 300)}`);
        samples.push({ at: performance.now() - started, ms: done.reply.ms, op, error });
      }
    };
    let logged = 0;
    const progress = setInterval(() => {
      const window = Math.floor((performance.now() - started) / windowMs);
      if (window > logged) {
        logged = window;
        const last = summarise(
          samples,
          rss,
          { ...options, seconds: window * (windowMs / 1000) },
          cases,
        ).windows.at(-1)!;
        log(`${options.kind} window ${window}: ${JSON.stringify(last)}`);
      }
    }, 1000);
    await Promise.all(Array.from({ length: options.connections }, connection));
    clearInterval(sampler);
    clearInterval(progress);
    return {
      kind: options.kind,
      seconds: options.seconds,
      connections: options.connections,
      requests: samples.length,
      errors: samples.filter((s) => s.error).length,
      errorSamples,
      ...summarise(samples, rss, options, cases),
    };
  } finally {
    agent.destroy();
    await server.close();
  }
}
