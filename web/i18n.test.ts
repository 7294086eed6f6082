import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agencyKinds } from '../src/core/agencies.js';
import { languages } from '../src/core/languages.js';
import { roles } from '../src/core/permissions.js';

// Every string a person reads exists in English, Traditional Chinese and Portuguese:
// the catalogues must have the same keys, none empty, with the same placeholders, and
// every key the screens ask for must be in all three.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Every catalogue file of English is a namespace: one added later is checked too.
const namespaces = readdirSync(path.join(projectRoot, 'locales', 'en'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') entries.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

const catalogues = new Map<string, Map<string, string>>(
  languages.flatMap((language) =>
    namespaces.map((namespace) => {
      const file = path.join(projectRoot, 'locales', language, `${namespace}.json`);
      const entries = existsSync(file)
        ? flatten(JSON.parse(readFileSync(file, 'utf8')) as Catalogue)
        : new Map();
      return [`${language}/${namespace}`, entries] as const;
    }),
  ),
);

/** A namespace's keys and texts in a language; empty when the catalogue does not exist. */
function catalogue(language: string, namespace: string): Map<string, string> {
  return catalogues.get(`${language}/${namespace}`) ?? new Map();
}

// A text that depends on a count is written once per plural category of the language, as
// `key_one`, `key_other` … (i18next): Chinese has only `other`, Portuguese and English `one` too.
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const pluralCategories = (language: string) =>
  new Intl.PluralRules(language).resolvedOptions().pluralCategories;

/** Whether the catalogue has `key`, as itself or as the plural forms a count selects. */
function hasKey(entries: Map<string, string>, key: string): boolean {
  return entries.has(key) || entries.has(`${key}_other`);
}

/** The keys a language must have for English's: plural forms only for the categories it has. */
function expectedKeys(language: string, english: Map<string, string>): string[] {
  const categories: readonly string[] = pluralCategories(language);
  return [...english.keys()].filter((key) => {
    const plural = pluralSuffix.exec(key);
    return !plural || categories.includes(plural[1]!);
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Keys written literally in the web source: `t('key')`, `t("key")`, `` t(`key`) `` (without
 * interpolation) and `i18nKey="key"`. A key without a namespace belongs to the file's
 * default one, the first passed to `useTranslation` (else `web`). Keys built at run time
 * are checked by vocabulary below.
 */
function usedKeys(source: string): { namespace: string; key: string }[] {
  const declared = /\buseTranslation\(\s*\[?\s*['"]([\w-]+)['"]/.exec(source);
  const defaultNamespace = declared?.[1] ?? 'web';
  const patterns = [/\bt\(\s*(['"`])([^'"`$]+?)\1/g, /\bi18nKey\s*[=:]\s*\{?\s*(['"`])([^'"`$]+?)\1/g];
  return patterns.flatMap((pattern) =>
    [...source.matchAll(pattern)].map((match) => {
      const written = match[2] ?? '';
      const separator = written.indexOf(':');
      return separator < 0
        ? { namespace: defaultNamespace, key: written }
        : { namespace: written.slice(0, separator), key: written.slice(separator + 1) };
    }),
  );
}

describe('translation catalogues', () => {
  describe.each(namespaces)('namespace %s', (namespace) => {
    const english = catalogue('en', namespace);

    it.each(languages.filter((l) => l !== 'en'))('has exactly the English keys in %s', (language) => {
      const translated = catalogue(language, namespace);
      const expected = expectedKeys(language, english);
      const missing = expected.filter((key) => !translated.has(key));
      // A plural form English lacks (e.g. Portuguese `many`) is no extra if English has the text.
      const extra = [...translated.keys()].filter(
        (key) =>
          !english.has(key) && !(pluralSuffix.test(key) && hasKey(english, key.replace(pluralSuffix, ''))),
      );
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it.each(languages)('has no empty text in %s', (language) => {
      const empty = [...catalogue(language, namespace)]
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it.each(languages.filter((l) => l !== 'en'))(
      'keeps the placeholders of each English text in %s',
      (language) => {
        const translated = catalogue(language, namespace);
        const differing = [...english]
          .filter(
            ([key, text]) =>
              translated.has(key) &&
              placeholders(text).join() !== placeholders(translated.get(key) ?? '').join(),
          )
          .map(([key]) => key);
        expect(differing).toEqual([]);
      },
    );
  });

  it('finds the keys written in the web source', () => {
    expect(
      usedKeys(`t('nav.home'); t("common:role.auditor"); t(\`audit.title\`); <Trans i18nKey="home.intro" />`),
    ).toEqual([
      { namespace: 'web', key: 'nav.home' },
      { namespace: 'common', key: 'role.auditor' },
      { namespace: 'web', key: 'audit.title' },
      { namespace: 'web', key: 'home.intro' },
    ]);
    expect(usedKeys(`useTranslation(['cases', 'web']); t('list.title'); t('web:nav.home')`)).toEqual([
      { namespace: 'cases', key: 'list.title' },
      { namespace: 'web', key: 'nav.home' },
    ]);
  });

  it.each(languages)('has every key the web source uses in %s', (language) => {
    const files = sourceFiles(path.join(projectRoot, 'web', 'src'));
    const used = files.flatMap((file) =>
      usedKeys(readFileSync(file, 'utf8')).map((usage) => ({
        ...usage,
        file: path.relative(projectRoot, file),
      })),
    );
    expect(used.length).toBeGreaterThan(100);
    const missing = used
      .filter(({ namespace, key }) => !hasKey(catalogue(language, namespace), key))
      .map(({ namespace, key, file }) => `${namespace}:${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it.each(languages)('names every role, agency kind and language in %s', (language) => {
    const common = catalogue(language, 'common');
    const needed = [
      ...roles.map((role) => `role.${role}`),
      ...agencyKinds.map((kind) => `agencyKind.${kind}`),
      ...languages.map((name) => `language.${name}`),
    ];
    expect(needed.filter((key) => !common.has(key))).toEqual([]);
  });
});
