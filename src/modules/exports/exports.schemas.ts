import { z } from 'zod';
import { languages } from '../../core/languages.js';
import { AuditQuery } from '../audit/audit.schemas.js';
import { CaseListQuery, revealPurposes } from '../cases/cases.schemas.js';
import { InboxQuery } from '../protection/protection.schemas.js';

// An export takes exactly the filters of the list it exports (so it can never reach further
// than the list), minus paging, plus the file format and optionally the language to write in.

const exportOptions = {
  format: z.enum(['csv', 'xlsx']),
  /** The language of the headings and labels; the reader's own when omitted. */
  lang: z.enum(languages).optional(),
};

export const CaseExportQuery = CaseListQuery.omit({ cursor: true, limit: true }).extend(exportOptions);
export type CaseExportQuery = z.infer<typeof CaseExportQuery>;

export const InboxExportQuery = InboxQuery.omit({ cursor: true, limit: true }).extend(exportOptions);
export type InboxExportQuery = z.infer<typeof InboxExportQuery>;

export const AuditExportQuery = AuditQuery.omit({ before: true, limit: true }).extend(exportOptions);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const CaseSummaryQuery = z.strictObject({
  lang: z.enum(languages).optional(),
  /**
   * Asks for identities, giving the reason as for any reveal. They are printed only for a
   * reader who may reveal them (each reveal audited); anyone else gets pseudonyms.
   */
  purpose: z.enum(revealPurposes).optional(),
});
export type CaseSummaryQuery = z.infer<typeof CaseSummaryQuery>;

/** The victim summary shows the identity: it is asked for with a purpose, like any reveal. */
export const VictimSummaryQuery = z.strictObject({
  lang: z.enum(languages).optional(),
  purpose: z.enum(revealPurposes),
});
export type VictimSummaryQuery = z.infer<typeof VictimSummaryQuery>;
