// A focused mutation run of src/modules/audit/audit.service.ts against the audit trail's own
// tests (vitest.mutation-audit.config.ts): against the broad set of stryker.modules.config.mjs
// each of its mutants takes minutes, so that run never reached it.
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutation-audit.config.ts', related: false },
  incrementalFile: 'reports/stryker-incremental-audit.json',
  htmlReporter: { fileName: 'reports/mutation/audit.html' },
  jsonReporter: { fileName: 'reports/mutation/audit.json' },
  mutate: ['src/modules/audit/audit.service.ts'],
};
