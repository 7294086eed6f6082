import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code; integration tests run through the HTTP API on
// SQLite and on a real PostgreSQL server started by the global setup.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'test/support/**/*.test.ts',
      'web/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
