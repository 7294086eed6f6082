import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { presentedResponse } from '../../http/presented-response.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { cachedDashboards, kindCatalogue, queryIndicator } from './indicators.service.js';
import { exportFile } from './statistics.export.js';
import { importFile } from './statistics.import.js';
import { indicatorsRepo } from './indicators.repo.js';
import { reportFile } from './report.document.js';
import { yearlyReport } from './report.service.js';
import {
  Dashboard,
  DashboardQuery,
  DatasetList,
  ExportParams,
  ExportQuery,
  ImportQuery,
  ImportReport,
  IndicatorQuery,
  IndicatorResult,
  KindCatalogue,
  ReportFileParams,
  ReportFileQuery,
  ReportQuery,
  YearlyReport,
} from './statistics.schemas.js';

// Statistics: analysts and the secretariat (`statistics.read`) get counts, never a record.
// Importing a file and exporting record-level files (HTCDS, CTDC: one row per victim, without
// identity) is `statistics.import` (the secretariat); GLOTIP tables are counts and need only
// `statistics.read`, which the handler checks per layout.

const tags = ['statistics'];
const read = { access: access.permission('statistics.read') };
const MAX_UPLOAD = 64 * 1024 * 1024;

export function registerStatisticsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  // Answers kept by the aggregates' version, which every writer changes (indicators.service.ts).
  const dashboards = cachedDashboards();

  app.get(
    '/api/v1/statistics/kinds',
    { schema: { tags, response: { 200: KindCatalogue } }, config: read },
    async () => kindCatalogue(),
  );

  app.get(
    '/api/v1/statistics/indicators',
    { schema: { tags, querystring: IndicatorQuery, response: { 200: IndicatorResult } }, config: read },
    (request) => queryIndicator(db, request.query),
  );

  app.get(
    '/api/v1/statistics/dashboard',
    {
      schema: { tags, querystring: DashboardQuery, response: { 200: Dashboard } },
      // Counts assembled field by field: written as built (checked under the tests).
      serializerCompiler: presentedResponse,
      config: read,
    },
    (request) => dashboards(db, request.query),
  );

  // The secretariat's yearly report: the published figures of one calendar year or TIP period,
  // and the same as a PDF in the reader's language, a workbook or CSV.
  app.get(
    '/api/v1/statistics/report',
    { schema: { tags, querystring: ReportQuery, response: { 200: YearlyReport } }, config: read },
    (request) => yearlyReport(db, request.query),
  );

  app.get(
    '/api/v1/statistics/report/:format',
    { schema: { tags, params: ReportFileParams, querystring: ReportFileQuery }, config: read },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const report = await yearlyReport(db, query);
      const file = await reportFile(report, request.params.format, lang ?? request.language, ctx.today());
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/statistics/datasets',
    { schema: { tags, response: { 200: DatasetList } }, config: read },
    async () =>
      (await indicatorsRepo.datasets(db)).map((d) => ({
        name: d.name,
        format: d.format,
        sha256: d.sha256,
        rows: d.rows,
        importedAt: d.imported_at,
      })),
  );

  app.register(async (scope) => {
    // The file is the body, as sent (CSV text or an XLSX workbook), whatever its declared type:
    // JSON parsed by the default parser once reached the import as nested arrays (fuzzing sent
    // 100,000 levels, and turning them into text overflowed the stack).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_r, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/statistics/imports',
      {
        // A refused file answers 400 with its report; a bad query, 400 problem+json.
        schema: { tags, querystring: ImportQuery, response: { 200: ImportReport, 400: z.looseObject({}) } },
        config: { access: access.permission('statistics.import') },
        bodyLimit: MAX_UPLOAD,
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const report = await importFile(db, {
          format: request.query.format,
          type: request.query.type,
          content: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          dataset: request.query.dataset,
          actor: { userId: actor.userId, agencyId: actor.agencyId, label: actor.label },
        });
        return reply.code(report.problems.length > 0 ? 400 : 200).send(report);
      },
    );
  });

  app.get(
    '/api/v1/statistics/exports/:layout',
    {
      schema: { tags, params: ExportParams, querystring: ExportQuery },
      config: {
        access: access.byHandler(
          'statistics.read',
          'record-level layouts (htcds, ctdc) need statistics.import',
        ),
      },
    },
    async (request, reply) => {
      const file = await exportFile(db, actorOf(request), request.params.layout, request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );
}
