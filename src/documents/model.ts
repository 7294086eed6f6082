import type { Language } from '../core/languages.js';

// The one shape every printable document takes before it becomes DOCX or PDF. Modules build
// it from translated strings (the writers translate nothing), so minutes, summaries and
// responses look alike whatever the format.

/** A piece of text inside a paragraph; plain strings are unstyled runs. */
export type Run = string | { text: string; bold?: boolean; italics?: boolean };

export type Block =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'bullets'; items: Run[][] }
  | {
      kind: 'table';
      /** Column titles, repeated at the top of every page the table spans. Omit for a label/value table. */
      header?: string[];
      rows: string[][];
      /** Relative column widths (e.g. [1, 3]); equal widths when omitted. */
      widths?: number[];
    }
  | { kind: 'pageBreak' };

export type GuiaDocument = {
  /** Decides the document's declared language (PDF /Lang, DOCX w:lang) and East Asian fonts. */
  language: Language;
  title: string;
  subtitle?: string;
  /** Short lines under the title: reference, date, classification. */
  meta?: string[];
  blocks: Block[];
};

/** BCP 47 tags written into the files, so screen readers and spell checkers pick the right language. */
export const languageTag: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-MO', pt: 'pt-PT' };

// Small constructors keep call sites readable: `p('…')`, `h('…')`, `bullets(['…'])`.
export const heading = (text: string, level: 1 | 2 | 3 = 1): Block => ({ kind: 'heading', text, level });
export const paragraph = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
export const bullets = (items: (string | Run[])[]): Block => ({
  kind: 'bullets',
  items: items.map((item) => (typeof item === 'string' ? [item] : item)),
});
export const table = (rows: string[][], options: { header?: string[]; widths?: number[] } = {}): Block => ({
  kind: 'table',
  rows,
  ...options,
});
export const pageBreak = (): Block => ({ kind: 'pageBreak' });

export function runText(run: Run): string {
  return typeof run === 'string' ? run : run.text;
}
