import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Language } from '../../core/languages.js';
import { sheetToCsv, toPdf, toXlsx, type GuiaDocument, type Sheet } from '../../documents/index.js';
import type { AppContext } from '../../http/context.js';
import { access, caseGrantOf, personGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { authorize } from '../access/access.policy.js';
import { asCode, asId, asIsoDate } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { CaseIdParams } from '../cases/cases.schemas.js';
import { identitiesService } from '../cases/identities.service.js';
import { useCases, type UseCase } from '../use-case.js';
import { caseSummaryService } from './case-summary.service.js';
import { labelsFor, type Labels } from './export-labels.js';
import { VictimParams } from '../protection/protection.schemas.js';
import {
  AuditExportQuery,
  CaseExportQuery,
  CaseSummaryQuery,
  InboxExportQuery,
  VictimSummaryQuery,
} from './exports.schemas.js';
import { victimSummaryService } from './victim-summary.service.js';
import { listExportsService as lists } from './list-exports.service.js';

// Exports of the case list, the referral inbox and the audit trail, and the printable case
// summary. Each export declares the same access as the list it exports and reads it through
// the list's own service (list-exports.service.ts); each is audited in the transaction that
// reads it, so an export that is not recorded is not sent.

const tags = ['exports'];
const mime = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

async function sendSheet(
  reply: FastifyReply,
  sheet: Sheet,
  format: 'csv' | 'xlsx',
  fileName: string,
  today: string,
): Promise<FastifyReply> {
  const body = format === 'csv' ? Buffer.from(sheetToCsv(sheet), 'utf8') : await toXlsx([sheet]);
  return reply
    .header('content-type', mime[format])
    .header('content-disposition', `attachment; filename="${fileName}-${today}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** A print, shown in the browser (inline) and never cached. */
async function sendPdf(reply: FastifyReply, doc: GuiaDocument, fileName: string): Promise<FastifyReply> {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${fileName}.pdf"`)
    .header('cache-control', 'no-store')
    .send(await toPdf(doc));
}

const languageOf = (request: FastifyRequest, lang: Language | undefined): Language =>
  lang ?? request.language;

export function registerExportRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { inTransaction } = useCases(ctx);

  app.get(
    '/api/v1/cases/export',
    { schema: { tags, querystring: CaseExportQuery }, config: { access: access.permission('case.read') } },
    async (request, reply) => {
      const q = request.query;
      const labels = labelsFor(languageOf(request, q.lang));
      // As on the list: searching by name is for those who may see names, and is audited.
      if (q.name) authorize(actorOf(request), 'person.reveal');
      const { sheet, today } = await inTransaction(request, async (uc) => {
        const byName = q.name ? await identitiesService.caseIdsByName(uc, q.name) : undefined;
        const sheet = await lists.cases(uc, q, labels, byName);
        await auditService.record(uc.tx, uc.actor, 'export.cases', {
          summary: {
            format: q.format,
            language: labels.language,
            rows: sheet.rows.length,
            ...(q.stage ? { stage: q.stage } : {}),
            ...(q.agencyId ? { agencyId: asId(q.agencyId) } : {}),
            ...(q.year ? { year: q.year } : {}),
            ...(q.exploitationType ? { exploitationType: asCode(q.exploitationType) } : {}),
            byReference: Boolean(q.reference),
            byName: Boolean(q.name),
          },
        });
        return { sheet, today: uc.today };
      });
      return sendSheet(reply, sheet, q.format, 'cases', today);
    },
  );

  app.get(
    '/api/v1/referrals/inbox/export',
    {
      schema: { tags, querystring: InboxExportQuery },
      config: { access: access.permission('referral.respond') },
    },
    async (request, reply) => {
      const q = request.query;
      const labels = labelsFor(languageOf(request, q.lang));
      const { sheet, today } = await inTransaction(request, async (uc) => {
        const sheet = await lists.referralInbox(uc, q, labels);
        await auditService.record(uc.tx, uc.actor, 'export.referrals', {
          summary: {
            format: q.format,
            language: labels.language,
            rows: sheet.rows.length,
            ...(q.status ? { status: asCode(q.status) } : {}),
          },
        });
        return { sheet, today: uc.today };
      });
      return sendSheet(reply, sheet, q.format, 'referrals', today);
    },
  );

  app.get(
    '/api/v1/audit/export',
    { schema: { tags, querystring: AuditExportQuery }, config: { access: access.permission('audit.read') } },
    async (request, reply) => {
      authorize(actorOf(request), 'audit.read');
      const q = request.query;
      const labels = labelsFor(languageOf(request, q.lang));
      const { sheet, today } = await inTransaction(request, async (uc) => {
        // Read before the export's own entry is written: the file is the trail as it stood.
        const sheet = await lists.audit(uc.tx, q, labels);
        await auditService.record(uc.tx, uc.actor, 'export.audit', {
          summary: {
            format: q.format,
            language: labels.language,
            rows: sheet.rows.length,
            ...(q.action ? { action: asCode(q.action) } : {}),
            ...(q.actorId ? { actorId: asId(q.actorId) } : {}),
            byRecord: Boolean(q.entityId),
            ...(q.from ? { from: asIsoDate(q.from) } : {}),
            ...(q.to ? { to: asIsoDate(q.to) } : {}),
          },
        });
        return { sheet, today: uc.today };
      });
      return sendSheet(reply, sheet, q.format, 'audit-trail', today);
    },
  );

  /** A printable summary, written in the language asked for in the transaction that audits its reveals. */
  async function sendSummary(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language | undefined,
    fileName: string,
    write: (uc: UseCase, labels: Labels) => Promise<GuiaDocument>,
  ): Promise<FastifyReply> {
    const labels = labelsFor(languageOf(request, lang));
    return sendPdf(reply, await inTransaction(request, (uc) => write(uc, labels)), fileName);
  }

  app.get(
    '/api/v1/cases/:id/summary.pdf',
    {
      schema: { tags, params: CaseIdParams, querystring: CaseSummaryQuery },
      config: { access: access.onCase('read') },
    },
    (request, reply) => {
      const grant = caseGrantOf(request);
      return sendSummary(request, reply, request.query.lang, 'case-summary', (uc, labels) =>
        caseSummaryService.document(uc, grant, labels, request.query.purpose),
      );
    },
  );

  app.get(
    '/api/v1/cases/:id/people/:casePersonId/summary.pdf',
    {
      schema: { tags, params: VictimParams, querystring: VictimSummaryQuery },
      config: { access: access.onPerson('reveal') },
    },
    (request, reply) => {
      const grant = personGrantOf(request);
      return sendSummary(request, reply, request.query.lang, 'victim-summary', (uc, labels) =>
        victimSummaryService.document(uc, grant, labels, request.query.purpose),
      );
    },
  );
}
