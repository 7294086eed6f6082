import { currentLanguage, formattingLocale } from '../i18n/i18n.js';

// One rule for time: the committee's calendar decides what day it is (GUIA_TIME_ZONE, given
// by the server with the session), so an officer in another time zone, or a laptop left on
// another zone's clock, sees the same dates and "today" as the server that checks them.
let committeeTimeZone: string | undefined;

/** Called with every session view: from then on instants are shown in the committee's time zone. */
export function setCommitteeTimeZone(timeZone: string): void {
  committeeTimeZone = timeZone;
}

/** A date and time in the reader's language and the committee's time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(currentLanguage()), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(committeeTimeZone ? { timeZone: committeeTimeZone } : {}),
  }).format(new Date(iso));
}

/** Today (yyyy-mm-dd) on the committee's calendar, as the date inputs write it. */
export function committeeToday(now = new Date()): string {
  // en-CA writes dates as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(committeeTimeZone ? { timeZone: committeeTimeZone } : {}),
  }).format(now);
}
