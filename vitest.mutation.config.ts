import { defineConfig } from 'vitest/config';

// The tests that `npm run mutation` (StrykerJS) reruns for every mutant: the unit tests beside
// the mutated code and the integration tests that exercise the policies, authentication and the
// audit trail, on SQLite only (GUIA_TEST_DATABASES, see test/support/databases.ts), so no
// PostgreSQL server is started. The CLI tests run the built `guia` in child processes, which
// never load the mutated sources, so they are left out; so are the web and end-to-end tests.
export default defineConfig({
  test: {
    include: [
      'src/core/**/*.test.ts',
      'src/crypto/**/*.test.ts',
      'src/modules/access/**/*.test.ts',
      'src/modules/audit/**/*.test.ts',
      'src/modules/cases/**/*.test.ts',
      'test/integration/**/*.test.ts',
    ],
    exclude: ['test/integration/cli.test.ts', 'test/integration/demo.test.ts'],
    env: { GUIA_TEST_DATABASES: 'sqlite' },
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
