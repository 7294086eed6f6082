import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { useInput } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/schema.js';
import { freshDatabase } from './databases.js';

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs `guia …` in this process with the given environment and standard input, capturing its output and exit code. */
export async function runGuia(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  const saved = { ...process.env };
  Object.assign(process.env, options.env ?? {});
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  useInput(Object.assign(Readable.from(options.stdin ? [options.stdin] : []), { isTTY: false }));
  process.exitCode = 0;
  try {
    await runCli(['node', 'guia', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout, stderr };
}

/**
 * A fresh database and data directory for `guia` commands: the environment that points the
 * command line at them, the database as the commands will open it (on SQLite, the file in the
 * data directory), and a function that removes both.
 */
export async function cliEnvironment(kind: DatabaseKind): Promise<{
  env: Record<string, string>;
  target: DatabaseTarget;
  dataDir: string;
  cleanup(): Promise<void>;
}> {
  const fresh = await freshDatabase(kind);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-cli-'));
  return {
    env: {
      GUIA_DATA_DIR: dataDir,
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    },
    target:
      fresh.target.kind === 'sqlite'
        ? { kind: 'sqlite', file: path.join(dataDir, 'guia.sqlite') }
        : fresh.target,
    dataDir,
    cleanup: async () => {
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
