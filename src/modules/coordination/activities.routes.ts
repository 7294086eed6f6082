import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { useCases } from '../use-case.js';
import {
  ActivityGrid,
  ActivityReportBody,
  ActivityReportParams,
  ActivityReportView,
  ActivityTotalsView,
  GridQuery,
  TotalsQuery,
} from './activities.schemas.js';
import { activitiesService as activities, activityTotals, assertMayReport } from './activities.service.js';

// Activity figures: everyone with `activity.read` sees every agency's figures (the grid is
// the committee's shared picture); writing needs `activity.report` reaching the agency in
// the URL, which the service decides (an officer: their own agency only).

const tags = ['activities'];

export function registerActivitiesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, inTransaction } = useCases(ctx);
  const read = { access: access.permission('activity.read') };

  app.get(
    '/api/v1/activities/grid',
    { schema: { tags, querystring: GridQuery, response: { 200: ActivityGrid } }, config: read },
    (request) => inTransaction(request, (uc) => activities.grid(uc, request.query.period)),
  );

  app.get(
    '/api/v1/activities/totals',
    { schema: { tags, querystring: TotalsQuery, response: { 200: ActivityTotalsView } }, config: read },
    (request) =>
      activityTotals(db, {
        periodKind: request.query.kind,
        from: request.query.from,
        to: request.query.to,
        ...(request.query.agencyId ? { agencyId: request.query.agencyId } : {}),
      }),
  );

  app.get(
    '/api/v1/activities/reports/:period/:agencyId',
    {
      schema: { tags, params: ActivityReportParams, response: { 200: ActivityReportView } },
      config: read,
    },
    (request) =>
      inTransaction(request, (uc) => activities.get(uc, request.params.period, request.params.agencyId)),
  );

  app.put(
    '/api/v1/activities/reports/:period/:agencyId',
    {
      schema: {
        tags,
        params: ActivityReportParams,
        body: ActivityReportBody,
        response: { 200: ActivityReportView },
      },
      config: {
        access: access.byHandler('activity.report', 'activitiesService.report: the agency in the URL'),
      },
      // The agency is in the URL: another agency's officer is refused before the body is read.
      preValidation: async (request) =>
        assertMayReport(actorOf(request), (request.params as { agencyId?: string }).agencyId ?? ''),
    },
    (request) =>
      inTransaction(request, (uc) =>
        activities.report(uc, request.params.period, request.params.agencyId, request.body),
      ),
  );
}
