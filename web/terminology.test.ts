import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The committee's terminology (locales/glossary.md) applied everywhere a person reads: the
// locale files, the code lists' labels, the screening catalogue, generated documents and the
// demo data. A term from a "Not" column fails the test with the file and the preferred term.

const root = join(import.meta.dirname, '..');
const LANGUAGES = ['en', 'zh-Hant', 'pt'] as const;
type Language = (typeof LANGUAGES)[number];

type Rule = {
  preferred: string;
  avoid: string;
};

function glossary(): { rules: Record<Language, Rule[]>; officialNames: string[] } {
  const text = readFileSync(join(root, 'locales/glossary.md'), 'utf8');
  const rules: Record<Language, Rule[]> = { en: [], 'zh-Hant': [], pt: [] };
  let section = '';
  const officialNames: string[] = [];
  for (const line of text.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    else if (section === 'Official names' && line.startsWith('- ')) officialNames.push(line.slice(2).trim());
    else if ((LANGUAGES as readonly string[]).includes(section) && line.startsWith('| ')) {
      const [, preferred, avoid] = line
        .split('|')
        .map((cell) => cell.trim())
        .slice(1);
      if (!preferred || !avoid || preferred === 'Preferred' || preferred.startsWith('---')) continue;
      for (const term of avoid.split(',')) rules[section as Language].push({ preferred, avoid: term.trim() });
    }
  }
  return { rules, officialNames };
}

/** Every string of a locale file, with its key path. */
function localeStrings(language: Language): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') found.push({ where: path, text: value });
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  const dir = join(root, 'locales', language);
  for (const file of readdirSync(dir))
    walk(JSON.parse(readFileSync(join(dir, file), 'utf8')), `locales/${language}/${file}`);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * String literals of the server's sources that people read: labels keyed by language
 * (`en: '…'`, `'zh-Hant': '…'`, `pt: '…'`) and, for Chinese and Portuguese, any literal
 * written in those languages (demo data, document texts).
 */
function sourceStrings(language: Language): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const file of ['src/core', 'src/profiles', 'src/modules', 'src/documents'].flatMap((d) =>
    sourceFiles(join(root, d)),
  )) {
    const text = readFileSync(file, 'utf8');
    const where = file.slice(root.length + 1);
    const keyed =
      language === 'en'
        ? /\ben:\s*(['"`])((?:\\.|(?!\1).)*)\1/g
        : language === 'pt'
          ? /(['"`])((?:\\.|(?!\1)[^\n])*)\1/g
          : /(['"`])((?:\\.|(?!\1)[^\n])*[\u3400-\u9fff](?:\\.|(?!\1)[^\n])*)\1/g;
    for (const match of text.matchAll(keyed)) found.push({ where, text: match[2]! });
  }
  return found;
}

const { rules, officialNames } = glossary();

function withoutOfficialNames(text: string): string {
  return officialNames.reduce((rest, name) => rest.split(name).join(''), text);
}

describe('the glossary', () => {
  it('has terms to enforce in every language and the official names to spare', () => {
    for (const language of LANGUAGES) expect(rules[language].length, language).toBeGreaterThan(2);
    expect(officialNames).toContain('Instituto de Acção Social');
  });

  it.each(LANGUAGES)('is followed in every %s string people read', (language) => {
    const strings = [...localeStrings(language), ...sourceStrings(language)];
    expect(strings.length).toBeGreaterThan(100);
    const offences = strings.flatMap(({ where, text }) => {
      const plain = withoutOfficialNames(text).toLowerCase();
      return rules[language]
        .filter((rule) => plain.includes(rule.avoid.toLowerCase()))
        .map((rule) => `${where}: "${rule.avoid}" → "${rule.preferred}" in «${text}»`);
    });
    expect(offences).toEqual([]);
  });

  it('catches a non-preferred term (the check can fail)', () => {
    const rule = rules['zh-Hant'].find((r) => r.avoid === '受害人');
    expect(rule?.preferred).toBe('被害人');
    expect(withoutOfficialNames('轉介受害人').includes(rule!.avoid)).toBe(true);
    expect(withoutOfficialNames('Instituto de Acção Social').toLowerCase()).not.toContain('acção');
  });
});

// Latin names set in Chinese sentences take a space on each side (「由 Maria 於 …」), as do
// placeholders that stand for one; numbers and dates run on (「2024年」).
const LATIN_PLACEHOLDERS = [
  'pseudonym',
  'reference',
  'name',
  'by',
  'email',
  'code',
  'url',
  'rules',
  'format',
  'list',
];
const CJK = '[\\u3400-\\u9fff]';
const LATIN = `(?:[A-Za-z][A-Za-z0-9.-]*|\\{\\{(?:${LATIN_PLACEHOLDERS.join('|')})\\}\\})`;
const crowded = new RegExp(`${CJK}${LATIN}|${LATIN}${CJK}`);

describe('Chinese sentences', () => {
  it('put spaces around Latin names and name placeholders', () => {
    const offences = localeStrings('zh-Hant')
      .filter(({ text }) => crowded.test(text))
      .map(({ where, text }) => `${where}: «${text}»`);
    expect(offences).toEqual([]);
  });

  it('flag a crowded name and accept a spaced one and a number', () => {
    expect(crowded.test('以及Guia的回應')).toBe(true);
    expect(crowded.test('由{{name}}進行')).toBe(true);
    expect(crowded.test('以及 Guia 的回應')).toBe(false);
    expect(crowded.test('{{year}}年報告預測')).toBe(false);
  });
});
