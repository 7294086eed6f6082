// The second mutation run of `npm run mutation` (see stryker.config.mjs): the access policies,
// authentication and the audit trail, against the tests of vitest.mutation-modules.config.ts.
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
    'src/modules/access/auth.service.ts',
    'src/modules/access/passwords.ts',
    'src/modules/audit/audit-chain.ts',
    'src/modules/audit/audit.service.ts',
  ],
};
