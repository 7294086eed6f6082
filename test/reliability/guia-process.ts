import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/schema.js';
import { freePort } from '../../bench/api-client.js';
import { createPostgresDatabase } from '../support/postgres-database.js';

// The real Guia server as a child process, on a fresh database and a loopback port, that the
// crash test kills with SIGKILL and starts again, and the soak test loads.

/** The checkout, found from here whether this runs from test/ (vitest) or dist/test/ (npm scripts). */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** How to run the `guia` command: node and the script, before the command's own arguments. */
export type GuiaCommand = readonly string[];

/** `node bin/guia.js`, which runs dist/ (`npm run build:server` or the reliability build made it). */
/** What the crash test and the soak need to run Guia: how, on which database, and where to log. */
export type ReliabilityTarget = {
  command: GuiaCommand;
  kind: DatabaseKind;
  postgresAdminUrl?: string | undefined;
  log?: (line: string) => void;
  /** Where the server's own log is appended (the runs keep it beside their reports). */
  serverLog?: string | undefined;
};

export const builtGuia: GuiaCommand = [process.execPath, path.join(projectRoot, 'bin', 'guia.js')];

/**
 * The guia command bundled from the sources with rolldown (Vite's bundler, installed), for the
 * short runs in `npm test`: CI runs it on a fresh checkout without dist/, and bundling takes
 * about a second where the TypeScript build takes a minute. It is written inside the checkout
 * (node_modules/.cache), so the code finds the package root (locales, package.json) as built code does.
 */
export async function bundledGuia(): Promise<GuiaCommand> {
  const { build } = await import('rolldown');
  const cache = path.join(projectRoot, 'node_modules', '.cache');
  // A worker stopped on a timeout does not run its exit handlers: remove bundles of processes gone.
  for (const name of existsSync(cache) ? readdirSync(cache) : []) {
    const pid = Number(/^guia-reliability-(\d+)$/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(path.join(cache, name), { recursive: true, force: true });
  }
  const dir = path.join(cache, `guia-reliability-${process.pid}`);
  await build({
    input: path.join(projectRoot, 'test', 'reliability', 'guia-entry.ts'),
    platform: 'node',
    // Packages stay packages (native modules, pdfmake's fonts): only our own code is bundled.
    external: [/^[^./]/],
    logLevel: 'warn',
    output: { dir, format: 'esm', entryFileNames: 'guia.mjs' },
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return [process.execPath, path.join(dir, 'guia.mjs')];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new, empty database on a PostgreSQL server (given by its administrator URL), and its removal. */
export function postgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createPostgresDatabase(adminUrl, 'guia_reliability');
}

// bench/start.ts takes the free-port probe from here, beside the server it starts.
export { freePort };

export type GuiaServer = {
  baseUrl: string;
  adminPassword: string;
  target: DatabaseTarget;
  /** Runs `guia …` on the same database and key; resolves with its exit code and output. */
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Starts the server; resolves with the milliseconds until /api/health/ready answered 200. */
  start(): Promise<number>;
  /** SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would. */
  kill(): Promise<void>;
  /** The server's resident memory in bytes (Linux /proc), or null when it is not running. */
  rss(): number | null;
  /** Stops the server (if running) and removes its data directory and database. */
  close(): Promise<void>;
};

export async function guiaServer(
  command: GuiaCommand,
  kind: DatabaseKind,
  postgresAdminUrl?: string,
  /** A file the server's output (its error log) is appended to, to find why a request failed. */
  logFile?: string,
): Promise<GuiaServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-reliability-'));
  const database = kind === 'postgres' ? await postgresDatabase(required(postgresAdminUrl)) : null;
  const target: DatabaseTarget = database
    ? { kind: 'postgres', url: database.url }
    : { kind: 'sqlite', file: path.join(dataDir, 'guia.sqlite') };
  const port = await freePort();
  const adminPassword = 'reliability estuary 2031 pier';
  const baseUrl = `http://127.0.0.1:${port}`;
  // The run's own settings replace anything inherited that would point elsewhere.
  const { DATABASE_URL: _u, GUIA_DATA_KEY: _k, GUIA_DATA_KEY_FILE: _f, ...inherited } = process.env;
  const env = {
    ...inherited,
    GUIA_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    GUIA_ADMIN_PASSWORD: adminPassword,
    GUIA_LOG_LEVEL: 'error',
    GUIA_SIGN_IN_RATE_LIMIT: '1000',
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  let child: ChildProcess | null = null;
  let output = '';

  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const cli = spawn(command[0]!, [...command.slice(1), ...args], { cwd: projectRoot, env });
      let stdout = '';
      let stderr = '';
      cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      cli.once('error', reject);
      cli.once('close', (code) => resolve({ code, stdout, stderr }));
    });

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  return {
    baseUrl,
    adminPassword,
    target,
    cli: run,
    async start() {
      const started = performance.now();
      output = '';
      const server = spawn(command[0]!, [...command.slice(1), 'serve'], {
        cwd: projectRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      if (logFile)
        for (const stream of [server.stdout, server.stderr])
          stream?.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
      for (;;) {
        if (server.exitCode !== null || server.signalCode !== null)
          throw new Error(`Guia exited (${server.exitCode ?? server.signalCode}) before serving:\n${output}`);
        if (performance.now() - started > 300_000)
          throw new Error(`Guia was not ready in five minutes (a loaded machine):\n${output}`);
        try {
          if ((await fetch(`${baseUrl}/api/health/ready`)).ok) return performance.now() - started;
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    kill,
    rss() {
      const pid = child?.exitCode === null ? child.pid : undefined;
      if (pid === undefined) return null;
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
    async close() {
      await kill();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function required(url: string | undefined): string {
  if (!url) throw new Error('a PostgreSQL run needs the URL of a server to create its database in');
  return url;
}
