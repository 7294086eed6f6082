import type { Language } from './languages.js';

/** Messages as the locale files hold them: keys nest, and a key names its path with dots. */
export type Catalogue = { [key: string]: string | Catalogue };

/** The message at a dotted key, or undefined where the catalogue has none there. */
export function messageAt(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * How the server speaks from one catalogue per language, as the web app does: the message in
 * the reader's language, else in English, else the key itself, with its `{{name}}` placeholders
 * filled; a parameter not given is written as `absent(name)` says (nothing, unless told).
 */
export function messagesOf(
  catalogues: Record<Language, Catalogue>,
  absent: (name: string) => string = () => '',
) {
  return (language: Language, key: string, params: Record<string, string | number> = {}): string => {
    const template = messageAt(catalogues[language], key) ?? messageAt(catalogues.en, key) ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? absent(name)));
  };
}
