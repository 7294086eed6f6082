import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { declareRoutes } from '../declare-routes.js';
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

export function registerActivitiesRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['activities']);
  const read = access.permission('activity.read');
  const report = '/api/v1/activities/reports/:period/:agencyId';

  r.get(
    '/api/v1/activities/grid',
    { access: read, querystring: GridQuery, response: ActivityGrid },
    (request, uc) => activities.grid(uc, request.query.period),
  );

  r.get(
    '/api/v1/activities/totals',
    { access: read, querystring: TotalsQuery, response: ActivityTotalsView, transaction: false },
    (request, uc) =>
      activityTotals(uc.tx, {
        periodKind: request.query.kind,
        from: request.query.from,
        to: request.query.to,
        ...(request.query.agencyId ? { agencyId: request.query.agencyId } : {}),
      }),
  );

  r.get(report, { access: read, params: ActivityReportParams, response: ActivityReportView }, (request, uc) =>
    activities.get(uc, request.params.period, request.params.agencyId),
  );

  r.put(
    report,
    {
      access: access.byHandler('activity.report', 'activitiesService.report: the agency in the URL'),
      params: ActivityReportParams,
      body: ActivityReportBody,
      response: ActivityReportView,
      // The agency is in the URL: another agency's officer is refused before the body is read.
      preValidation: async (request) =>
        assertMayReport(actorOf(request), (request.params as { agencyId?: string }).agencyId ?? ''),
    },
    (request, uc) => activities.report(uc, request.params.period, request.params.agencyId, request.body),
  );
}
