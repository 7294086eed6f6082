import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.stryker-tmp*/**', 'reports/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Issue 13: no function in the application longer than about 150 lines; a longer one is
    // several steps waiting for their names. Applied migrations are history and stay as written;
    // a test file's describe block is a list of tests, not one function.
    files: ['src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['src/db/migrations/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }] },
  },
  {
    // core/ is pure and shared with the browser: it may import nothing of the project outside it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['../db/*', '../modules/*', '../http/*', '../cli/*', 'node:*'] },
      ],
    },
  },
  {
    // The web app shares the server's pure rules (core/) and its request and response schemas
    // (modules' *.schemas.ts), nothing else: no database, HTTP, services or policies in a browser bundle.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/*.js',
                ...['cli', 'crypto', 'db', 'http', 'profiles', 'startup'].map((dir) => `**/src/${dir}/**`),
                '**/src/modules/*/*',
                '!**/src/modules/*/*.schemas.js',
              ],
              message: 'web/ may import from src/ only core/ and the modules’ *.schemas.ts.',
            },
          ],
        },
      ],
    },
  },
);
