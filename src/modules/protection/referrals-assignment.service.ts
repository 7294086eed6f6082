import { GuiaError, invalid } from '../../core/errors.js';
import type { ReferralGrant } from '../cases/case-access.js';
import { asId, asIds } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { referralNotices } from '../notifications/referral-notices.js';
import type { UseCase } from '../use-case.js';
import { presentInboxItem } from './protection.presenters.js';
import { protectionRepo } from './protection.repo.js';
import type { AssignReferralBody, ReferralInboxItem } from './protection.schemas.js';
import { referralAssignmentRepo as repo } from './referrals-assignment.repo.js';
import { grantReferredVictim } from './referrals.service.js';

// The handover (issue 12): the receiving agency's officer gives an accepted referral to a named
// worker of that agency. The worker then reaches the referred victim exactly as the acceptor
// does (a person grant on that victim only, the identity only with consent: docs/access.md);
// giving it to someone else ends the previous worker's grant. Nobody else of the agency gains
// anything: a worker who was not given the referral still does not reach the victim.

async function referralOf(tx: UseCase['tx'], grant: ReferralGrant) {
  const referral = await protectionRepo.inboxEntry(tx, grant.referralId);
  if (!referral) throw new GuiaError('resource.not_found', { entity: 'referral' });
  return referral;
}

export const referralAssignmentService = {
  /** Whom the referral can be given to: the receiving agency's active workers, by name. */
  async candidates({ tx }: UseCase, grant: ReferralGrant) {
    const referral = await referralOf(tx, grant);
    return repo.workersOf(tx, referral.to_agency_id);
  },

  async assign(uc: UseCase, grant: ReferralGrant, input: AssignReferralBody): Promise<ReferralInboxItem> {
    const { tx, actor, now, cipher } = uc;
    const referral = await referralOf(tx, grant);
    if (referral.status !== 'accepted')
      throw new GuiaError('referral.not_assignable', { status: referral.status });
    // A worker of another agency, a disabled account or a user who cannot work protection
    // records is refused by name of the field, the same for each: no list of who is who.
    const workers = await repo.workersOf(tx, referral.to_agency_id);
    const worker = workers.find((w) => w.id === input.assigneeId);
    if (!worker) throw invalid('assigneeId', 'not_eligible');
    if (referral.version !== input.version) throw new GuiaError('resource.stale', { entity: 'referral' });
    if (referral.assigned_to === worker.id) return presentInboxItem(referral, cipher);
    const moved = await repo.assign(tx, referral.id, input.version, {
      assigned_to: worker.id,
      assigned_at: now,
      assigned_by: actor.userId,
    });
    if (!moved) throw new GuiaError('resource.stale', { entity: 'referral' });
    const revoked = await repo.revokeAssignmentGrants(tx, referral.id, actor.userId, now);
    // The worker reaches what the acceptance reached: the identity only with consent.
    const { grantId, identity } = await grantReferredVictim(tx, referral, {
      userId: worker.id,
      reason: 'assignment',
      by: actor.userId,
      now,
    });
    const ids = { caseId: referral.case_id, casePersonId: referral.case_person_id };
    await auditService.record(tx, actor, 'referral.assigned', {
      entityType: 'referral',
      entityId: referral.id,
      summary: {
        ...asIds({ ...ids, toAgencyId: referral.to_agency_id, assigneeId: worker.id }),
        previousAssigneeId: referral.assigned_to ? asId(referral.assigned_to) : null,
      },
    });
    for (const revokedId of revoked)
      await auditService.record(tx, actor, 'person_grant.revoked', {
        entityType: 'case_person',
        entityId: referral.case_person_id,
        summary: asIds({ caseId: referral.case_id, grantId: revokedId, referralId: referral.id }),
      });
    await auditService.record(tx, actor, 'person_grant.granted', {
      entityType: 'case_person',
      entityId: referral.case_person_id,
      summary: {
        ...asIds({ caseId: referral.case_id, grantId, userId: worker.id, referralId: referral.id }),
        identity,
      },
    });
    await referralNotices.assigned(tx, referral, worker.id, { by: actor.userId, now });
    return presentInboxItem(
      {
        ...referral,
        assigned_to: worker.id,
        assigned_to_name: worker.name,
        assigned_at: now,
        version: referral.version + 1,
      },
      cipher,
    );
  },
};
