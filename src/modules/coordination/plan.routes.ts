import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { IsoDate } from '../cases/cases.schemas.js';
import { useCases } from '../use-case.js';
import { importPlan } from './plan.import.js';
import {
  CorrectiveBody,
  CorrectiveParams,
  CorrectiveView,
  EvidenceBody,
  EvidenceParams,
  ObjectiveBody,
  OverdueItem,
  PlanBody,
  PlanListItem,
  PlanParams,
  PlanView,
  ProgressBody,
  ProgressParams,
  ProgressUpdate,
  ProgressView,
  ReturnBody,
  TaskBody,
  TaskParams,
  TaskQuery,
  TaskSummary,
  TaskUpdate,
  TaskView,
  VersionBody,
} from './plan.schemas.js';
import { planService } from './plan.service.js';
import { progressService } from './progress.service.js';
import { taskSummaries, tasksService } from './tasks.service.js';

// The action plan over HTTP. Everyone who reads the plan sees every task and every report
// once submitted; a draft is its agency's own. Officers report only on tasks their agency
// leads or supports (progress.report, scope agency: decided by progressService on the task);
// the secretariat keeps the plan and validates, never its own reports.

const tags = ['action plan'];
const read = { access: access.permission('plan.read') };
const manage = { access: access.permission('plan.manage') };
const validate = { access: access.permission('progress.validate') };
const report = {
  access: access.byHandler(
    'progress.report',
    "progressService: the task's lead or supporting agency; the report's own agency",
  ),
};
const readReport = {
  access: access.byHandler('plan.read', 'progressService.canSeeProgress: a draft only to its agency'),
};

const ImportBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  format: z.enum(['csv', 'xlsx']),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(1_000_000),
});
const ImportResult = z.object({ planId: z.string(), objectives: z.number(), tasks: z.number() });
const OverdueQuery = z.strictObject({ at: IsoDate.optional() });

function routing(root: FastifyInstance, ctx: AppContext) {
  return { app: root.withTypeProvider<ZodTypeProvider>(), ctx, ...useCases(ctx) };
}
type Routing = ReturnType<typeof routing>;

export function registerPlanRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = routing(root, ctx);
  registerPlanTreeRoutes(r);
  registerTaskRoutes(r);
  registerProgressRoutes(r);
}

function registerPlanTreeRoutes({ app, ctx, db, inTransaction }: Routing): void {
  // --- plans ---

  app.get('/api/v1/plans', { schema: { tags, response: { 200: z.array(PlanListItem) } }, config: read }, () =>
    planService.list(db),
  );
  app.post(
    '/api/v1/plans',
    { schema: { tags, body: PlanBody, response: { 201: z.object({ id: z.string() }) } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => planService.create(uc, request.body))),
  );
  app.post(
    '/api/v1/plans/import',
    { schema: { tags, body: ImportBody, response: { 201: ImportResult } }, config: manage },
    async (request, reply) => {
      const { name, format, contentBase64 } = request.body;
      const result = await inTransaction(request, (uc) =>
        importPlan(uc, name, Buffer.from(contentBase64, 'base64'), format),
      );
      return reply.code(201).send(result);
    },
  );
  app.get(
    '/api/v1/plans/:planId',
    { schema: { tags, params: PlanParams, response: { 200: PlanView } }, config: read },
    (request) => planService.tree(db, request.params.planId, ctx.today()),
  );
  app.post(
    '/api/v1/plans/:planId/objectives',
    {
      schema: {
        tags,
        params: PlanParams,
        body: ObjectiveBody,
        response: { 201: z.object({ id: z.string() }) },
      },
      config: manage,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            planService.addObjective(uc, request.params.planId, request.body),
          ),
        ),
  );
}

function registerTaskRoutes({ app, ctx, db, inTransaction }: Routing): void {
  app.get(
    '/api/v1/tasks',
    { schema: { tags, querystring: TaskQuery, response: { 200: z.array(TaskSummary) } }, config: read },
    (request) => taskSummaries(db, ctx.today(), request.query),
  );
  app.get(
    '/api/v1/tasks/overdue',
    { schema: { tags, querystring: OverdueQuery, response: { 200: z.array(OverdueItem) } }, config: read },
    (request) => tasksService.overdue(db, request.query.at ?? ctx.today()),
  );
  app.post(
    '/api/v1/tasks',
    { schema: { tags, body: TaskBody, response: { 201: TaskSummary } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => tasksService.create(uc, request.body))),
  );
  app.get(
    '/api/v1/tasks/:taskId',
    { schema: { tags, params: TaskParams, response: { 200: TaskView } }, config: read },
    (request) => inTransaction(request, (uc) => planService.taskView(uc, request.params.taskId)),
  );
  app.patch(
    '/api/v1/tasks/:taskId',
    {
      schema: { tags, params: TaskParams, body: TaskUpdate, response: { 200: TaskSummary } },
      config: manage,
    },
    (request) => inTransaction(request, (uc) => tasksService.update(uc, request.params.taskId, request.body)),
  );
  app.post(
    '/api/v1/tasks/:taskId/corrective-actions',
    {
      schema: { tags, params: TaskParams, body: CorrectiveBody, response: { 201: CorrectiveView } },
      config: manage,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            planService.addCorrective(uc, request.params.taskId, request.body),
          ),
        ),
  );
  app.post(
    '/api/v1/corrective-actions/:actionId/complete',
    {
      schema: { tags, params: CorrectiveParams, body: VersionBody, response: { 200: CorrectiveView } },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) =>
        planService.completeCorrective(uc, request.params.actionId, request.body.version),
      ),
  );
}

function registerProgressRoutes({ app, inTransaction }: Routing): void {
  app.post(
    '/api/v1/tasks/:taskId/progress',
    {
      schema: { tags, params: TaskParams, body: ProgressBody, response: { 201: ProgressView } },
      config: report,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            progressService.draft(uc, request.params.taskId, request.body),
          ),
        ),
  );
  app.get(
    '/api/v1/progress/pending',
    { schema: { tags, response: { 200: z.array(ProgressView) } }, config: validate },
    (request) => inTransaction(request, (uc) => progressService.pending(uc)),
  );
  app.get(
    '/api/v1/progress/:progressId',
    { schema: { tags, params: ProgressParams, response: { 200: ProgressView } }, config: readReport },
    (request) => inTransaction(request, (uc) => progressService.get(uc, request.params.progressId)),
  );
  app.patch(
    '/api/v1/progress/:progressId',
    {
      schema: { tags, params: ProgressParams, body: ProgressUpdate, response: { 200: ProgressView } },
      config: report,
    },
    (request) =>
      inTransaction(request, (uc) => progressService.update(uc, request.params.progressId, request.body)),
  );
  app.post(
    '/api/v1/progress/:progressId/submit',
    {
      schema: { tags, params: ProgressParams, body: VersionBody, response: { 200: ProgressView } },
      config: report,
    },
    (request) =>
      inTransaction(request, (uc) =>
        progressService.submit(uc, request.params.progressId, request.body.version),
      ),
  );
  app.post(
    '/api/v1/progress/:progressId/validate',
    {
      schema: { tags, params: ProgressParams, body: VersionBody, response: { 200: ProgressView } },
      config: validate,
    },
    (request) =>
      inTransaction(request, (uc) =>
        progressService.decide(uc, request.params.progressId, request.body, 'validated'),
      ),
  );
  app.post(
    '/api/v1/progress/:progressId/return',
    {
      schema: { tags, params: ProgressParams, body: ReturnBody, response: { 200: ProgressView } },
      config: validate,
    },
    (request) =>
      inTransaction(request, (uc) =>
        progressService.decide(uc, request.params.progressId, request.body, 'returned'),
      ),
  );
  app.post(
    '/api/v1/progress/:progressId/evidence',
    {
      schema: { tags, params: ProgressParams, body: EvidenceBody, response: { 201: ProgressView } },
      config: report,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            progressService.addEvidence(uc, request.params.progressId, request.body),
          ),
        ),
  );
  app.get(
    '/api/v1/progress/:progressId/evidence/:evidenceId',
    { schema: { tags, params: EvidenceParams }, config: readReport },
    async (request, reply) => {
      const file = await inTransaction(request, (uc) =>
        progressService.evidence(uc, request.params.progressId, request.params.evidenceId),
      );
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}
