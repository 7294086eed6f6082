import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { sendDocument, sendStoredFile } from '../../http/downloads.js';
import { access } from '../../http/route-access.js';
import { declareRoutes, type DeclaredRoutes } from '../declare-routes.js';
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
const read = access.permission('assessment.read');
const manage = access.permission('assessment.manage');
const addEvidence = access.byHandler(
  'assessment.read',
  'assessment.manage, or an officer of an agency responsible for the recommendation',
);
const base = '/api/v1/assessments';
const formats = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export function registerAssessmentsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, tags);
  registerAssessmentRoutes(r);
  registerRecommendationRoutes(r);
  registerClaimRoutes(r);
  registerSubmissionRoutes(r);
  registerResponseRoutes(r);
}

function registerAssessmentRoutes(r: DeclaredRoutes): void {
  const one = `${base}/:id`;
  const indicium = `${one}/self-assessment/:indicium`;
  r.get(`${base}/sources`, { access: read, response: z.array(SourceView) }, (_request, uc) =>
    assessments.sources(uc),
  );
  r.create(`${base}/sources`, { access: manage, body: SourceBody, response: SourceView }, (request, uc) =>
    assessments.createSource(uc, request.body),
  );
  r.get(
    base,
    { access: read, querystring: AssessmentListQuery, response: z.array(AssessmentSummary) },
    (request, uc) => assessments.list(uc, request.query),
  );
  r.create(base, { access: manage, body: AssessmentBody, response: AssessmentView }, (request, uc) =>
    assessments.create(uc, request.body),
  );
  r.get(
    `${base}/tiers`,
    { access: read, querystring: TierHistoryQuery, response: TierHistoryView },
    (request, uc) => assessments.tierHistory(uc, request.query.jurisdiction),
  );
  // Proposes a split of a pasted narrative for review; nothing is written.
  r.app.post(
    `${base}/split`,
    { schema: { tags, body: SplitRequest, response: { 200: SplitProposal } }, config: { access: manage } },
    async (request) => proposeSplit(request.body),
  );
  r.get(one, { access: read, params: AssessmentParams, response: AssessmentView }, (request, uc) =>
    assessments.get(uc, request.params.id),
  );
  r.patch(
    one,
    { access: manage, params: AssessmentParams, body: AssessmentUpdate, response: AssessmentView },
    (request, uc) => assessments.update(uc, request.params.id, request.body),
  );
  r.put(
    `${one}/split`,
    { access: manage, params: AssessmentParams, body: ReviewedSplit, response: AssessmentView },
    (request, uc) => narrativeSplitService.save(uc, request.params.id, request.body),
  );
  r.get(
    `${one}/self-assessment`,
    { access: read, params: AssessmentParams, response: SelfAssessmentView },
    (request, uc) => selfAssessment.get(uc, request.params.id),
  );
  r.put(
    indicium,
    { access: manage, params: IndiciumParams, body: IndiciumUpdate, response: SelfAssessmentView },
    (request, uc) => selfAssessment.setGaps(uc, request.params.id, request.params.indicium, request.body),
  );
  r.create(
    `${indicium}/evidence`,
    { access: manage, params: IndiciumParams, body: EvidenceBody, response: EvidenceView },
    (request, uc) => {
      const { id, indicium } = request.params;
      return evidence.add(uc, { owner: 'indicium', id, indicium }, request.body);
    },
  );
  r.remove(
    `${base}/evidence/:evidenceId`,
    {
      access: access.byHandler('assessment.read', 'assessment.manage, or whoever added the evidence'),
      params: EvidenceParams,
    },
    (request, uc) => evidence.remove(uc, request.params.evidenceId),
  );
}

function registerRecommendationRoutes(r: DeclaredRoutes): void {
  const one = `${base}/recommendations/:recommendationId`;
  r.get(
    `${base}/recommendations`,
    { access: read, querystring: BoardQuery, response: z.array(RecommendationCard) },
    (request, uc) => recommendations.board(uc, request.query),
  );
  r.get(one, { access: read, params: RecommendationParams, response: RecommendationView }, (request, uc) =>
    recommendations.get(uc, request.params.recommendationId),
  );
  r.patch(
    one,
    {
      access: manage,
      params: RecommendationParams,
      body: RecommendationUpdate,
      response: RecommendationView,
    },
    (request, uc) => recommendations.update(uc, request.params.recommendationId, request.body),
  );
  r.post(
    `${one}/status`,
    { access: manage, params: RecommendationParams, body: StatusChange, response: RecommendationView },
    (request, uc) => recommendations.changeStatus(uc, request.params.recommendationId, request.body),
  );
  r.get(
    `${one}/suggestions`,
    { access: read, params: RecommendationParams, response: z.array(LinkSuggestion) },
    (request, uc) => recommendations.suggestions(uc, request.params.recommendationId),
  );
  r.create(
    `${one}/evidence`,
    { access: addEvidence, params: RecommendationParams, body: EvidenceBody, response: EvidenceView },
    (request, uc) =>
      evidence.add(uc, { owner: 'recommendation', id: request.params.recommendationId }, request.body),
  );
}

function registerClaimRoutes(r: DeclaredRoutes): void {
  const claim = `${base}/claims/:claimId`;
  r.get(
    `${base}/:id/claim-check`,
    { access: read, params: AssessmentParams, response: ClaimCheckView },
    (request, uc) => claims.check(uc, request.params.id),
  );
  r.get(
    `${base}/discrepancies`,
    { access: read, querystring: DiscrepancyQuery, response: DiscrepancyList },
    (request, uc) => claims.discrepancies(uc, request.query.jurisdiction),
  );
  r.patch(
    claim,
    { access: manage, params: ClaimParams, body: ClaimUpdate, response: ClaimView },
    (request, uc) => claims.update(uc, request.params.claimId, request.body),
  );
  r.create(
    `${claim}/evidence`,
    { access: manage, params: ClaimParams, body: EvidenceBody, response: EvidenceView },
    (request, uc) => evidence.add(uc, { owner: 'claim', id: request.params.claimId }, request.body),
  );
}

function registerSubmissionRoutes(r: DeclaredRoutes): void {
  const one = `${base}/submissions/:submissionId`;
  r.get(
    `${base}/submissions`,
    { access: read, querystring: SubmissionQuery, response: z.array(SubmissionView) },
    (request, uc) => submissions.list(uc, request.query),
  );
  r.create(
    `${base}/submissions`,
    { access: manage, body: SubmissionBody, response: SubmissionView },
    (request, uc) => submissions.record(uc, request.body),
  );
  r.patch(
    one,
    { access: manage, params: SubmissionParams, body: SubmissionUpdate, response: SubmissionView },
    (request, uc) => submissions.update(uc, request.params.submissionId, request.body),
  );
  r.create(
    `${one}/files`,
    {
      access: manage,
      params: SubmissionParams,
      body: SubmissionFileBody,
      response: SubmissionView,
      // A file of up to 5 MB, base64 in JSON.
      bodyLimit: 8 * 1024 * 1024,
    },
    (request, uc) => submissions.addFile(uc, request.params.submissionId, request.body),
  );
  r.app.get(
    `${one}/files/:fileId`,
    { schema: { tags, params: SubmissionFileParams }, config: { access: read } },
    async (request, reply) => {
      const file = await r.inTransaction(request, (uc) =>
        submissions.file(uc, request.params.submissionId, request.params.fileId),
      );
      return sendStoredFile(reply, file);
    },
  );
}

function registerResponseRoutes(r: DeclaredRoutes): void {
  r.get(
    `${base}/:id/response`,
    { access: read, params: AssessmentParams, querystring: ResponseQuery, response: ResponsePreview },
    (request, uc) => responses.preview(uc, request.params.id, request.query.language),
  );
  r.put(
    `${base}/:id/response/points/:targetId`,
    { access: manage, params: ResponsePointParams, body: ResponsePointBody, response: ResponseTextView },
    (request, uc) => responses.saveText(uc, request.params.id, request.params.targetId, request.body),
  );
  r.app.get(
    `${base}/:id/response.:format`,
    {
      schema: {
        tags,
        params: AssessmentParams.extend({ format: z.enum(['docx', 'pdf']) }),
        querystring: ResponseQuery,
        produces: [formats.docx, formats.pdf],
      },
      config: { access: read },
    },
    async (request, reply) => {
      const { id, format } = request.params;
      const { preview, sourceName } = await r.inTransaction(request, async (uc) => {
        const preview = await responses.preview(uc, id, request.query.language);
        const assessment = (await assessmentsRepo.get(uc.tx, id))!;
        return { preview, sourceName: (await assessmentsRepo.source(uc.tx, assessment.source_id))!.name };
      });
      const file = await renderResponse(preview, sourceName, format);
      const name = `response-${preview.jurisdiction}-${preview.year}-${preview.language}.${format}`;
      return sendDocument(reply, formats[format], name, file);
    },
  );
}
