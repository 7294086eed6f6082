import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { generate } from 'otplib';

// What bench/api.ts needs to drive servers from outside, as a browser would: free ports,
// child processes waited on until they answer, a signed-in session, and peak memory.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type Child = { process: ChildProcess; output(): string; stop(): Promise<void> };

/** A node child process, kept until stop(); its output is kept for error messages. */
export function startChild(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Waits until `url` answers 200 (or 401: a route that wants a session is up too). */
export async function waitUntilAnswering(url: string, child: Child, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(`${url}: the server exited (${child.process.exitCode}):\n${child.output()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${seconds} s:\n${child.output()}`);
}

/** The most memory the process has held (VmHWM: its resident set's high-water mark), in MB. */
export function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * The CPU time the process has used (user + system, from /proc/<pid>/stat), in ms; null where
 * there is no /proc. On a machine shared with other work, CPU time per request holds where
 * requests per second follow whatever share of the cores the process was given.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** A session cookie and CSRF token, as a browser holds them. */
export type Session = { cookie: string; csrf: string };

async function call(
  baseUrl: string,
  method: string,
  route: string,
  body: unknown,
  session: Session | null,
): Promise<{ status: number; json: Record<string, unknown>; setCookie: string | null }> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  const setCookie = /guia_session=[^;]*/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? null;
  return { status: response.status, json, setCookie };
}

/** A client of Guia's API over HTTP, signed in as `email` (enrolling a second factor if asked). */
export async function signIn(baseUrl: string, email: string, password: string) {
  const first = await call(baseUrl, 'POST', '/api/v1/auth/sign-in', { email, password }, null);
  if (!first.setCookie) throw new Error('sign-in set no session cookie');
  const session: Session = { cookie: first.setCookie, csrf: String(first.json.csrfToken) };
  const api = (method: string, route: string, body?: unknown) =>
    call(baseUrl, method, route, body, session).then((r) => r.json);
  if (first.json.stage === 'two_factor_enrolment') {
    const { secret } = (await api('POST', '/api/v1/account/two-factor/setup', {})) as { secret: string };
    const code = await generate({ secret });
    await api('POST', '/api/v1/account/two-factor/confirm', { code });
  } else if (first.json.stage !== 'active') {
    throw new Error(`the bench user's sign-in stopped at ${String(first.json.stage)}`);
  }
  return { session, api };
}
