import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../bench/api-client.js';

// The end-to-end tests drive the real, built Guia: `node bin/guia.js serve` as a child
// process, on a fresh SQLite database in a temporary directory and a free port.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const adminEmail = 'admin@localhost';

export type GuiaServer = {
  baseUrl: string;
  /** The first administrator's initial password, to be changed at first sign-in. */
  adminPassword: string;
  stop(): Promise<void>;
};

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Guia exited with code ${child.exitCode} before serving:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Guia did not answer /api/health within a minute:\n${output()}`);
}

export async function startGuiaServer(): Promise<GuiaServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-e2e-'));
  const port = await freePort();
  const adminPassword = 'estuary lantern 2031 pier';
  // The tests' own settings replace anything inherited that would point elsewhere.
  const {
    DATABASE_URL: _database,
    GUIA_DATA_KEY: _key,
    GUIA_DATA_KEY_FILE: _keyFile,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'guia.js'), 'serve'], {
    cwd: projectRoot,
    env: {
      ...inherited,
      GUIA_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      GUIA_ADMIN_PASSWORD: adminPassword,
      GUIA_LOG_LEVEL: 'warn',
      // Several sign-ins a minute from one address is what these tests do, not an attack.
      GUIA_SIGN_IN_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, adminPassword, stop };
}
