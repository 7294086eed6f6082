import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { useCases } from '../use-case.js';
import {
  EpsilonLedger,
  PublicRelease,
  ReleaseBody,
  ReleasePreview,
  ReleaseView,
  RuleSetBody,
  RuleSetView,
  TableQuery,
} from './publication.schemas.js';
import { engineTableSource } from './publication.engine.js';
import { publicationService as publication } from './publication.service.js';
import { installEngineSource } from './publication.tables.js';

// Publication: rule sets, previews, releases and the epsilon ledger are for holders of
// `statistics.release` (the secretariat). The released tables themselves are public: the
// public page reads them without signing in, and they hold only protected figures.

const tags = ['publication'];

export function registerPublicationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, useCase, inTransaction } = useCases(ctx);
  const release = { access: access.permission('statistics.release') };
  installEngineSource(engineTableSource);

  app.get(
    '/api/v1/statistics/rule-sets',
    { schema: { tags, response: { 200: z.array(RuleSetView) } }, config: release },
    () => publication.ruleSets(db),
  );

  app.post(
    '/api/v1/statistics/rule-sets',
    { schema: { tags, body: RuleSetBody, response: { 201: RuleSetView } }, config: release },
    async (request, reply) => {
      const created = await inTransaction(request, (uc) => publication.createRuleSet(uc, request.body));
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/v1/statistics/releases/preview',
    {
      schema: {
        tags,
        body: z.strictObject({ ruleSetId: z.uuid(), query: TableQuery }),
        response: { 200: ReleasePreview },
      },
      config: release,
    },
    (request) => publication.preview(useCase(request, db), request.body),
  );

  app.post(
    '/api/v1/statistics/releases',
    { schema: { tags, body: ReleaseBody, response: { 201: ReleaseView } }, config: release },
    async (request, reply) => {
      const created = await inTransaction(request, (uc) => publication.release(uc, request.body));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/statistics/releases',
    { schema: { tags, response: { 200: z.array(ReleaseView) } }, config: release },
    () => publication.releases(db),
  );

  app.get(
    '/api/v1/statistics/epsilon-ledger',
    { schema: { tags, response: { 200: EpsilonLedger } }, config: release },
    () => publication.ledger(db),
  );

  app.get(
    '/api/v1/public/statistics/releases',
    { schema: { tags, response: { 200: z.array(PublicRelease) } }, config: { access: access.public() } },
    () => publication.publicReleases(db),
  );
}
