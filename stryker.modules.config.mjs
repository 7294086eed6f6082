// The second mutation run of `npm run mutation` (see stryker.config.mjs): the access policies,
// the password rule and the audit chain, against the tests of vitest.mutation-modules.config.ts.
// The permissions themselves (src/core/permissions.ts, one pure `can()`) are in the first run.
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutation-modules.config.ts', related: false },
  incrementalFile: 'reports/stryker-incremental-modules.json',
  htmlReporter: { fileName: 'reports/mutation/modules.html' },
  jsonReporter: { fileName: 'reports/mutation/modules.json' },
  mutate: [
    'src/modules/cases/case-access.ts',
    'src/modules/access/access.policy.ts',
    'src/modules/access/passwords.ts',
    'src/modules/audit/audit-chain.ts',
    // auth.service.ts and audit.service.ts have runs of their own, against their own tests
    // (stryker.auth.config.mjs, stryker.audit.config.mjs): every integration test here passes
    // through them, so each of their mutants would rerun this whole set.
  ],
};
