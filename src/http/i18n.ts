import en from '../../locales/en/common.json' with { type: 'json' };
import pt from '../../locales/pt/common.json' with { type: 'json' };
import zhHant from '../../locales/zh-Hant/common.json' with { type: 'json' };
import type { Language } from '../core/languages.js';

// The server speaks from the same catalogues as the web app (namespace `common`).

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<Language, Catalogue> = { en, 'zh-Hant': zhHant, pt };

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The message for a key in a language, falling back to English, then to the key itself. */
export function translate(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const template = lookup(catalogues[language], key) ?? lookup(catalogues.en, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

export function hasKey(language: Language, key: string): boolean {
  return lookup(catalogues[language], key) !== undefined;
}
