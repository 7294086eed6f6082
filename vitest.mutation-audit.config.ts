// The tests Stryker runs against each mutant of src/modules/audit/audit.service.ts
// (stryker.audit.config.mjs): the audit unit tests and the trail's integration tests, on SQLite only.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/modules/audit/**/*.test.ts',
      'test/integration/audit.test.ts',
      'test/integration/audit-trail-ends.test.ts',
    ],
    env: { GUIA_TEST_DATABASES: 'sqlite' },
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
