// Mutation testing with StrykerJS (`npm run mutation`; outside CI, see README "Test"). It mutates
// the code whose mistakes leak or lose data and reruns the tests against each mutant, in four
// runs on two cores:
// - this file: the pure rules of src/core and the field encryption, against their unit tests
//   (vitest.mutation.config.ts), which must catch a rule's mistake on their own;
// - stryker.modules.config.mjs: the access policies, the password rule and the audit chain,
//   against their unit tests and the integration tests on SQLite that exercise them
//   (vitest.mutation-modules.config.ts);
// - stryker.audit.config.mjs and stryker.auth.config.mjs: the audit trail's service and
//   authentication, each against its own unit and integration tests on SQLite.
// Incremental: results are kept in reports/ (git-ignored), so a rerun tests only the mutants
// whose code or covering tests changed; `npm run mutation -- --force` starts afresh.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental-core.json',
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/core.html' },
  jsonReporter: { fileName: 'reports/mutation/core.json' },
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
    'src/crypto/*.ts',
    '!src/crypto/*.test.ts',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
