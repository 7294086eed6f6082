import { GuiaError } from '../../core/errors.js';
import type { DuplicateFlagStatus, Executor } from '../../db/schema.js';
import type { UseCase } from '../use-case.js';
import { auditService } from '../audit/audit.service.js';
import { duplicateFlagsRepo } from './cases.repo.js';

type FlagView = {
  id: string;
  status: DuplicateFlagStatus;
  people: {
    pseudonym: string;
    cases: { caseId: string; reference: string; leadAgency: { id: string; code: string } }[];
  }[];
  flaggedAt: string;
  resolvedAt: string | null;
};

/**
 * Probable duplicates across cases, for the secretariat: which pseudonyms in which cases may
 * be the same person, never the names that matched. Deciding records the answer; linking the
 * records stays with the members of the cases (a link request).
 */
export const duplicatesService = {
  async list(db: Executor): Promise<FlagView[]> {
    const flags = await duplicateFlagsRepo.list(db);
    const rows = await duplicateFlagsRepo.people(db, [
      ...new Set(flags.flatMap((f) => [f.person_id, f.match_person_id])),
    ]);
    const personView = (personId: string) => {
      const own = rows.filter((r) => r.personId === personId);
      return {
        pseudonym: own[0]?.pseudonym ?? '',
        cases: own.map((r) => ({
          caseId: r.caseId,
          reference: r.reference,
          leadAgency: { id: r.agencyId, code: r.agencyCode },
        })),
      };
    };
    return flags.map((f) => ({
      id: f.id,
      status: f.status,
      people: [personView(f.person_id), personView(f.match_person_id)],
      flaggedAt: f.flagged_at,
      resolvedAt: f.resolved_at,
    }));
  },

  async resolve({ tx, actor, now }: UseCase, flagId: string, status: 'distinct' | 'same'): Promise<FlagView> {
    const flag = await duplicateFlagsRepo.get(tx, flagId);
    if (!flag) throw new GuiaError('resource.not_found', { entity: 'duplicate' });
    await duplicateFlagsRepo.resolve(tx, flagId, status, actor.userId, now);
    await auditService.record(tx, actor, 'duplicate.resolved', {
      entityType: 'duplicate',
      entityId: flagId,
      summary: { status },
    });
    return (await this.list(tx)).find((f) => f.id === flagId)!;
  },
};
