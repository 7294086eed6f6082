import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { useCases } from '../use-case.js';
import {
  AssessmentBody,
  AssessmentListQuery,
  AssessmentParams,
  AssessmentSummary,
  AssessmentUpdate,
  AssessmentView,
  BoardQuery,
  ClaimCheckView,
  ClaimParams,
  ClaimUpdate,
  ClaimView,
  DiscrepancyList,
  DiscrepancyQuery,
  EvidenceBody,
  EvidenceParams,
  EvidenceView,
  IndiciumParams,
  IndiciumUpdate,
  LinkSuggestion,
  RecommendationCard,
  RecommendationParams,
  RecommendationUpdate,
  RecommendationView,
  ResponsePointBody,
  ResponsePointParams,
  ResponsePreview,
  ResponseQuery,
  ResponseTextView,
  ReviewedSplit,
  SelfAssessmentView,
  SourceBody,
  SourceView,
  SplitProposal,
  SplitRequest,
  StatusChange,
  SubmissionBody,
  SubmissionFileBody,
  SubmissionFileParams,
  SubmissionParams,
  SubmissionQuery,
  SubmissionUpdate,
  SubmissionView,
  TierHistoryQuery,
  TierHistoryView,
} from './assessments.schemas.js';
import { assessmentsRepo } from './assessments.repo.js';
import { assessmentsService as assessments } from './assessments.service.js';
import { claimCheckService as claims } from './claim-check.service.js';
import { evidenceService as evidence } from './evidence.service.js';
import { narrativeSplitService, proposeSplit } from './narrative-split.service.js';
import { recommendationsService as recommendations } from './recommendations.service.js';
import { renderResponse } from './response.document.js';
import { responseService as responses } from './response.service.js';
import { selfAssessmentService as selfAssessment } from './self-assessment.service.js';
import { submissionsService as submissions } from './submissions.service.js';

// External assessments are public documents read by the agencies, supervisors and analysts
// (`assessment.read`) and kept by the secretariat (`assessment.manage`). Two decisions are the
// handler's: an agency officer adds evidence to a recommendation its agency is responsible for,
// and whoever added evidence may remove it. Case references inside are need-to-know whatever
// the grant (readable-cases.ts).

const tags = ['assessments'];
const read = { access: access.permission('assessment.read') };
const manage = { access: access.permission('assessment.manage') };
const addEvidence = {
  access: access.byHandler(
    'assessment.read',
    'assessment.manage, or an officer of an agency responsible for the recommendation',
  ),
};
const base = '/api/v1/assessments';
const formats = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

function routing(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  return { app, ...useCases(ctx) };
}
type Routing = ReturnType<typeof routing>;

export function registerAssessmentsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = routing(root, ctx);
  registerAssessmentRoutes(r);
  registerRecommendationRoutes(r);
  registerClaimRoutes(r);
  registerSubmissionRoutes(r);
  registerResponseRoutes(r);
}

function registerAssessmentRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${base}/sources`,
    { schema: { tags, response: { 200: z.array(SourceView) } }, config: read },
    (request) => inTransaction(request, (uc) => assessments.sources(uc)),
  );
  app.post(
    `${base}/sources`,
    { schema: { tags, body: SourceBody, response: { 201: SourceView } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => assessments.createSource(uc, request.body))),
  );
  app.get(
    base,
    {
      schema: { tags, querystring: AssessmentListQuery, response: { 200: z.array(AssessmentSummary) } },
      config: read,
    },
    (request) => inTransaction(request, (uc) => assessments.list(uc, request.query)),
  );
  app.post(
    base,
    { schema: { tags, body: AssessmentBody, response: { 201: AssessmentView } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => assessments.create(uc, request.body))),
  );
  app.get(
    `${base}/tiers`,
    { schema: { tags, querystring: TierHistoryQuery, response: { 200: TierHistoryView } }, config: read },
    (request) => inTransaction(request, (uc) => assessments.tierHistory(uc, request.query.jurisdiction)),
  );
  // Proposes a split of a pasted narrative for review; nothing is written.
  app.post(
    `${base}/split`,
    { schema: { tags, body: SplitRequest, response: { 200: SplitProposal } }, config: manage },
    async (request) => proposeSplit(request.body),
  );
  app.get(
    `${base}/:id`,
    { schema: { tags, params: AssessmentParams, response: { 200: AssessmentView } }, config: read },
    (request) => inTransaction(request, (uc) => assessments.get(uc, request.params.id)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: { tags, params: AssessmentParams, body: AssessmentUpdate, response: { 200: AssessmentView } },
      config: manage,
    },
    (request) => inTransaction(request, (uc) => assessments.update(uc, request.params.id, request.body)),
  );
  app.put(
    `${base}/:id/split`,
    {
      schema: { tags, params: AssessmentParams, body: ReviewedSplit, response: { 200: AssessmentView } },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) => narrativeSplitService.save(uc, request.params.id, request.body)),
  );
  app.get(
    `${base}/:id/self-assessment`,
    { schema: { tags, params: AssessmentParams, response: { 200: SelfAssessmentView } }, config: read },
    (request) => inTransaction(request, (uc) => selfAssessment.get(uc, request.params.id)),
  );
  app.put(
    `${base}/:id/self-assessment/:indicium`,
    {
      schema: { tags, params: IndiciumParams, body: IndiciumUpdate, response: { 200: SelfAssessmentView } },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) =>
        selfAssessment.setGaps(uc, request.params.id, request.params.indicium, request.body),
      ),
  );
  app.post(
    `${base}/:id/self-assessment/:indicium/evidence`,
    {
      schema: { tags, params: IndiciumParams, body: EvidenceBody, response: { 201: EvidenceView } },
      config: manage,
    },
    async (request, reply) => {
      const target = { owner: 'indicium' as const, id: request.params.id, indicium: request.params.indicium };
      return reply
        .code(201)
        .send(await inTransaction(request, (uc) => evidence.add(uc, target, request.body)));
    },
  );
  app.delete(
    `${base}/evidence/:evidenceId`,
    {
      schema: { tags, params: EvidenceParams },
      config: {
        access: access.byHandler('assessment.read', 'assessment.manage, or whoever added the evidence'),
      },
    },
    async (request, reply) => {
      await inTransaction(request, (uc) => evidence.remove(uc, request.params.evidenceId));
      return reply.code(204).send();
    },
  );
}

function registerRecommendationRoutes({ app, inTransaction }: Routing): void {
  const one = `${base}/recommendations/:recommendationId`;
  app.get(
    `${base}/recommendations`,
    {
      schema: { tags, querystring: BoardQuery, response: { 200: z.array(RecommendationCard) } },
      config: read,
    },
    (request) => inTransaction(request, (uc) => recommendations.board(uc, request.query)),
  );
  app.get(
    one,
    { schema: { tags, params: RecommendationParams, response: { 200: RecommendationView } }, config: read },
    (request) => inTransaction(request, (uc) => recommendations.get(uc, request.params.recommendationId)),
  );
  app.patch(
    one,
    {
      schema: {
        tags,
        params: RecommendationParams,
        body: RecommendationUpdate,
        response: { 200: RecommendationView },
      },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) =>
        recommendations.update(uc, request.params.recommendationId, request.body),
      ),
  );
  app.post(
    `${one}/status`,
    {
      schema: {
        tags,
        params: RecommendationParams,
        body: StatusChange,
        response: { 200: RecommendationView },
      },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) =>
        recommendations.changeStatus(uc, request.params.recommendationId, request.body),
      ),
  );
  app.get(
    `${one}/suggestions`,
    {
      schema: { tags, params: RecommendationParams, response: { 200: z.array(LinkSuggestion) } },
      config: read,
    },
    (request) =>
      inTransaction(request, (uc) => recommendations.suggestions(uc, request.params.recommendationId)),
  );
  app.post(
    `${one}/evidence`,
    {
      schema: { tags, params: RecommendationParams, body: EvidenceBody, response: { 201: EvidenceView } },
      config: addEvidence,
    },
    async (request, reply) => {
      const target = { owner: 'recommendation' as const, id: request.params.recommendationId };
      return reply
        .code(201)
        .send(await inTransaction(request, (uc) => evidence.add(uc, target, request.body)));
    },
  );
}

function registerClaimRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${base}/:id/claim-check`,
    { schema: { tags, params: AssessmentParams, response: { 200: ClaimCheckView } }, config: read },
    (request) => inTransaction(request, (uc) => claims.check(uc, request.params.id)),
  );
  app.get(
    `${base}/discrepancies`,
    { schema: { tags, querystring: DiscrepancyQuery, response: { 200: DiscrepancyList } }, config: read },
    (request) => inTransaction(request, (uc) => claims.discrepancies(uc, request.query.jurisdiction)),
  );
  app.patch(
    `${base}/claims/:claimId`,
    {
      schema: { tags, params: ClaimParams, body: ClaimUpdate, response: { 200: ClaimView } },
      config: manage,
    },
    (request) => inTransaction(request, (uc) => claims.update(uc, request.params.claimId, request.body)),
  );
  app.post(
    `${base}/claims/:claimId/evidence`,
    {
      schema: { tags, params: ClaimParams, body: EvidenceBody, response: { 201: EvidenceView } },
      config: manage,
    },
    async (request, reply) => {
      const target = { owner: 'claim' as const, id: request.params.claimId };
      return reply
        .code(201)
        .send(await inTransaction(request, (uc) => evidence.add(uc, target, request.body)));
    },
  );
}

function registerSubmissionRoutes({ app, inTransaction }: Routing): void {
  const one = `${base}/submissions/:submissionId`;
  app.get(
    `${base}/submissions`,
    {
      schema: { tags, querystring: SubmissionQuery, response: { 200: z.array(SubmissionView) } },
      config: read,
    },
    (request) => inTransaction(request, (uc) => submissions.list(uc, request.query)),
  );
  app.post(
    `${base}/submissions`,
    { schema: { tags, body: SubmissionBody, response: { 201: SubmissionView } }, config: manage },
    async (request, reply) =>
      reply.code(201).send(await inTransaction(request, (uc) => submissions.record(uc, request.body))),
  );
  app.patch(
    one,
    {
      schema: { tags, params: SubmissionParams, body: SubmissionUpdate, response: { 200: SubmissionView } },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) => submissions.update(uc, request.params.submissionId, request.body)),
  );
  app.post(
    `${one}/files`,
    {
      schema: { tags, params: SubmissionParams, body: SubmissionFileBody, response: { 201: SubmissionView } },
      config: manage,
      // A file of up to 5 MB, base64 in JSON.
      bodyLimit: 8 * 1024 * 1024,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(request, (uc) =>
            submissions.addFile(uc, request.params.submissionId, request.body),
          ),
        ),
  );
  app.get(
    `${one}/files/:fileId`,
    { schema: { tags, params: SubmissionFileParams }, config: read },
    async (request, reply) => {
      const file = await inTransaction(request, (uc) =>
        submissions.file(uc, request.params.submissionId, request.params.fileId),
      );
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}

function registerResponseRoutes({ app, inTransaction }: Routing): void {
  app.get(
    `${base}/:id/response`,
    {
      schema: {
        tags,
        params: AssessmentParams,
        querystring: ResponseQuery,
        response: { 200: ResponsePreview },
      },
      config: read,
    },
    (request) =>
      inTransaction(request, (uc) => responses.preview(uc, request.params.id, request.query.language)),
  );
  app.put(
    `${base}/:id/response/points/:targetId`,
    {
      schema: {
        tags,
        params: ResponsePointParams,
        body: ResponsePointBody,
        response: { 200: ResponseTextView },
      },
      config: manage,
    },
    (request) =>
      inTransaction(request, (uc) =>
        responses.saveText(uc, request.params.id, request.params.targetId, request.body),
      ),
  );
  app.get(
    `${base}/:id/response.:format`,
    {
      schema: {
        tags,
        params: AssessmentParams.extend({ format: z.enum(['docx', 'pdf']) }),
        querystring: ResponseQuery,
        produces: [formats.docx, formats.pdf],
      },
      config: read,
    },
    async (request, reply) => {
      const { id, format } = request.params;
      const { preview, sourceName } = await inTransaction(request, async (uc) => {
        const preview = await responses.preview(uc, id, request.query.language);
        const assessment = (await assessmentsRepo.get(uc.tx, id))!;
        return { preview, sourceName: (await assessmentsRepo.source(uc.tx, assessment.source_id))!.name };
      });
      const file = await renderResponse(preview, sourceName, format);
      return reply
        .type(formats[format])
        .header(
          'content-disposition',
          `attachment; filename="response-${preview.jurisdiction}-${preview.year}-${preview.language}.${format}"`,
        )
        .send(file);
    },
  );
}
