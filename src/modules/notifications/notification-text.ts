import en from '../../../locales/en/notifications.json' with { type: 'json' };
import pt from '../../../locales/pt/notifications.json' with { type: 'json' };
import zhHant from '../../../locales/zh-Hant/notifications.json' with { type: 'json' };
import { messagesOf } from '../../core/catalogues.js';
import type { Language } from '../../core/languages.js';
import type { NotificationKind } from './notification-kinds.js';
import type { NotificationValues } from './notifications.schemas.js';

// The server speaks notifications from the catalogue the web app reads (namespace
// `notifications`): the e-mail digest and the page say the same thing in the same words.

const messages = messagesOf({ en, 'zh-Hant': zhHant, pt });

/** A message of the `notifications` catalogue in a language (English, then the key, when missing). */
export function notificationMessage(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
): string {
  return messages(language, key, params);
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
