import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { packageRoot } from '../src/package-root.js';

// What every bench shares: where the guia command is, how a child process runs with its peak
// memory read back, medians, and a fresh database per run (a data directory for SQLite, a
// database on the PostgreSQL server for PostgreSQL).

/** The checkout's root, whether this runs from bench/ (vitest) or dist/bench/ (npm run bench). */
export const root = packageRoot;
/** How to run the guia command: node and its script (bin/guia.js runs dist/; the tests bundle one). */
export type GuiaCommand = readonly string[];
export const builtGuia: GuiaCommand = [process.execPath, path.join(root, 'bin', 'guia.js')];
/** Preloaded into a measured child: writes its peak resident memory (KB) when it exits. */
const peakRssHook = pathToFileURL(path.join(root, 'bench', 'peak-rss.mjs')).href;

export type Database = 'sqlite' | 'postgres';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One loaded Guia: its data directory and, on PostgreSQL, its database's URL. */
export type Target = { database: Database; dataDir: string; url?: string; guia?: GuiaCommand };

/** The environment a guia child runs with against a target. */
export function guiaEnv(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GUIA_DATA_DIR: target.dataDir,
    GUIA_LOG_LEVEL: 'warn',
    GUIA_DIGEST_TIME: 'off',
    GUIA_RETENTION_TIME: 'off',
    ...extra,
  };
  if (target.url) env.DATABASE_URL = target.url;
  else delete env.DATABASE_URL;
  return env;
}

export type ChildResult = { ms: number; peakRssMb: number; stdout: string; stderr: string; code: number };

/** Runs `guia ARGS` as a child process: wall time, peak memory, output. */
export async function runGuia(target: Target, args: string[]): Promise<ChildResult> {
  const [node, ...script] = target.guia ?? builtGuia;
  const rssFile = path.join(target.dataDir, `peak-rss-${process.pid}.txt`);
  mkdirSync(target.dataDir, { recursive: true });
  const started = performance.now();
  const child = spawn(node!, ['--import', peakRssHook, ...script, ...args], {
    env: guiaEnv(target, { GUIA_BENCH_RSS_FILE: rssFile }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const ms = performance.now() - started;
  let peakRssMb = NaN;
  try {
    peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    rmSync(rssFile);
  } catch {
    // the hook did not run (the child was killed): memory unknown
  }
  return { ms, peakRssMb, stdout, stderr, code };
}

/** Fresh, empty targets on one database kind; `remove` drops what a run made. */
export class Targets {
  private count = 0;
  constructor(
    readonly database: Database,
    readonly workDir: string,
    /** The PostgreSQL server's administrative URL (a database per run is created on it). */
    private readonly serverUrl?: string,
    private readonly guia: GuiaCommand = builtGuia,
  ) {}

  async fresh(name: string): Promise<Target> {
    this.count += 1;
    // The process id keeps two benches that share a work directory (and its data file) apart.
    const dataDir = path.join(this.workDir, `${this.database}-${name}-${process.pid}-${this.count}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    if (this.database === 'sqlite') return { database: 'sqlite', dataDir, guia: this.guia };
    const db = `guia_bench_${name.replace(/\W/g, '_')}_${this.count}`;
    await this.admin(`DROP DATABASE IF EXISTS ${db}`);
    await this.admin(`CREATE DATABASE ${db}`);
    const url = new URL(this.serverUrl!);
    url.pathname = `/${db}`;
    return { database: 'postgres', dataDir, url: url.toString(), guia: this.guia };
  }

  async remove(target: Target): Promise<void> {
    rmSync(target.dataDir, { recursive: true, force: true });
    if (target.url) await this.admin(`DROP DATABASE IF EXISTS ${new URL(target.url).pathname.slice(1)}`);
  }

  private async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

/** A pg client on a target's database. */
export async function pgClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
