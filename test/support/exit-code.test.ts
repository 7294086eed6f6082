import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function npmTest(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('the README test command', () => {
  it('exits non-zero when a test fails or asserts nothing, through the suite’s global setup', async () => {
    // A vitest run inside this one must not think it is a worker of this run.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
    );
    const run = await npmTest(['--config', 'test/fixtures/failing-suite/vitest.config.ts'], {
      ...env,
      NO_COLOR: '1',
      // The global setup runs as in the suite (the code that used to force exit code 0 is
      // loaded with it); an external server URL spares starting PostgreSQL, which the fixture
      // never connects to.
      GUIA_TEST_POSTGRES_URL: 'postgres://nobody@127.0.0.1:9/unused',
    });
    expect(run.output).toMatch(/Tests\s+2 failed \| 1 passed/);
    expect(run.output).toContain('expected any number of assertion, but got none');
    expect(run.code).toBe(1);
  });
});
