import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium against the built app.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    setupFiles: ['test/support/require-assertions.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
