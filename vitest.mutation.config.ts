import { defineConfig } from 'vitest/config';

// The tests the first run of `npm run mutation` (stryker.config.mjs) reruns for every mutant of
// src/core and src/crypto: their unit tests, beside the code.
export default defineConfig({
  test: {
    include: ['src/core/**/*.test.ts', 'src/crypto/**/*.test.ts'],
    setupFiles: ['test/support/require-assertions.ts'],
  },
});
