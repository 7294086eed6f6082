import { uuidv7 } from 'uuidv7';
import { builtInRuleSets } from '../../core/statistics/disclosure.js';
import { GuiaError } from '../../core/errors.js';
import type { Language } from '../../core/languages.js';
import { parsePeriodKey, type Period } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { creationStamps, updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import { asId, asLanguage } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { periodView } from './assessments.presenters.js';
import { assessmentsRepo } from './assessments.repo.js';
import type {
  ClaimSubject,
  EvidenceCategory,
  ResponsePoint,
  ResponsePointBody,
  ResponsePreview,
  ResponseTextView,
} from './assessments.schemas.js';
import { assessmentOrFail } from './assessments.service.js';
import { claimCheckService, figureFor } from './claim-check.service.js';
import { visibleEvidence } from './evidence.service.js';

// The point-by-point answer to one assessment: one point per recommendation and one per claim
// Guia's records contradict, each with Guia's figures pulled live for the report's period,
// the concrete-action categories of its evidence, and the committee's text in the language
// asked for. Figures go out through a publication rule set (core/statistics/disclosure.ts):
// counts from 1 to threshold − 1 are suppressed, zeros shown — a response is a publication.

/** The rule set applied to every figure of a response. */
const RULES = builtInRuleSets.find((r) => r.name === 'unodc-under-5')!;

/** The figures that speak to each concrete-action category (22 U.S.C. 7102). */
const subjectsOfCategory: Partial<Record<EvidenceCategory, ClaimSubject[]>> = {
  A: ['investigations'],
  B: ['investigations'],
  C: ['prosecutions'],
  D: ['convictions'],
  G: ['victims_identified', 'victims_referred'],
};

export function published(value: number): { value: number | null; suppressed: boolean } {
  const suppressed = value > 0 && value < RULES.threshold;
  return { value: suppressed ? null : value, suppressed };
}

async function figures(db: Executor, subjects: Iterable<ClaimSubject>, period: Period) {
  const result: ResponsePoint['figures'] = [];
  for (const subject of new Set(subjects)) {
    const records = await figureFor(db, subject, period);
    if (records) result.push({ subject, period: periodView(period), ...published(records.length) });
  }
  return result;
}

export const responseService = {
  async preview(uc: UseCase, assessmentId: string, language: Language): Promise<ResponsePreview> {
    const { tx, actor } = uc;
    const assessment = await assessmentOrFail(tx, assessmentId);
    const period = parsePeriodKey(assessment.period_key);
    const recommendations = await assessmentsRepo.recommendations(tx, assessmentId);
    const evidence = await visibleEvidence(
      tx,
      actor,
      'recommendation',
      recommendations.map((r) => r.id),
    );
    const texts = new Map(
      (await assessmentsRepo.responseTexts(tx, assessmentId, language)).map((t) => [t.target_id, t]),
    );
    const textOf = (id: string) => ({
      text: texts.get(id)?.text ?? '',
      textVersion: texts.get(id)?.version ?? null,
    });
    const points: ResponsePoint[] = [];
    for (const r of recommendations) {
      const categories = [...new Set((evidence.get(r.id) ?? []).map((e) => e.category))].sort();
      points.push({
        kind: 'recommendation',
        targetId: r.id,
        quote: r.text,
        status: r.status,
        claimed: null,
        figures: await figures(
          tx,
          categories.flatMap((c) => subjectsOfCategory[c] ?? []),
          period,
        ),
        categories,
        ...textOf(r.id),
      });
    }
    const check = await claimCheckService.check(uc, assessmentId);
    for (const c of check.numeric.filter((n) => n.outcome === 'different')) {
      const claimPeriod = parsePeriodKey(c.claim.period.key);
      points.push({
        kind: 'claim',
        targetId: c.claim.id,
        quote: c.claim.text,
        status: null,
        claimed: c.claim.value,
        figures: await figures(tx, [c.claim.subject], claimPeriod),
        categories: Object.entries(subjectsOfCategory)
          .filter(([, subjects]) => subjects.includes(c.claim.subject))
          .map(([category]) => category as EvidenceCategory)
          .slice(-1),
        ...textOf(c.claim.id),
      });
    }
    return {
      assessmentId,
      jurisdiction: assessment.jurisdiction,
      year: assessment.year,
      period: periodView(period),
      language,
      publication: { rules: `${RULES.name} v${RULES.version}`, threshold: RULES.threshold },
      points,
    };
  },

  /** The committee's text for one point, in one language; a point must be one of the response's. */
  async saveText(
    uc: UseCase,
    assessmentId: string,
    targetId: string,
    input: ResponsePointBody,
  ): Promise<ResponseTextView> {
    const { tx, actor, now } = uc;
    await assessmentOrFail(tx, assessmentId);
    const recommendation = (await assessmentsRepo.recommendations(tx, assessmentId)).some(
      (r) => r.id === targetId,
    );
    const claim = (await assessmentsRepo.claims(tx, assessmentId)).some((c) => c.id === targetId);
    if (!recommendation && !claim) throw new GuiaError('resource.not_found', { entity: 'response_point' });
    const existing = await assessmentsRepo.responseText(tx, assessmentId, targetId, input.language);
    let version = 1;
    if (existing) {
      // A text written by someone else meanwhile is not overwritten: the writer must say which version it replaces.
      await updateVersionedOrStale(
        tx,
        'response_texts',
        existing.id,
        input.version ?? 0,
        { text: input.text, ...updateStamps(actor.userId, now) },
        'response_text',
      );
      version = existing.version + 1;
    } else {
      await assessmentsRepo.insertResponseText(tx, {
        id: uuidv7(),
        assessment_id: assessmentId,
        target_id: targetId,
        language: input.language,
        text: input.text,
        ...creationStamps(actor.userId, now),
      });
    }
    await auditService.record(tx, actor, 'assessment.response_text_saved', {
      entityType: 'assessment',
      entityId: assessmentId,
      summary: { targetId: asId(targetId), language: asLanguage(input.language) },
    });
    return { targetId, language: input.language, text: input.text, version };
  },
};
