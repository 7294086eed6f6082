import en from '../../locales/en/common.json' with { type: 'json' };
import pt from '../../locales/pt/common.json' with { type: 'json' };
import zhHant from '../../locales/zh-Hant/common.json' with { type: 'json' };
import { messageAt, messagesOf, type Catalogue } from '../core/catalogues.js';
import type { Language } from '../core/languages.js';

// The server speaks from the same catalogues as the web app (namespace `common`).

const catalogues: Record<Language, Catalogue> = { en, 'zh-Hant': zhHant, pt };

// A placeholder without its parameter stays visible, so a missing value is seen, not hidden.
const messages = messagesOf(catalogues, (name) => `{{${name}}}`);

/** The message for a key in a language, falling back to English, then to the key itself. */
export function translate(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
): string {
  return messages(language, key, params);
}

export function hasKey(language: Language, key: string): boolean {
  return messageAt(catalogues[language], key) !== undefined;
}
