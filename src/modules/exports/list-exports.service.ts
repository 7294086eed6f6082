import { invalid } from '../../core/errors.js';
import type { Sheet } from '../../documents/index.js';
import type { Executor } from '../../db/schema.js';
import { auditFilterOf, auditService } from '../audit/audit.service.js';
import { caseViewService } from '../cases/case-view.js';
import { referralsService } from '../protection/referrals.service.js';
import type { UseCase } from '../use-case.js';
import type { Labels } from './export-labels.js';
import type { AuditExportQuery, CaseExportQuery, InboxExportQuery } from './exports.schemas.js';

// Each export reads its list through the very service the screen's list uses, page after page
// with the same filters and the same actor, so it holds exactly what the list would show the
// caller scrolling to the end — never a row or a column more.

/** More rows than anyone reads; beyond it the caller narrows the filters. */
export const maxExportRows = 20_000;
const page = 200;

async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await fetch(cursor);
    rows.push(...result.items);
    if (rows.length > maxExportRows) throw invalid('format', 'too_many_rows', { limit: maxExportRows });
    cursor = result.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

const listFilters = <Q extends { format: unknown; lang?: unknown }>(query: Q) => {
  const { format: _format, lang: _lang, ...filters } = query;
  return filters;
};

export const listExportsService = {
  async cases(uc: UseCase, query: CaseExportQuery, labels: Labels, caseIdsByName?: string[]): Promise<Sheet> {
    const filters = listFilters(query);
    const items = await allPages((cursor) =>
      caseViewService.list(uc, { ...filters, limit: page, ...(cursor ? { cursor } : {}) }, caseIdsByName),
    );
    const { t } = labels;
    return {
      name: t('cases.sheet'),
      header: [
        'reference',
        'stage',
        'leadAgency',
        'reportDate',
        'registrationDate',
        'exploitation',
        'victims',
        'suspects',
        'member',
      ].map((key) => t(`cases.${key}`)),
      widths: [18, 22, 14, 14, 14, 40, 10, 10, 12],
      rows: items.map((item) => [
        item.reference,
        labels.stage(item.stage),
        item.leadAgency.code,
        item.reportDate,
        item.registrationDate,
        labels.codes('type_of_exploitation', item.exploitationTypes),
        item.victims,
        item.suspects,
        labels.yesNo(item.isMember),
      ]),
    };
  },

  /** The actor's own agency's inbox, without the sender's free-text details (an overview, not the file). */
  async referralInbox(uc: UseCase, query: InboxExportQuery, labels: Labels): Promise<Sheet> {
    const filters = listFilters(query);
    const items = await allPages((cursor) =>
      referralsService.inbox(uc, { ...filters, limit: page, ...(cursor ? { cursor } : {}) }),
    );
    const { t } = labels;
    const keys = [
      'caseReference',
      'pseudonym',
      'fromAgency',
      'serviceKind',
      'reason',
      'status',
      'sentOn',
      'respondedOn',
      'completedOn',
      'withoutConsent',
    ];
    return {
      name: t('referrals.sheet'),
      header: keys.map((key) => t(`referrals.${key}`)),
      widths: [18, 14, 10, 28, 34, 16, 12, 12, 12, 14],
      rows: items.map((item) => [
        item.caseReference,
        item.pseudonym,
        item.fromAgency.code,
        labels.code('service_kind', item.serviceKind),
        labels.code('referral_reason', item.reason),
        labels.cases(`referralStatus.${item.status}`),
        item.sentOn,
        item.respondedOn,
        item.completedOn,
        labels.yesNo(item.sentWithoutConsent),
      ]),
    };
  },

  /** The trail as the audit screen lists it (newest first), the action in words and as its code. */
  async audit(db: Executor, query: AuditExportQuery, labels: Labels): Promise<Sheet> {
    const rows: Awaited<ReturnType<typeof auditService.search>> = [];
    let beforeSeq: number | undefined;
    for (;;) {
      // The same filter as the audit screen's list.
      const batch = await auditService.search(
        db,
        auditFilterOf(query, { ...(beforeSeq !== undefined ? { beforeSeq } : {}), limit: 500 }),
      );
      rows.push(...batch);
      if (rows.length > maxExportRows) throw invalid('format', 'too_many_rows', { limit: maxExportRows });
      if (batch.length < 500) break;
      beforeSeq = batch.at(-1)!.seq;
    }
    const { t } = labels;
    const keys = [
      'seq',
      'at',
      'action',
      'actionCode',
      'actor',
      'actorAgency',
      'entityType',
      'entityId',
      'details',
    ];
    return {
      name: t('audit.sheet'),
      header: keys.map((key) => t(`audit.${key}`)),
      widths: [8, 24, 36, 28, 28, 10, 16, 38, 60],
      rows: rows.map((row) => [
        row.seq,
        row.at,
        labels.common(`auditAction.${row.action}`),
        row.action,
        row.actor_name ?? row.actor_email ?? row.actor_label,
        row.actor_agency_code,
        row.entity_type,
        row.entity_id,
        row.summary === 'null' ? '' : row.summary,
      ]),
    };
  },
};
