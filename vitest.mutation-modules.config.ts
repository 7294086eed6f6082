import { defineConfig } from 'vitest/config';

// The tests the second run of `npm run mutation` (stryker.modules.config.mjs) reruns for every
// mutant of the policies, authentication and the audit trail: the unit tests beside them and the
// integration tests that exercise them, on SQLite only (GUIA_TEST_DATABASES, see
// test/support/databases.ts), so no PostgreSQL server is started. Integration tests of other
// capabilities (cases, protection, the demo data, HTTP conventions) pass through the same
// policy and sign-in code too, but would multiply the time of each mutant for little more.
export default defineConfig({
  test: {
    include: [
      'src/core/permissions.test.ts',
      'src/modules/access/**/*.test.ts',
      'src/modules/audit/**/*.test.ts',
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
