import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/context.js';
import { access } from '../../http/route-access.js';
import { declareRoutes } from '../declare-routes.js';
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

export function registerPublicationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const r = declareRoutes(root, ctx, ['publication']);
  const release = access.permission('statistics.release');
  // The secretariat's reads run on the database, outside a transaction, as they always have.
  const reading = { access: release, transaction: false } as const;
  installEngineSource(engineTableSource);

  r.get('/api/v1/statistics/rule-sets', { ...reading, response: z.array(RuleSetView) }, (_request, uc) =>
    publication.ruleSets(uc.tx),
  );

  r.create(
    '/api/v1/statistics/rule-sets',
    { access: release, body: RuleSetBody, response: RuleSetView },
    (request, uc) => publication.createRuleSet(uc, request.body),
  );

  r.post(
    '/api/v1/statistics/releases/preview',
    {
      ...reading,
      body: z.strictObject({ ruleSetId: z.uuid(), query: TableQuery }),
      response: ReleasePreview,
    },
    (request, uc) => publication.preview(uc, request.body),
  );

  r.create(
    '/api/v1/statistics/releases',
    { access: release, body: ReleaseBody, response: ReleaseView },
    (request, uc) => publication.release(uc, request.body),
  );

  r.get('/api/v1/statistics/releases', { ...reading, response: z.array(ReleaseView) }, (_request, uc) =>
    publication.releases(uc.tx),
  );

  r.get('/api/v1/statistics/epsilon-ledger', { ...reading, response: EpsilonLedger }, (_request, uc) =>
    publication.ledger(uc.tx),
  );

  // Public: no session, so no use case; the released tables hold only protected figures.
  r.app.get(
    '/api/v1/public/statistics/releases',
    {
      schema: { tags: ['publication'], response: { 200: z.array(PublicRelease) } },
      config: { access: access.public() },
    },
    () => publication.publicReleases(r.db),
  );
}
