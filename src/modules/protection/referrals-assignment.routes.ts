import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.js';
import { access, referralGrantOf } from '../../http/route-access.js';
import { actorOf } from '../../http/session.js';
import { grantReferralAssignment } from '../cases/case-access.js';
import { useCases } from '../use-case.js';
import { AssigneeList, AssignReferralBody, ReferralInboxItem, ReferralParams } from './protection.schemas.js';
import { referralAssignmentService as assignment } from './referrals-assignment.service.js';

// Giving an accepted referral to a named worker (issue 12). The grant is taken before the body
// is validated, like every other door: to another agency the referral is not there (404).

const tags = ['protection'];
const policy = 'grantReferralAssignment: referral.assign reaching the receiving agency';

export function registerReferralAssignmentRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, inTransaction } = useCases(ctx);
  const preValidation = async (request: FastifyRequest) => {
    const { referralId } = request.params as { referralId?: string };
    request.grant = await grantReferralAssignment(db, actorOf(request), referralId ?? '');
  };

  app.get(
    '/api/v1/referrals/:referralId/assignees',
    {
      schema: { tags, params: ReferralParams, response: { 200: AssigneeList } },
      config: { access: access.byHandler('referral.assign', policy) },
      preValidation,
    },
    (request) => inTransaction(request, (uc) => assignment.candidates(uc, referralGrantOf(request))),
  );

  app.post(
    '/api/v1/referrals/:referralId/assignment',
    {
      schema: {
        tags,
        params: ReferralParams,
        body: AssignReferralBody,
        response: { 200: ReferralInboxItem },
      },
      config: { access: access.byHandler('referral.assign', policy) },
      preValidation,
    },
    (request) =>
      inTransaction(request, (uc) => assignment.assign(uc, referralGrantOf(request), request.body)),
  );
}
