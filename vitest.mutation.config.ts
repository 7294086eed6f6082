import { defineConfig } from 'vitest/config';

// The tests that `npm run mutation` (StrykerJS) reruns for every mutant: the unit tests beside
// the mutated code and the integration tests that exercise the policies, authentication and the
// audit trail, on SQLite only (GUIA_TEST_DATABASES, see test/support/databases.ts), so no
// PostgreSQL server is started. Integration tests of other capabilities (cases, protection,
// the demo data, HTTP conventions) pass through the same policy and sign-in code too, but
// would multiply the time of each mutant for little more.
export default defineConfig({
  test: {
    include: [
      'src/core/**/*.test.ts',
      'src/crypto/**/*.test.ts',
      'src/modules/access/**/*.test.ts',
      'src/modules/audit/**/*.test.ts',
      'src/modules/cases/**/*.test.ts',
      'test/integration/access.test.ts',
      'test/integration/audit.test.ts',
      'test/integration/auth.test.ts',
      'test/integration/case-policy.test.ts',
      'test/integration/cli.test.ts',
      'test/integration/data-key.test.ts',
      'test/integration/need-to-know.test.ts',
      'test/integration/route-access.test.ts',
      'test/integration/sign-in-hardening.test.ts',
    ],
    env: { GUIA_TEST_DATABASES: 'sqlite' },
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
