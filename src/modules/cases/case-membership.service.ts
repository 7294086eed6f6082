import { GuiaError, invalid } from '../../core/errors.js';
import { mergeGrants } from '../../core/permissions.js';
import { usersRepo } from '../access/access.repo.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import type { CaseGrant } from './case-access.js';
import { casesRepo } from './cases.repo.js';
import { asId } from '../audit/audit-values.js';

/** Who works a case: its members, and the agencies taking part. */
export const caseMembershipService = {
  /** Brings an agency onto the case on purpose: it stays even when none of its users is a member. */
  async addAgency({ tx, actor, now }: UseCase, grant: CaseGrant, agencyId: string): Promise<void> {
    const id = grant.caseId;
    await assertActiveAgency(tx, agencyId, 'agencyId');
    if (agencyId === grant.leadAgencyId) return;
    if (await casesRepo.addAgency(tx, id, agencyId, now, true)) {
      await auditService.record(tx, actor, 'case.agency_added', {
        entityType: 'case',
        entityId: id,
        summary: { agencyId: asId(agencyId) },
      });
    }
  },

  /**
   * Assigns a user to the case. Who may is decided by the grant (the lead agency's members,
   * or a supervisor); nobody assigns himself, and only users who work on cases can be members.
   */
  async addMember({ tx, actor, now }: UseCase, grant: CaseGrant, userId: string): Promise<void> {
    const id = grant.caseId;
    if (userId === actor.userId) throw new GuiaError('case.self_assignment');
    const user = await usersRepo.get(tx, userId);
    if (!user || user.active !== 1) throw invalid('userId', 'unknown');
    const grants = mergeGrants(await usersRepo.grantsOf(tx, userId));
    if (!grants['case.read']) throw invalid('userId', 'cannot_work_cases');
    if (!(await casesRepo.addMember(tx, id, userId, actor.userId, now))) return;
    await auditService.record(tx, actor, 'case.member_added', {
      entityType: 'case',
      entityId: id,
      summary: { userId: asId(userId) },
    });
    // A member from another agency brings that agency with them, until their agency's last member leaves.
    if (
      user.agency_id !== grant.leadAgencyId &&
      (await casesRepo.addAgency(tx, id, user.agency_id, now, false))
    ) {
      await auditService.record(tx, actor, 'case.agency_added', {
        entityType: 'case',
        entityId: id,
        summary: { agencyId: asId(user.agency_id) },
      });
    }
  },

  /** Unassigns a member; the lead agency keeps at least one, and an agency that came with its members leaves with the last. */
  async removeMember({ tx, actor }: UseCase, grant: CaseGrant, userId: string): Promise<void> {
    const id = grant.caseId;
    const members = await casesRepo.members(tx, id);
    const leaving = members.find((m) => m.userId === userId);
    if (!leaving) throw new GuiaError('resource.not_found', { entity: 'member' });
    const sameAgency = members.filter((m) => m.agencyId === leaving.agencyId && m.userId !== userId);
    if (leaving.agencyId === grant.leadAgencyId && sameAgency.length === 0)
      throw new GuiaError('case.last_lead_member');
    await casesRepo.removeMember(tx, id, userId);
    await auditService.record(tx, actor, 'case.member_removed', {
      entityType: 'case',
      entityId: id,
      summary: { userId: asId(userId) },
    });
    if (sameAgency.length === 0 && (await casesRepo.removeAgencyUnlessKept(tx, id, leaving.agencyId))) {
      await auditService.record(tx, actor, 'case.agency_left', {
        entityType: 'case',
        entityId: id,
        summary: { agencyId: asId(leaving.agencyId) },
      });
    }
  },
};
