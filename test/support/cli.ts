import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { useInput } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

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
