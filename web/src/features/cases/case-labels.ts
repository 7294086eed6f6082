import { codeList, type CodeListId } from '../../../../src/core/vocabularies/code-list.registry.js';
import type { AgencyView } from '../../../../src/modules/access/access.schemas.js';
import { committeeToday } from '../../components/format.js';
import { currentLanguage, formattingLocale } from '../../i18n/i18n.js';
import type { LegalQualification } from './cases.api.js';
import { legalReference } from '../../../../src/core/vocabularies/legal-reference.js';

// Words for the codes a case keeps. Code lists carry their own labels in the three
// languages (src/core/vocabularies); these helpers read them in the language on screen,
// so a component that re-renders on a language change (useTranslation) shows the new words.

/** The label of a code; a code the list does not know (retired, or newer than this app) shows as itself. */
export function codeText(listId: CodeListId, code: string | null | undefined): string {
  if (!code) return '';
  const entry = codeList(listId).codes.find((candidate) => candidate.code === code);
  return entry ? entry.label[currentLanguage()] : code;
}

/** Chinese separates the items of a list with the enumeration comma, not with a comma. */
export function listText(items: readonly string[]): string {
  return items.join(currentLanguage() === 'zh-Hant' ? '、' : ', ');
}

export function codeTexts(listId: CodeListId, codes: readonly string[]): string {
  return listText(codes.map((code) => codeText(listId, code)));
}

/** Options for a select of one code list, in the list's own order. */
export function codeOptions(listId: CodeListId): { value: string; label: string }[] {
  const language = currentLanguage();
  return codeList(listId).codes.map((entry) => ({ value: entry.code, label: entry.label[language] }));
}

export function qualificationText(qualifications: readonly LegalQualification[], code: string): string {
  const found = qualifications.find((q) => q.code === code);
  return found ? found.labels[currentLanguage()] : code;
}

/** The legal basis beside the name, e.g. "Penal Code, art. 153-A", "Código Penal, art. 153.º-A", 「《刑法典》第一百五十三條-A」. */
export function qualificationBasis(qualifications: readonly LegalQualification[], code: string): string {
  const found = qualifications.find((q) => q.code === code);
  return found ? legalReference(found.law, found.article, currentLanguage()) : '';
}

/** Options for legal qualifications, named with their legal basis; a retired one only where it is kept. */
export function qualificationOptions(
  qualifications: readonly LegalQualification[],
  keep: readonly string[] = [],
) {
  const language = currentLanguage();
  return qualifications
    .filter((q) => q.active || keep.includes(q.code))
    .map((q) => ({
      value: q.code,
      label: `${q.labels[language]} (${legalReference(q.law, q.article, language)})`,
    }));
}

export function agencyOptions(agencies: readonly AgencyView[], keep: readonly string[] = []) {
  const language = currentLanguage();
  return agencies
    .filter((agency) => agency.active || keep.includes(agency.id))
    .map((agency) => ({ value: agency.id, label: `${agency.code} – ${agency.names[language]}` }));
}

/**
 * A calendar date (yyyy-mm-dd) in the reader's language; it is a day, not an instant, so no time
 * zone moves it. An instant (a date with a time) is shown as the day it fell on in the committee's
 * calendar: a file uploaded at 01:00 in Macao is uploaded that day, not the UTC day before.
 */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const instant = isoDate.length > 10 ? new Date(isoDate) : null;
  if (instant && Number.isNaN(instant.getTime())) return isoDate;
  const day = instant ? committeeToday(instant) : isoDate;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(formattingLocale(currentLanguage()), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

/** A span of days, from its first to its last, both in the reader's language. */
export function formatDateRange(first: string, last: string): string {
  return `${formatDate(first)} – ${formatDate(last)}`;
}

/** Today on the committee's calendar, as the date inputs write it. */
export const today = committeeToday;

/** An amount of money in the local currency, as the courts state it (whole patacas). */
export function formatAmount(amount: number): string {
  return new Intl.NumberFormat(formattingLocale(currentLanguage())).format(amount);
}

/** Optional text inputs send nothing when left empty, never an empty string. */
export function optional(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
