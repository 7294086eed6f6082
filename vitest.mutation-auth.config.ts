// The tests Stryker runs against each mutant of src/modules/access/auth.service.ts
// (stryker.auth.config.mjs): its unit tests and the sign-in integration tests, on SQLite only.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/modules/access/auth.service.test.ts',
      'src/modules/access/passwords.test.ts',
      'test/integration/auth.test.ts',
      'test/integration/sign-in-hardening.test.ts',
      'test/integration/auth-changes.test.ts',
      'test/integration/auth-service.test.ts',
    ],
    env: { GUIA_TEST_DATABASES: 'sqlite' },
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
