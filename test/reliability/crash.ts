import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../../bench/generate.js';
import type { DatabaseKind } from '../../src/db/schema.js';
import { castOf, keepAliveAgent, type Cast, type Session } from './client.js';
import { guiaServer, type GuiaServer, type ReliabilityTarget } from './guia-process.js';
import { auditProblems, databaseProblems } from './integrity.js';

// The crash test (issue 11): writers create and update cases and record victims and consents
// through the API while a CTDC file is imported, and the server is killed with SIGKILL at a
// random moment. Then, with the server down, the database is checked (integrity, nothing
// half-written, statistics equal to a recount, the audit trail verifies); the server is
// started again (timed), and every write it acknowledged (a 2xx answer) is read back with the
// content it acknowledged. A write in flight at the kill may be there or not, but whole.

export type CrashOptions = ReliabilityTarget & {
  cycles: number;
  writers?: number;
  /** Victim rows in each cycle's generated CTDC file. */
  importRows?: number;
  /** How long the writers run before the kill: uniformly between these (milliseconds). */
  runMs?: readonly [number, number];
  /** Seeds the generated import files (each cycle its own file, so none is "already imported"). */
  seed?: number;
};

export type CrashReport = {
  kind: DatabaseKind;
  cycles: number;
  /** Writes answered 2xx and read back after the restart that followed. */
  writesChecked: number;
  /** Writes in flight at a kill (no answer): found applied whole, or absent. */
  writesInFlight: number;
  importsAcknowledged: number;
  /** Imports in flight at a kill, and of those, how many were found whole (the rest absent). */
  importsInterrupted: number;
  importsInterruptedPresent: number;
  lost: number;
  /** Integrity and audit problems, and writes lost, each described (empty when all held). */
  problems: string[];
  restartMs: { median: number; max: number };
  auditEntries: number;
};

type CaseContent = { summary: string; reportDate: string; exploitationTypes: string[] };
type Victim = { casePersonId: string; citizenship: string[]; consents: { id: string; givenOn: string }[] };
type CaseEntry = {
  id: string;
  version: number;
  content: CaseContent;
  /** An update sent and not answered when the server died: after the restart, there or not. */
  pending: { version: number; content: CaseContent } | null;
  victims: Victim[];
  /** Writes acknowledged since this case was last read back. */
  unchecked: number;
};
type ImportEntry = { dataset: string; rows: number; acknowledged: boolean; interrupted: boolean };

const exploitation = ['forced_labour', 'sexual_exploitation'];
const citizenships = ['PHL', 'VNM', 'IDN', 'CHN', 'MMR'];

class Run {
  readonly cases: CaseEntry[][] = [];
  readonly imports: ImportEntry[] = [];
  readonly problems: string[] = [];
  readonly restarts: number[] = [];
  checked = 0;
  acknowledged = 0;
  inFlight = 0;
  lost = 0;
  auditEntries = 0;
  phases = '';
  private serial = 0;

  constructor(
    readonly server: GuiaServer,
    readonly cast: Cast,
    readonly r: () => number,
  ) {}

  private content(writer: number): CaseContent {
    const pick = (list: string[]) => list[Math.floor(this.r() * list.length)]!;
    const month = String(1 + Math.floor(this.r() * 12)).padStart(2, '0');
    return {
      summary: `Crash-test writer ${writer}, write ${++this.serial}`,
      reportDate: `${2021 + Math.floor(this.r() * 4)}-${month}-1${Math.floor(this.r() * 9)}`,
      exploitationTypes: [pick(exploitation)],
    };
  }

  /** One writer until the server stops answering: creates, updates, victims and consents. */
  async writer(w: number, alive: () => boolean): Promise<void> {
    const mine = (this.cases[w] ??= []);
    const officer = this.cast.officer;
    while (alive()) {
      const dice = this.r();
      const entry = mine[Math.floor(this.r() * mine.length)];
      let answered: boolean;
      if (!entry || dice < 0.25) answered = await this.create(officer, w, mine);
      else if (dice < 0.88) answered = await this.update(officer, w, entry);
      else answered = await this.protect(officer, entry);
      if (!answered) return;
    }
  }

  /** Whether the server answered; a 4xx or 5xx is a problem of its own (nothing here is invalid). */
  private answered(what: string, status: number, json: unknown, expected: number): boolean {
    if (status === 0) {
      this.inFlight++;
      return false;
    }
    if (status !== expected) this.problems.push(`${what} answered ${status}: ${JSON.stringify(json)}`);
    else this.acknowledged++;
    return true;
  }

  private async create(officer: Session, w: number, mine: CaseEntry[]): Promise<boolean> {
    const content = this.content(w);
    const reply = await officer.send('POST', '/api/v1/cases', {
      origin: 'police_operation',
      registrationDate: content.reportDate,
      ...content,
    });
    if (!this.answered('case creation', reply.status, reply.json, 201)) return false;
    if (reply.status !== 201) return true;
    const view = reply.json as { id: string; version: number };
    mine.push({ id: view.id, version: view.version, content, pending: null, victims: [], unchecked: 1 });
    return true;
  }

  private async update(officer: Session, w: number, entry: CaseEntry): Promise<boolean> {
    const content = this.content(w);
    entry.pending = { version: entry.version + 1, content };
    const reply = await officer.send('PATCH', `/api/v1/cases/${entry.id}`, {
      version: entry.version,
      ...content,
    });
    if (!this.answered('case update', reply.status, reply.json, 200)) return false;
    if (reply.status === 200) {
      entry.version = (reply.json as { version: number }).version;
      entry.content = content;
      entry.unchecked++;
    }
    entry.pending = null;
    return true;
  }

  /** A victim recorded on the case, or a consent of one of its victims. */
  private async protect(officer: Session, entry: CaseEntry): Promise<boolean> {
    const victim = entry.victims[Math.floor(this.r() * entry.victims.length)];
    if (victim && this.r() < 0.5) {
      const givenOn = entry.content.reportDate;
      const reply = await officer.send(
        'POST',
        `/api/v1/cases/${entry.id}/people/${victim.casePersonId}/consents`,
        {
          purpose: 'referral',
          informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
          givenOn,
        },
      );
      if (!this.answered('consent', reply.status, reply.json, 201)) return false;
      if (reply.status === 201) {
        victim.consents.push({ id: (reply.json as { id: string }).id, givenOn });
        entry.unchecked++;
      }
      return true;
    }
    const citizenship = [citizenships[Math.floor(this.r() * citizenships.length)]!];
    const reply = await officer.send('POST', `/api/v1/cases/${entry.id}/people`, {
      role: 'victim',
      person: { givenNames: 'Crash', familyName: `Test ${this.serial}`, citizenship },
      victim: { ageWhenTrafficked: 20 + Math.floor(this.r() * 20) },
    });
    if (!this.answered('victim', reply.status, reply.json, 201)) return false;
    if (reply.status === 201) {
      entry.victims.push({ casePersonId: (reply.json as { id: string }).id, citizenship, consents: [] });
      entry.unchecked++;
    }
    return true;
  }

  /** Sends this cycle's CTDC file; records whether it was acknowledged or cut off by the kill. */
  async importFile(cycle: number, rows: number, file: string): Promise<void> {
    const entry: ImportEntry = { dataset: `crash-${cycle}`, rows, acknowledged: false, interrupted: false };
    this.imports.push(entry);
    const reply = await this.cast.secretariat.send(
      'POST',
      `/api/v1/statistics/imports?format=ctdc&dataset=${entry.dataset}`,
      readFileSync(file, 'utf8'),
      'text/csv',
    );
    if (reply.status === 0) entry.interrupted = true;
    else if (reply.status === 200 && (reply.json as { imported: number }).imported === rows)
      entry.acknowledged = true;
    else
      this.problems.push(`import ${entry.dataset} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
  }

  /** Reads a case back after a restart: the acknowledged state, or the write in flight applied whole. */
  async checkCase(entry: CaseEntry): Promise<void> {
    const reply = await this.cast.officer.send('GET', `/api/v1/cases/${entry.id}`);
    const lose = (why: string) => {
      this.lost += Math.max(entry.unchecked, 1);
      this.problems.push(`case ${entry.id}: ${why}`);
    };
    if (reply.status !== 200) return lose(`answered ${reply.status} after the restart`);
    const view = reply.json as CaseContent & {
      version: number;
      people: { id: string; role: string; person: { citizenship: string[] } }[];
    };
    const same = (c: CaseContent) =>
      view.summary === c.summary &&
      view.reportDate === c.reportDate &&
      JSON.stringify(view.exploitationTypes) === JSON.stringify(c.exploitationTypes);
    if (entry.pending && view.version === entry.pending.version && same(entry.pending.content)) {
      entry.version = entry.pending.version;
      entry.content = entry.pending.content;
    } else if (view.version !== entry.version || !same(entry.content)) {
      return lose(`holds version ${view.version}, acknowledged ${entry.version} (${entry.content.summary})`);
    }
    entry.pending = null;
    for (const victim of entry.victims) {
      const person = view.people.find((p) => p.id === victim.casePersonId);
      if (person?.role !== 'victim' || person.person.citizenship.join() !== victim.citizenship.join())
        return lose(`victim ${victim.casePersonId} missing or changed`);
      if (victim.consents.length > 0) {
        const consents = await this.cast.officer.send(
          'GET',
          `/api/v1/cases/${entry.id}/people/${victim.casePersonId}/consents`,
        );
        const list = (consents.json ?? []) as { id: string; givenOn: string }[];
        for (const consent of victim.consents)
          if (!list.some((c) => c.id === consent.id && c.givenOn === consent.givenOn))
            return lose(`consent ${consent.id} missing`);
      }
    }
    this.checked += entry.unchecked;
    entry.unchecked = 0;
  }

  /** Every import acknowledged is there whole; one cut off is there whole or not at all. */
  async checkImports(): Promise<void> {
    const reply = await this.cast.secretariat.send('GET', '/api/v1/statistics/datasets');
    const datasets = new Map(
      ((reply.json ?? []) as { name: string; rows: number }[]).map((d) => [d.name, d]),
    );
    for (const entry of this.imports.splice(0)) {
      const found = datasets.get(entry.dataset);
      if (found && found.rows !== entry.rows)
        this.problems.push(`import ${entry.dataset}: ${found.rows} of ${entry.rows} rows`);
      if (entry.acknowledged) {
        this.checked++;
        if (!found) {
          this.lost++;
          this.problems.push(`import ${entry.dataset} acknowledged, then missing`);
        }
      }
      if (entry.interrupted) {
        this.importsInterrupted++;
        if (found) this.importsInterruptedPresent++;
      }
      if (entry.acknowledged) this.importsAcknowledged++;
    }
  }
  importsAcknowledged = 0;
  importsInterrupted = 0;
  importsInterruptedPresent = 0;

  /** Reads back the cases written since the last check (every case, at the end). */
  async checkCases(all: boolean): Promise<void> {
    const due = this.cases.flat().filter((e) => all || e.unchecked > 0 || e.pending);
    for (let i = 0; i < due.length; i += 8)
      await Promise.all(due.slice(i, i + 8).map((e) => this.checkCase(e)));
  }
}

async function cycle(
  run: Run,
  n: number,
  options: Required<Omit<CrashOptions, 'postgresAdminUrl' | 'log' | 'serverLog'>>,
) {
  const { server } = run;
  const work = mkdtempSync(path.join(os.tmpdir(), 'guia-crash-import-'));
  try {
    const file = (await generate(options.importRows, options.seed * 1000 + n, work)).ctdc;
    const [lo, hi] = options.runMs;
    const runFor = lo + run.r() * (hi - lo);
    let alive = true;
    const writers = Array.from({ length: options.writers }, (_, w) => run.writer(w, () => alive));
    const importing = new Promise<void>((resolve) =>
      setTimeout(
        () => resolve(alive ? run.importFile(n, options.importRows, file) : undefined),
        run.r() * runFor,
      ),
    );
    const before = run.acknowledged;
    await new Promise((resolve) => setTimeout(resolve, runFor));
    // On a loaded machine the first writes can take longer than the run: a cycle that killed a
    // server before it acknowledged anything would check nothing, so it waits for a few.
    for (let waited = 0; run.acknowledged - before < 3 && waited < 60_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    alive = false;
    await server.kill();
    await Promise.all([...writers, importing]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const killed = performance.now();
  run.problems.push(...(await databaseProblems(server.target)).map((p) => `cycle ${n}: ${p}`));
  run.phases = `database checks ${(performance.now() - killed).toFixed(0)} ms`;
  run.restarts.push(await server.start());
}

/** Runs the crash cycles on one database; the report says what was checked and what was lost. */
export async function crashTest(options: CrashOptions): Promise<CrashReport> {
  const settings = {
    command: options.command,
    kind: options.kind,
    cycles: options.cycles,
    writers: options.writers ?? 8,
    importRows: options.importRows ?? 2000,
    runMs: options.runMs ?? ([300, 2500] as const),
    seed: options.seed ?? Date.now() % 100_000,
  };
  const log = options.log ?? (() => {});
  const server = await guiaServer(options.command, options.kind, options.postgresAdminUrl, options.serverLog);
  let agent: http.Agent = keepAliveAgent(16);
  try {
    await server.start();
    const cast = await castOf(server.baseUrl, server.adminPassword, agent);
    // Writers interleave as the scheduler decides, so a run is not repeatable: Math.random will do.
    const run = new Run(server, cast, Math.random);
    log(`${options.kind}: server up and accounts signed in (seed ${settings.seed})`);
    let reported = 0;
    for (let n = 1; n <= settings.cycles; n++) {
      await cycle(run, n, settings);
      // Connections kept alive to the killed server are dead: new ones for the new server.
      agent.destroy();
      agent = keepAliveAgent(16);
      for (const session of Object.values(cast)) if (typeof session === 'object') session.agent = agent;
      const audit = await auditProblems(cast.auditor);
      run.auditEntries = audit.entries;
      run.problems.push(...audit.problems.map((p) => `cycle ${n}: ${p}`));
      await run.checkCases(n === settings.cycles);
      await run.checkImports();
      for (const problem of run.problems.slice(reported)) log(`${options.kind} problem: ${problem}`);
      reported = run.problems.length;
      log(
        `${options.kind} cycle ${n}/${settings.cycles}: ${run.phases}, restart ${run.restarts.at(-1)!.toFixed(0)} ms, ` +
          `${run.checked} writes checked, ${run.lost} lost, ${run.problems.length} problems`,
      );
    }
    const sorted = [...run.restarts].sort((a, b) => a - b);
    return {
      kind: options.kind,
      cycles: settings.cycles,
      writesChecked: run.checked,
      writesInFlight: run.inFlight,
      importsAcknowledged: run.importsAcknowledged,
      importsInterrupted: run.importsInterrupted,
      importsInterruptedPresent: run.importsInterruptedPresent,
      lost: run.lost,
      problems: run.problems,
      restartMs: { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 },
      auditEntries: run.auditEntries,
    };
  } finally {
    agent.destroy();
    await server.close();
  }
}
