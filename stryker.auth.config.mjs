// A focused mutation run of src/modules/access/auth.service.ts against its own tests
// (vitest.mutation-auth.config.ts): against the broad set of stryker.modules.config.mjs each of
// its mutants takes minutes, so that run never reached it.
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutation-auth.config.ts', related: false },
  incrementalFile: 'reports/stryker-incremental-auth.json',
  htmlReporter: { fileName: 'reports/mutation/auth.html' },
  jsonReporter: { fileName: 'reports/mutation/auth.json' },
  mutate: ['src/modules/access/auth.service.ts'],
};
