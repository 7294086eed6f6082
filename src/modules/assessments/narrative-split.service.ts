import { uuidv7 } from 'uuidv7';
import { splitNarrative } from '../../core/assessments/narrative.js';
import { invalid } from '../../core/errors.js';
import { parsePeriodKey, tipPeriod, type Period } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { creationStamps, updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { assessmentsRepo, type AssessmentRow, type ClaimRow } from './assessments.repo.js';
import type {
  AssessmentView,
  ClaimInput,
  ReviewedSplit,
  SplitProposal,
  SplitRequest,
} from './assessments.schemas.js';
import { assessmentOrFail, assessmentsService } from './assessments.service.js';

// A pasted narrative is split by core/assessments/narrative.ts into a proposal; a person reviews
// and corrects it; the corrected split is saved as sent. Re-saving keeps what has a follow-up:
// a recommendation or claim sent back with its id keeps its id (and its status, agencies,
// tasks, evidence); one left out is removed only when nothing hangs on it.

/** Proposes a split; writes nothing. */
export function proposeSplit(input: SplitRequest): SplitProposal {
  const split = splitNarrative(input.narrative, { year: input.year });
  return {
    layout: split.layout,
    sections: split.sections.map((s) => ({ kind: s.kind, heading: s.heading, text: s.text })),
    recommendations: split.recommendations.map((r) => ({ text: r.text })),
    claims: split.claims.map((c) => ({
      kind: c.kind,
      text: c.text,
      subject: c.subject,
      value: c.value,
      section: c.section,
      ...(c.periodKey ? { periodKey: c.periodKey } : {}),
      ...(c.marker ? { marker: c.marker } : {}),
    })),
    warnings: split.warnings,
  };
}

/** The period a claim is for: by default the report's own; never after the report's period ends. */
export function claimPeriod(claim: Pick<ClaimInput, 'periodKey'>, report: Period, path: string): Period {
  if (!claim.periodKey) return report;
  const period = parsePeriodKey(claim.periodKey, path);
  if (period.end > report.end) throw invalid(path, 'period_after_report', { end: report.end });
  return period;
}

function checkClaims(claims: ReviewedSplit['claims'], report: Period): Period[] {
  return claims.map((claim, i) => {
    if (claim.kind === 'qualitative' && claim.value !== null)
      throw invalid(`claims.${i}.value`, 'qualitative_has_no_value');
    return claimPeriod(claim, report, `claims.${i}.periodKey`);
  });
}

/** Ids sent back must be this assessment's own; those left out must carry nothing. */
async function checkKept(
  db: Executor,
  kind: 'recommendations' | 'claims',
  sent: readonly { id?: string | undefined }[],
  existing: readonly { id: string }[],
): Promise<string[]> {
  const existingIds = new Set(existing.map((row) => row.id));
  sent.forEach((item, i) => {
    if (item.id && !existingIds.has(item.id)) throw invalid(`${kind}.${i}.id`, 'not_in_assessment');
  });
  const sentIds = new Set(sent.flatMap((item) => (item.id ? [item.id] : [])));
  const removed = existing.filter((row) => !sentIds.has(row.id)).map((row) => row.id);
  const kept =
    kind === 'recommendations'
      ? await assessmentsRepo.followedUp(db, removed)
      : await assessmentsRepo.claimsWithEvidence(db, removed);
  if (kept.size > 0) throw invalid(kind, 'removes_followed_up', { id: [...kept][0]! });
  return removed;
}

function claimRow(
  claim: ClaimInput,
  period: Period,
  position: number,
  assessment: AssessmentRow,
  uc: UseCase,
): ClaimRow {
  return {
    id: claim.id ?? uuidv7(),
    assessment_id: assessment.id,
    position,
    kind: claim.kind,
    text: claim.text,
    subject: claim.kind === 'qualitative' ? 'other' : claim.subject,
    value: claim.value,
    period_key: period.key,
    section: claim.section ?? null,
    marker: claim.marker || null,
    ...creationStamps(uc.actor.userId, uc.now),
  };
}

async function saveRecommendations(
  uc: UseCase,
  assessment: AssessmentRow,
  input: ReviewedSplit['recommendations'],
) {
  const { tx, actor, now } = uc;
  for (const [position, item] of input.entries()) {
    if (item.id) {
      await assessmentsRepo.updateRecommendationText(tx, item.id, position, item.text, now, actor.userId);
      continue;
    }
    await assessmentsRepo.insertRecommendation(tx, {
      id: uuidv7(),
      assessment_id: assessment.id,
      position,
      text: item.text,
      status: 'not_started',
      status_reason: null,
      previous_id: null,
      ...creationStamps(actor.userId, now),
    });
  }
}

async function saveClaims(
  uc: UseCase,
  assessment: AssessmentRow,
  input: ReviewedSplit['claims'],
  periods: Period[],
) {
  const fresh: ClaimRow[] = [];
  for (const [position, claim] of input.entries()) {
    const row = claimRow(claim, periods[position]!, position, assessment, uc);
    if (!claim.id) {
      fresh.push(row);
      continue;
    }
    const { id: _id, created_at: _c, created_by: _b, version: _v, assessment_id: _a, ...changes } = row;
    await assessmentsRepo.updateClaim(uc.tx, claim.id, changes);
  }
  await assessmentsRepo.insertClaims(uc.tx, fresh);
}

export const narrativeSplitService = {
  /** Saves the reviewed split as sent; a split with nothing in it is saved with a warning. */
  async save(uc: UseCase, assessmentId: string, input: ReviewedSplit): Promise<AssessmentView> {
    const { tx, actor, now } = uc;
    const assessment = await assessmentOrFail(tx, assessmentId);
    const source = (await assessmentsRepo.source(tx, assessment.source_id))!;
    const report = source.kind === 'tip' ? tipPeriod(assessment.year) : parsePeriodKey(assessment.period_key);
    const periods = checkClaims(input.claims, report);
    const removedRecommendations = await checkKept(
      tx,
      'recommendations',
      input.recommendations,
      await assessmentsRepo.recommendations(tx, assessmentId),
    );
    const removedClaims = await checkKept(
      tx,
      'claims',
      input.claims,
      await assessmentsRepo.claims(tx, assessmentId),
    );
    await updateVersionedOrStale(
      tx,
      'assessments',
      assessmentId,
      input.version,
      updateStamps(actor.userId, now),
      'assessment',
    );
    await assessmentsRepo.replaceSections(
      tx,
      assessmentId,
      input.sections.map((s, position) => ({ id: uuidv7(), assessment_id: assessmentId, position, ...s })),
    );
    await assessmentsRepo.deleteRecommendations(tx, removedRecommendations);
    await assessmentsRepo.deleteClaims(tx, removedClaims);
    await saveRecommendations(uc, assessment, input.recommendations);
    await saveClaims(uc, assessment, input.claims, periods);
    await auditService.record(tx, actor, 'assessment.split_saved', {
      entityType: 'assessment',
      entityId: assessmentId,
      summary: {
        sections: input.sections.length,
        recommendations: input.recommendations.length,
        claims: input.claims.length,
        removed: removedRecommendations.length + removedClaims.length,
      },
    });
    const empty = input.sections.length + input.recommendations.length + input.claims.length === 0;
    return assessmentsService.get(uc, assessmentId, empty ? ['narrative.nothing_found'] : []);
  },
};
