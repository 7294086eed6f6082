import { beforeAll, inject } from 'vitest';
import type { DatabaseKind } from '../../src/db/schema.js';
import { bundledGuia, type GuiaCommand, type ReliabilityTarget } from '../reliability/guia-process.js';

// Kept out of test/reliability: its build (tsconfig.reliability.json) has no vitest set-up types.

/**
 * Bundles the server once for the test file (in its beforeAll); the function returned names
 * it, with the database to run it on (on PostgreSQL, the embedded server of the global set-up).
 */
export function bundledGuiaPerFile(): (kind: DatabaseKind) => ReliabilityTarget {
  let command: GuiaCommand;
  beforeAll(async () => {
    command = await bundledGuia();
  });
  return (kind) => ({
    command,
    kind,
    postgresAdminUrl: kind === 'postgres' ? inject('postgresUrl') : undefined,
  });
}
