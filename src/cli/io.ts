import { GuiaError } from '../core/errors.js';
import { ConfigError } from '../config.js';
import { DataKeyError } from '../crypto/data-key.js';
import { fieldErrorsOf, problemOf } from '../http/problem.js';

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin;

/** Where commands read standard input from (tests pass a stream of their own). */
export function useInput(stream: NodeJS.ReadableStream & { isTTY?: boolean }): void {
  input = stream;
}

/** Reads all of standard input (empty when it is a terminal: nothing was piped). */
export async function readStdin(): Promise<string> {
  if (input.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A password from GUIA_PASSWORD, else the first line of standard input, else undefined. */
export async function readPassword(): Promise<string | undefined> {
  const fromEnv = process.env.GUIA_PASSWORD;
  if (fromEnv) return fromEnv;
  const piped = (await readStdin()).split(/\r?\n/)[0];
  return piped ? piped : undefined;
}

export function printTable(rows: Record<string, string>[]): void {
  if (rows.length === 0) {
    say('(none)');
    return;
  }
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  say(line(columns));
  for (const row of rows) say(line(columns.map((c) => row[c] ?? '')));
}

/** Prints an error as a person should read it and gives the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof ConfigError || error instanceof DataKeyError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof GuiaError) {
    const problem = problemOf(error, 'en');
    const fields = (problem.errors ?? []).map((f) => `  ${f.path}: ${f.message}`);
    process.stderr.write([`error: ${problem.title}`, ...fields].join('\n') + '\n');
    return 1;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** Validates command-line input with the same schema as the HTTP API. */
export function parseInput<S extends import('zod').ZodType>(
  schema: S,
  input: unknown,
): import('zod').infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new GuiaError('validation.failed', {}, fieldErrorsOf(result.error.issues));
}
