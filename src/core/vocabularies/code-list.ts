import type { LocalizedLabel } from './localized-label.js';

/**
 * One concept of a code list. Guia stores `code` (snake_case, never shown to people) and maps to the
 * standards only at import and export.
 */
export type Code = {
  code: string;
  label: LocalizedLabel;
  /** The HTCDS 2.0 value name; several codes may share one, the first of them is the import target. */
  htcds?: string;
  /** Other spellings met in HTCDS files, accepted on import only (the standard itself misspells some). */
  htcdsAliases?: readonly string[];
  /** The CTDC value, or the CTDC flag column set to 1 for this code. */
  ctdc?: string;
};

export type CodeList = {
  id: string;
  version: string;
  /** The HTCDS field the list maps to, when there is one. */
  htcdsField?: string;
  /** Written on HTCDS export for a code with no HTCDS value of its own (usually "Other"). */
  htcdsFallback?: string;
  codes: readonly Code[];
};

/** The code strings of a list declared `as const`, e.g. `CodeOf<typeof AGENCY_KIND>`. */
export type CodeOf<List extends { codes: readonly { code: string }[] }> = List['codes'][number]['code'];
