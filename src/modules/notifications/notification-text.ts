import en from '../../../locales/en/notifications.json' with { type: 'json' };
import pt from '../../../locales/pt/notifications.json' with { type: 'json' };
import zhHant from '../../../locales/zh-Hant/notifications.json' with { type: 'json' };
import type { Language } from '../../core/languages.js';
import type { NotificationKind } from './notification-kinds.js';
import type { NotificationValues } from './notifications.schemas.js';

// The server speaks notifications from the catalogue the web app reads (namespace
// `notifications`): the e-mail digest and the page say the same thing in the same words.

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<Language, Catalogue> = { en, 'zh-Hant': zhHant, pt };

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A message of the `notifications` catalogue in a language (English, then the key, when missing). */
export function notificationMessage(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const template = lookup(catalogues[language], key) ?? lookup(catalogues.en, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * A notification's sentence. `withPseudonym: false` (e-mail) speaks of "a person" even when
 * the reader may see the pseudonym: a mail box is not Guia, and pseudonyms stay inside it.
 */
export function notificationSentence(
  language: Language,
  kind: NotificationKind,
  values: NotificationValues,
  options: { withPseudonym: boolean },
): string {
  const person =
    options.withPseudonym && values.pseudonym
      ? values.pseudonym
      : notificationMessage(language, 'hidden.person');
  const fit = (value: string) => spacedForChinese(language, value);
  return notificationMessage(language, `kind.${kind}`, {
    person: fit(person),
    agency: fit(values.agency ?? ''),
    due: fit(values.due ?? ''),
  }).trim();
}

/** Chinese sentences put a space on each side of a Latin name or number (「對 V-2026-0001 的轉介」). */
export function spacedForChinese(language: Language, value: string): string {
  return language === 'zh-Hant' && /^[\x20-\x7e]+$/.test(value) ? ` ${value} ` : value;
}
