// Mutation testing with StrykerJS (`npm run mutation`; outside CI, see README "Test"). It mutates
// the code whose mistakes leak or lose data: the pure rules of src/core, the access policies,
// authentication, the audit trail and the field encryption, and reruns the tests of
// vitest.mutation.config.ts (unit tests, and the integration tests on SQLite alone) against each
// mutant. Incremental: results are kept in reports/ (git-ignored), so a rerun tests only the
// mutants whose code or covering tests changed; `npm run mutation -- --force` starts afresh.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Integration tests sign in with argon2id and build an app per test: slow but steady.
  timeoutMS: 20_000,
  // A static mutant (in code run once, when a module loads: tables, regular expressions,
  // frozen catalogues) has no per-test coverage, so each would rerun every test: with the
  // integration tests that is days on two cores. They are reported as ignored, not scored.
  ignoreStatic: true,
  ignorePatterns: ['dist', 'data', 'coverage', 'reports', 'test/e2e', 'web'],
  mutate: [
    'src/core/**/*.ts',
    '!src/core/**/*.test.ts',
    // Pure data, left out: the code lists (labels in three languages and their HTCDS, CTDC and
    // GLOTIP mappings) and the common-password list. A mutant there changes a label or a word,
    // which the registry tests check as data (shape and coverage), not as behaviour; each
    // string would be a mutant of its own and drown the score of the rules.
    '!src/core/vocabularies/*.codes.ts',
    '!src/core/common-passwords.ts',
    // The ILO indicator texts are data too; only the functions that build and freeze the
    // catalogue, and the age bands' rule among the person codes, are code.
    '!src/core/screening/indicator-catalogue.ts',
    'src/core/screening/indicator-catalogue.ts:656-677',
    'src/core/vocabularies/person.codes.ts:94-101',
    // The policies, authentication, the audit trail and the field encryption.
    'src/modules/cases/case-access.ts',
    'src/modules/access/access.policy.ts',
    'src/modules/access/auth.service.ts',
    'src/modules/access/passwords.ts',
    'src/modules/audit/audit-chain.ts',
    'src/modules/audit/audit.service.ts',
    'src/crypto/*.ts',
    '!src/crypto/*.test.ts',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
