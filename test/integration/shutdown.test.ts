import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bundledGuia, freePort, projectRoot } from '../reliability/guia-process.js';

// Graceful shutdown (issue 11): `guia serve` told to stop (SIGTERM, as systemd and container
// runtimes do) finishes the request it is in the middle of, answers it, and exits 0. The
// request here is a sign-in whose body is still arriving when the signal comes.

const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finishes a request in flight on SIGTERM, answers it, and exits 0', async () => {
  const command = await bundledGuia();
  const port = await freePort();
  const server = spawn(command[0]!, [...command.slice(1), 'serve'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      GUIA_DATA_DIR: dir,
      PORT: String(port),
      GUIA_ADMIN_PASSWORD: 'first-start harbour 2026',
      GUIA_DIGEST_TIME: 'off',
    },
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += String(chunk)));
  server.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  for (let waited = 0; !output.includes('Guia is serving'); waited += 100) {
    if (server.exitCode !== null || waited > 120_000) throw new Error(`Guia did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const body = JSON.stringify({ email: 'admin@localhost', password: 'not the password at all' });
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += String(chunk)));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  // Still in flight: the rest of the body arrives after the signal.
  socket.write(body.slice(10));
  // The answer comes, then the connection is closed at once (not held for its keep-alive time).
  const stoppedAt = Date.now();
  await closed;
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);

  expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  expect(answer).toContain('application/problem+json');
  expect(await exited, output).toBe(0);
  expect(output).toContain('shutting down');
  // Nothing is accepted once it has stopped.
  const refused = await new Promise<string>((resolve) => {
    const late = connect(port, '127.0.0.1');
    late.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    late.once('connect', () => resolve('connected'));
  });
  expect(refused).toBe('ECONNREFUSED');
}, 180_000);
