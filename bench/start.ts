import { spawn } from 'node:child_process';
import { freePort } from '../test/reliability/guia-process.js';
import type { BenchRow } from './bench-row.js';
import { builtGuia, guiaEnv, median, type Target } from './support.js';

// B5: from `guia serve` to a healthy /api/health, on a loaded database. Nothing to compare with
// but the bound (2 s): the limit column stays empty.

/** A running `guia serve` on a target: its URL, and how to stop it (by its own pid). */
export type Server = { url: string; startMs: number; stop(): Promise<void> };

/** Starts `guia serve` and waits for /api/health to answer 200; the time that took. */
export async function startServer(target: Target, timeoutMs = 60_000): Promise<Server> {
  const port = await freePort();
  const [node, ...script] = target.guia ?? builtGuia;
  const started = performance.now();
  const child = spawn(node!, [...script, 'serve'], {
    env: guiaEnv(target, { PORT: String(port), HOST: '127.0.0.1', GUIA_LOG_LEVEL: 'error' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`guia serve exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`guia serve not healthy after ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { url, startMs: performance.now() - started, stop };
}

/** B5 over `runs` starts of a loaded target. */
export async function benchStart(target: Target, victims: number, runs: number): Promise<BenchRow> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer(target);
    times.push(server.startMs);
    await server.stop();
  }
  const ms = median(times);
  return {
    bench: 'B5 start',
    database: target.database,
    victims,
    unit: 'ms',
    guia: Math.round(ms),
    limit: null,
    ratio: null,
    target: '≤ 2000 ms to a healthy /api/health',
    met: ms <= 2000,
    notes: { runs, 'slowest ms': Math.round(Math.max(...times)) },
  };
}
