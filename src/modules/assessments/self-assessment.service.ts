import { uuidv7 } from 'uuidv7';
import { creationStamps } from '../../db/versioned.js';
import { parsePeriodKey } from '../../core/periods.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { periodView } from './assessments.presenters.js';
import { assessmentsRepo } from './assessments.repo.js';
import type { EvidenceCategory, IndiciumUpdate, SelfAssessmentView } from './assessments.schemas.js';
import { assessmentOrFail } from './assessments.service.js';
import { visibleEvidence } from './evidence.service.js';

// The 12 indicia of serious and sustained efforts (22 U.S.C. 7106(b)) for one report's period:
// the evidence Guia holds for each, tagged with its concrete-action category (A)–(I), and the
// gaps the secretariat notes. An indicium with no evidence is flagged.

const INDICIA = Array.from({ length: 12 }, (_, i) => i + 1);

export const selfAssessmentService = {
  async get({ tx, actor }: UseCase, assessmentId: string): Promise<SelfAssessmentView> {
    const assessment = await assessmentOrFail(tx, assessmentId);
    const [rows, evidence] = await Promise.all([
      assessmentsRepo.indicia(tx, assessmentId),
      visibleEvidence(tx, actor, 'indicium', [assessmentId]),
    ]);
    return {
      assessmentId,
      year: assessment.year,
      period: periodView(parsePeriodKey(assessment.period_key)),
      indicia: INDICIA.map((indicium) => {
        const items = evidence.get(`${assessmentId}:${indicium}`) ?? [];
        const categories = [...new Set(items.map((e) => e.category))].sort() as EvidenceCategory[];
        return {
          indicium,
          evidence: items,
          categories,
          gaps: rows.find((r) => r.indicium === indicium)?.gaps ?? null,
          flagged: items.length === 0,
        };
      }),
    };
  },

  async setGaps(
    uc: UseCase,
    assessmentId: string,
    indicium: number,
    input: IndiciumUpdate,
  ): Promise<SelfAssessmentView> {
    const { tx, actor, now } = uc;
    await assessmentOrFail(tx, assessmentId);
    const existing = (await assessmentsRepo.indicia(tx, assessmentId)).find((r) => r.indicium === indicium);
    const gaps = input.gaps?.trim() || null;
    if (existing) await assessmentsRepo.updateIndicium(tx, existing.id, gaps, now, actor.userId);
    else
      await assessmentsRepo.insertIndicium(tx, {
        id: uuidv7(),
        assessment_id: assessmentId,
        indicium,
        gaps,
        ...creationStamps(actor.userId, now),
      });
    await auditService.record(tx, actor, 'assessment.indicium_updated', {
      entityType: 'assessment',
      entityId: assessmentId,
      summary: { indicium },
    });
    return this.get(uc, assessmentId);
  },
};
