import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { parsePeriodKey } from '../../core/periods.js';
import type { EvidenceOwner, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { asCode, asId } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { presentEvidence } from './assessments.presenters.js';
import { assessmentsRepo, type EvidenceRow } from './assessments.repo.js';
import type { EvidenceBody, EvidenceView } from './assessments.schemas.js';
import { readableCases } from './readable-cases.js';

/** What a piece of evidence is attached to: a recommendation, a claim, or an indicium of an assessment. */
export type EvidenceTarget =
  | { owner: 'recommendation'; id: string }
  | { owner: 'claim'; id: string }
  | { owner: 'indicium'; id: string; indicium: number };

const entityOf = (owner: EvidenceOwner) =>
  owner === 'recommendation' ? 'recommendation' : owner === 'claim' ? 'assessment_claim' : 'assessment';

/** Evidence of some owners as the actor may see it (evidence on an unreadable case left out). */
export async function visibleEvidence(
  db: Executor,
  actor: Actor,
  owner: EvidenceOwner,
  ownerIds: string[],
): Promise<Map<string, EvidenceView[]>> {
  const rows = await assessmentsRepo.evidence(db, owner, ownerIds);
  const readable = await readableCases(
    db,
    actor,
    rows.flatMap((row) => (row.case_id ? [row.case_id] : [])),
  );
  const byOwner = new Map<string, EvidenceView[]>();
  for (const row of rows) {
    const key = owner === 'indicium' ? `${row.owner_id}:${row.indicium}` : row.owner_id;
    const [view] = presentEvidence([row], readable);
    if (view) byOwner.set(key, [...(byOwner.get(key) ?? []), view]);
  }
  return byOwner;
}

/**
 * May the actor add evidence to the target: the secretariat (`assessment.manage`) always; an
 * agency officer to a recommendation its agency is responsible for (agencies report what they did).
 */
async function mayAddEvidence(db: Executor, actor: Actor, target: EvidenceTarget): Promise<boolean> {
  if (can(actor, 'assessment.manage')) return true;
  if (target.owner !== 'recommendation') return false;
  const agencies = await assessmentsRepo.agenciesOf(db, [target.id]);
  return agencies.some((agency) => agency.id === actor.agencyId);
}

async function checkTargetExists(db: Executor, target: EvidenceTarget): Promise<void> {
  const found =
    target.owner === 'recommendation'
      ? await assessmentsRepo.recommendation(db, target.id)
      : target.owner === 'claim'
        ? await assessmentsRepo.claim(db, target.id)
        : await assessmentsRepo.get(db, target.id);
  if (!found) throw new GuiaError('resource.not_found', { entity: entityOf(target.owner) });
}

async function checkEvidence(db: Executor, actor: Actor, target: EvidenceTarget, input: EvidenceBody) {
  if (input.kind === 'case' && !input.caseId) throw invalid('caseId', 'required');
  if (input.kind !== 'case' && input.caseId) throw invalid('caseId', 'case_only_for_case_evidence');
  // A case the actor cannot read is answered like one that does not exist.
  if (input.caseId && !(await readableCases(db, actor, [input.caseId])).has(input.caseId))
    throw invalid('caseId', 'case_unknown');
  if (target.owner === 'claim' && !input.stance) throw invalid('stance', 'required');
  if (target.owner !== 'claim' && input.stance) throw invalid('stance', 'stance_only_for_claims');
  if (input.periodKey) parsePeriodKey(input.periodKey, 'periodKey');
}

export const evidenceService = {
  async add(uc: UseCase, target: EvidenceTarget, input: EvidenceBody): Promise<EvidenceView> {
    const { tx, actor, now } = uc;
    await checkTargetExists(tx, target);
    if (!(await mayAddEvidence(tx, actor, target)))
      throw new GuiaError('permission.denied', { permission: 'assessment.manage' });
    await checkEvidence(tx, actor, target, input);
    const row: EvidenceRow = {
      id: uuidv7(),
      owner_type: target.owner,
      owner_id: target.id,
      indicium: target.owner === 'indicium' ? target.indicium : null,
      kind: input.kind,
      category: input.category,
      case_id: input.caseId ?? null,
      reference: input.reference || null,
      description: input.description,
      stance: input.stance ?? null,
      period_key: input.periodKey ? parsePeriodKey(input.periodKey, 'periodKey').key : null,
      added_at: now,
      added_by: actor.userId,
    };
    await assessmentsRepo.insertEvidence(tx, row);
    await auditService.record(tx, actor, 'assessment.evidence_added', {
      entityType: entityOf(target.owner),
      entityId: target.id,
      summary: {
        evidenceId: asId(row.id),
        kind: asCode(row.kind),
        category: asCode(row.category),
        caseId: row.case_id ? asId(row.case_id) : null,
        indicium: row.indicium,
      },
    });
    const reference = row.case_id
      ? (await assessmentsRepo.caseReferences(tx, [row.case_id])).get(row.case_id)
      : null;
    return presentEvidence(
      [{ ...row, case_reference: reference ?? null }],
      new Set(row.case_id ? [row.case_id] : []),
    )[0]!;
  },

  /** The secretariat, or whoever added it, removes a piece of evidence. */
  async remove({ tx, actor }: UseCase, evidenceId: string): Promise<void> {
    const row = await assessmentsRepo.evidenceItem(tx, evidenceId);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'evidence' });
    if (!can(actor, 'assessment.manage') && row.added_by !== actor.userId)
      throw new GuiaError('permission.denied', { permission: 'assessment.manage' });
    // Evidence on a case the actor cannot read is not there for the actor.
    if (row.case_id && !(await readableCases(tx, actor, [row.case_id])).has(row.case_id))
      throw new GuiaError('resource.not_found', { entity: 'evidence' });
    await assessmentsRepo.deleteEvidence(tx, evidenceId);
    await auditService.record(tx, actor, 'assessment.evidence_removed', {
      entityType: entityOf(row.owner_type),
      entityId: row.owner_id,
      summary: { evidenceId: asId(row.id), caseId: row.case_id ? asId(row.case_id) : null },
    });
  },
};
