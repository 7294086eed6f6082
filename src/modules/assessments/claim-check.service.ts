import { GuiaError, invalid } from '../../core/errors.js';
import { parsePeriodKey, tipPeriod, type Period } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { givenColumns, updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import type { Actor } from '../access/actor.js';
import { asId, fieldNames } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { periodView, presentClaim } from './assessments.presenters.js';
import { assessmentsRepo, type AssessmentRow, type ClaimRow } from './assessments.repo.js';
import type {
  ClaimCheckView,
  ClaimOutcome,
  ClaimUpdate,
  ClaimView,
  DiscrepancyList,
  NumericCheck,
} from './assessments.schemas.js';
import { assessmentOrFail } from './assessments.service.js';
import { claimFiguresRepo } from './claim-figures.repo.js';
import { visibleEvidence } from './evidence.service.js';
import { claimPeriod } from './narrative-split.service.js';
import { readableCases } from './readable-cases.js';

// Each numeric claim of a narrative beside Guia's own figure for the same period: consistent,
// different (both numbers, and the records behind Guia's that the reader may see), or not
// measurable (a subject Guia does not count, or a claim without a number, "dozens").
// Guia's figures are counted by claim-figures.repo.ts from the records directly.

/** Where the figures come from, reported with every check (see claim-figures.repo.ts). */
const FIGURES_SOURCE = 'assessments' as const;

export function outcomeOf(claimed: number | null, guia: number | null): ClaimOutcome {
  if (claimed === null || guia === null) return 'not_measurable';
  return claimed === guia ? 'consistent' : 'different';
}

/** Guia's figure for a subject and period, with the records behind it. */
export async function figureFor(db: Executor, subject: ClaimView['subject'], period: Period) {
  const records = claimFiguresRepo.records(db, subject, period);
  return records ? await records : null;
}

async function checkNumeric(db: Executor, actor: Actor, claim: ClaimRow): Promise<NumericCheck> {
  const view = presentClaim(claim);
  const records = await figureFor(db, claim.subject, parsePeriodKey(claim.period_key));
  const guia = records === null ? null : records.length;
  const outcome = outcomeOf(claim.value, guia);
  if (!records || outcome !== 'different')
    return { claim: view, outcome, guia, records: [], hiddenRecords: 0 };
  // The figure counts every record; the links go only to those the reader may read.
  const readable = await readableCases(
    db,
    actor,
    records.map((r) => r.caseId),
  );
  const references = await assessmentsRepo.caseReferences(db, [...readable]);
  const shown = records.filter((r) => readable.has(r.caseId));
  return {
    claim: view,
    outcome,
    guia,
    records: shown.map((r) => ({
      kind: r.kind,
      id: r.id,
      caseId: r.caseId,
      reference: references.get(r.caseId) ?? '',
    })),
    hiddenRecords: records.length - shown.length,
  };
}

async function checkOf(db: Executor, actor: Actor, assessment: AssessmentRow): Promise<ClaimCheckView> {
  const claims = await assessmentsRepo.claims(db, assessment.id);
  const numeric = claims.filter((c) => c.kind === 'numeric');
  const qualitative = claims.filter((c) => c.kind === 'qualitative');
  const evidence = await visibleEvidence(
    db,
    actor,
    'claim',
    qualitative.map((c) => c.id),
  );
  const checks: NumericCheck[] = [];
  for (const claim of numeric) checks.push(await checkNumeric(db, actor, claim));
  return {
    assessmentId: assessment.id,
    year: assessment.year,
    period: periodView(parsePeriodKey(assessment.period_key)),
    numeric: checks,
    qualitative: qualitative.map((c) => ({ claim: presentClaim(c), evidence: evidence.get(c.id) ?? [] })),
    figuresSource: FIGURES_SOURCE,
  };
}

export const claimCheckService = {
  async check({ tx, actor }: UseCase, assessmentId: string): Promise<ClaimCheckView> {
    return checkOf(tx, actor, await assessmentOrFail(tx, assessmentId));
  },

  /** The claims Guia's records contradict, per report year (latest first). */
  async discrepancies({ tx, actor }: UseCase, jurisdiction: string | undefined): Promise<DiscrepancyList> {
    const result: DiscrepancyList = [];
    for (const assessment of await assessmentsRepo.list(tx, { jurisdiction })) {
      if (!assessment.claim_count) continue;
      const check = await checkOf(tx, actor, assessment);
      const discrepancies = check.numeric.filter((c) => c.outcome === 'different');
      if (discrepancies.length > 0)
        result.push({
          assessmentId: assessment.id,
          jurisdiction: assessment.jurisdiction,
          year: assessment.year,
          discrepancies,
        });
    }
    return result;
  },

  /** Corrects one claim (its subject, number, period or kind) after the split was saved. */
  async update({ tx, actor, now }: UseCase, claimId: string, input: ClaimUpdate): Promise<ClaimView> {
    const claim = await assessmentsRepo.claim(tx, claimId);
    if (!claim) throw new GuiaError('resource.not_found', { entity: 'claim' });
    const assessment = await assessmentOrFail(tx, claim.assessment_id);
    const source = (await assessmentsRepo.source(tx, assessment.source_id))!;
    const report = source.kind === 'tip' ? tipPeriod(assessment.year) : parsePeriodKey(assessment.period_key);
    const period = input.periodKey ? claimPeriod(input, report, 'periodKey') : null;
    const kind = input.kind ?? claim.kind;
    const value = input.value === undefined ? claim.value : input.value;
    if (kind === 'qualitative' && value !== null) throw invalid('value', 'qualitative_has_no_value');
    const changes = {
      ...givenColumns(input, ['subject', 'value', 'kind', 'text']),
      ...(period ? { period_key: period.key } : {}),
      ...updateStamps(actor.userId, now),
    };
    await updateVersionedOrStale(tx, 'assessment_claims', claimId, input.version, changes, 'claim');
    await auditService.record(tx, actor, 'assessment.claim_updated', {
      entityType: 'assessment_claim',
      entityId: claimId,
      summary: { assessmentId: asId(claim.assessment_id), fields: fieldNames(input, 'version') },
    });
    return presentClaim({ ...claim, ...changes, version: claim.version + 1 });
  },
};
