import { currentLanguage, formattingLocale } from '../i18n/i18n.js';

/** A date and time in the reader's language and the browser's time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(currentLanguage()), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
