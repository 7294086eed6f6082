import type { Runtime } from '../startup/runtime.js';

export type WithRuntime = <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>;

/** Runs a command against the configured database, closing it whatever happens. */
export const withRuntime: WithRuntime = async (work) => {
  // Imported here, not at the top: `guia --version`, `guia screen` and the other commands that
  // need no database do not pay for loading the database drivers, Kysely and the services.
  const [{ loadConfig }, { openRuntime }] = await Promise.all([
    import('../config.js'),
    import('../startup/runtime.js'),
  ]);
  // Progress lines go to stderr so that --json output on stdout stays machine-readable.
  const runtime = await openRuntime(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
};
