import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { sendStoredFile } from '../../http/downloads.js';
import { access } from '../../http/route-access.js';
import { IsoDate } from '../cases/cases.schemas.js';
import { declareRoutes, type DeclaredRoutes } from '../declare-routes.js';
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
const read = access.permission('plan.read');
const manage = access.permission('plan.manage');
const validate = access.permission('progress.validate');
const report = access.byHandler(
  'progress.report',
  "progressService: the task's lead or supporting agency; the report's own agency",
);
const readReport = access.byHandler(
  'plan.read',
  'progressService.canSeeProgress: a draft only to its agency',
);
const Created = z.object({ id: z.string() });

const ImportBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  format: z.enum(['csv', 'xlsx']),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(1_000_000),
});
const ImportResult = z.object({ planId: z.string(), objectives: z.number(), tasks: z.number() });
const OverdueQuery = z.strictObject({ at: IsoDate.optional() });

export function registerPlanRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, tags);
  registerPlanTreeRoutes(r);
  registerTaskRoutes(r);
  registerProgressRoutes(r);
}

// The plan's own reads run outside a transaction, as they always have.
const outside = { transaction: false } as const;

function registerPlanTreeRoutes(r: DeclaredRoutes): void {
  r.get('/api/v1/plans', { access: read, response: z.array(PlanListItem), ...outside }, (_request, uc) =>
    planService.list(uc.tx),
  );
  r.create('/api/v1/plans', { access: manage, body: PlanBody, response: Created }, (request, uc) =>
    planService.create(uc, request.body),
  );
  r.create(
    '/api/v1/plans/import',
    { access: manage, body: ImportBody, response: ImportResult },
    (request, uc) => {
      const { name, format, contentBase64 } = request.body;
      return importPlan(uc, name, Buffer.from(contentBase64, 'base64'), format);
    },
  );
  r.get(
    '/api/v1/plans/:planId',
    { access: read, params: PlanParams, response: PlanView, ...outside },
    (request, uc) => planService.tree(uc.tx, request.params.planId, uc.today),
  );
  r.create(
    '/api/v1/plans/:planId/objectives',
    { access: manage, params: PlanParams, body: ObjectiveBody, response: Created },
    (request, uc) => planService.addObjective(uc, request.params.planId, request.body),
  );
}

function registerTaskRoutes(r: DeclaredRoutes): void {
  const task = '/api/v1/tasks/:taskId';
  r.get(
    '/api/v1/tasks',
    { access: read, querystring: TaskQuery, response: z.array(TaskSummary), ...outside },
    (request, uc) => taskSummaries(uc.tx, uc.today, request.query),
  );
  r.get(
    '/api/v1/tasks/overdue',
    { access: read, querystring: OverdueQuery, response: z.array(OverdueItem), ...outside },
    (request, uc) => tasksService.overdue(uc.tx, request.query.at ?? uc.today),
  );
  r.create('/api/v1/tasks', { access: manage, body: TaskBody, response: TaskSummary }, (request, uc) =>
    tasksService.create(uc, request.body),
  );
  r.get(task, { access: read, params: TaskParams, response: TaskView }, (request, uc) =>
    planService.taskView(uc, request.params.taskId),
  );
  r.patch(
    task,
    { access: manage, params: TaskParams, body: TaskUpdate, response: TaskSummary },
    (request, uc) => tasksService.update(uc, request.params.taskId, request.body),
  );
  r.create(
    `${task}/corrective-actions`,
    { access: manage, params: TaskParams, body: CorrectiveBody, response: CorrectiveView },
    (request, uc) => planService.addCorrective(uc, request.params.taskId, request.body),
  );
  r.post(
    '/api/v1/corrective-actions/:actionId/complete',
    { access: manage, params: CorrectiveParams, body: VersionBody, response: CorrectiveView },
    (request, uc) => planService.completeCorrective(uc, request.params.actionId, request.body.version),
  );
}

function registerProgressRoutes(r: DeclaredRoutes): void {
  const one = '/api/v1/progress/:progressId';
  r.create(
    '/api/v1/tasks/:taskId/progress',
    { access: report, params: TaskParams, body: ProgressBody, response: ProgressView },
    (request, uc) => progressService.draft(uc, request.params.taskId, request.body),
  );
  r.get('/api/v1/progress/pending', { access: validate, response: z.array(ProgressView) }, (_request, uc) =>
    progressService.pending(uc),
  );
  r.get(one, { access: readReport, params: ProgressParams, response: ProgressView }, (request, uc) =>
    progressService.get(uc, request.params.progressId),
  );
  r.patch(
    one,
    { access: report, params: ProgressParams, body: ProgressUpdate, response: ProgressView },
    (request, uc) => progressService.update(uc, request.params.progressId, request.body),
  );
  r.post(
    `${one}/submit`,
    { access: report, params: ProgressParams, body: VersionBody, response: ProgressView },
    (request, uc) => progressService.submit(uc, request.params.progressId, request.body.version),
  );
  r.post(
    `${one}/validate`,
    { access: validate, params: ProgressParams, body: VersionBody, response: ProgressView },
    (request, uc) => progressService.decide(uc, request.params.progressId, request.body, 'validated'),
  );
  r.post(
    `${one}/return`,
    { access: validate, params: ProgressParams, body: ReturnBody, response: ProgressView },
    (request, uc) => progressService.decide(uc, request.params.progressId, request.body, 'returned'),
  );
  r.create(
    `${one}/evidence`,
    { access: report, params: ProgressParams, body: EvidenceBody, response: ProgressView },
    (request, uc) => progressService.addEvidence(uc, request.params.progressId, request.body),
  );
  r.app.get(
    `${one}/evidence/:evidenceId`,
    { schema: { tags, params: EvidenceParams }, config: { access: readReport } },
    async (request, reply) => {
      const file = await r.inTransaction(request, (uc) =>
        progressService.evidence(uc, request.params.progressId, request.params.evidenceId),
      );
      return sendStoredFile(reply, file);
    },
  );
}
