import { uuidv7 } from 'uuidv7';
import {
  forecastAll,
  TierRuleError,
  tierRuleSettings,
  validateHistory,
  type Placement,
} from '../../core/assessments/tier-rules.js';
import { duplicate, GuiaError, invalid } from '../../core/errors.js';
import { tipPeriod } from '../../core/periods.js';
import type { Executor } from '../../db/schema.js';
import { creationStamps, updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import { asCode, asId, fieldNames } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { presentClaim, presentSource, presentSummary } from './assessments.presenters.js';
import { assessmentsRepo, type AssessmentRow, type SourceRow } from './assessments.repo.js';
import type {
  AssessmentBody,
  AssessmentSummary,
  AssessmentUpdate,
  AssessmentView,
  SourceBody,
  SourceView,
  Tier,
  TierHistoryView,
} from './assessments.schemas.js';

/** Sources other than the TIP Report are accepted from this year (the UN human rights treaty bodies' era). */
const FIRST_OTHER_YEAR = 1945;

/** The report years a source can have: the TIP Report from 2001 to this year; others up to this year. */
export function yearRange(kind: SourceRow['kind'], today: string): { min: number; max: number } {
  const max = Number(today.slice(0, 4));
  return kind === 'tip'
    ? { min: tierRuleSettings(today).firstReportYear, max }
    : { min: FIRST_OTHER_YEAR, max };
}

function checkYear(kind: SourceRow['kind'], year: number, today: string): void {
  const { min, max } = yearRange(kind, today);
  if (year < min || year > max) throw invalid('year', 'year_out_of_range', { min, max });
}

/**
 * The tier rules over the jurisdiction's TIP history with this placement in it. A waiver the rules
 * cannot grant is refused naming `waiver`; a placement that breaks the rules is recorded as the
 * report has it (the report is a fact), and the finding returned as a warning.
 */
function checkTierRules(history: Placement[], placement: Placement, today: string): string[] {
  const merged = [...history.filter((p) => p.year !== placement.year), placement].sort(
    (a, b) => a.year - b.year,
  );
  try {
    const check = validateHistory(merged, tierRuleSettings(today));
    return check.violations.filter((v) => v.year === placement.year).map((v) => `tier.${v.rule}`);
  } catch (error) {
    if (error instanceof TierRuleError)
      throw invalid(error.path.endsWith('.waiver') ? 'waiver' : 'tier', error.code, {
        message: error.message,
      });
    throw error;
  }
}

async function historyOf(db: Executor, jurisdiction: string): Promise<Placement[]> {
  return (await assessmentsRepo.tipHistory(db, jurisdiction)).map((row) => ({
    year: row.year,
    tier: row.tier!,
    waiver: row.waiver === 1,
  }));
}

async function sourceOrFail(db: Executor, sourceId: string, path = 'sourceId'): Promise<SourceRow> {
  const source = await assessmentsRepo.source(db, sourceId);
  if (!source) throw invalid(path, 'unknown_source');
  return source;
}

export async function assessmentOrFail(db: Executor, id: string): Promise<AssessmentRow> {
  const row = await assessmentsRepo.get(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'assessment' });
  return row;
}

/** Tier and waiver only on a TIP Report; a waiver only on the watch list; the rules decide the rest. */
async function tierWarnings(
  db: Executor,
  source: SourceRow,
  input: { jurisdiction: string; year: number; tier: Tier | null; waiver: boolean },
  today: string,
): Promise<string[]> {
  if (source.kind !== 'tip') {
    if (input.tier !== null) throw invalid('tier', 'tier_not_applicable');
    if (input.waiver) throw invalid('waiver', 'waiver_not_applicable');
    return [];
  }
  if (input.tier === null) {
    if (input.waiver) throw invalid('waiver', 'waiver_without_watch_list');
    return [];
  }
  if (input.waiver && input.tier !== 'T2WL') throw invalid('waiver', 'waiver_without_watch_list');
  const placement = { year: input.year, tier: input.tier, waiver: input.waiver };
  return checkTierRules(await historyOf(db, input.jurisdiction), placement, today);
}

/** Records a TIP placement without a request (the profile's reference history); audited as the system. */
export async function recordPlacement(
  db: Executor,
  auditActor: AuditActor,
  now: string,
  source: SourceRow,
  jurisdiction: string,
  placement: Placement,
): Promise<boolean> {
  if (await assessmentsRepo.byYear(db, source.id, jurisdiction, placement.year)) return false;
  const row = newAssessmentRow(source, jurisdiction, placement.year, now, null, {
    tier: placement.tier,
    waiver: placement.waiver === true,
  });
  await assessmentsRepo.insert(db, row);
  await auditCreated(db, auditActor, row);
  return true;
}

function newAssessmentRow(
  source: SourceRow,
  jurisdiction: string,
  year: number,
  now: string,
  userId: string | null,
  input: Partial<Pick<AssessmentBody, 'tier' | 'waiver' | 'publishedOn' | 'title' | 'narrative'>>,
): AssessmentRow {
  return {
    id: uuidv7(),
    source_id: source.id,
    jurisdiction,
    year,
    tier: input.tier ?? null,
    waiver: input.waiver ? 1 : 0,
    // A TIP Report covers 1 April of the previous year to 31 March of its year; other sources the calendar year.
    period_key: source.kind === 'tip' ? tipPeriod(year).key : String(year),
    published_on: input.publishedOn ?? null,
    title: input.title || null,
    narrative: input.narrative || null,
    ...creationStamps(userId, now),
  };
}

function auditCreated(db: Executor, actor: AuditActor, row: AssessmentRow) {
  return auditService.record(db, actor, 'assessment.created', {
    entityType: 'assessment',
    entityId: row.id,
    summary: {
      sourceId: asId(row.source_id),
      jurisdiction: asCode(row.jurisdiction),
      year: row.year,
      tier: row.tier ? asCode(row.tier) : null,
      waiver: row.waiver === 1,
    },
  });
}

export const assessmentsService = {
  async sources({ tx }: UseCase): Promise<SourceView[]> {
    return (await assessmentsRepo.sources(tx)).map(presentSource);
  },

  async createSource({ tx, actor, now }: UseCase, input: SourceBody): Promise<SourceView> {
    if (await assessmentsRepo.sourceByName(tx, input.name)) throw duplicate('name');
    const row: SourceRow = {
      id: uuidv7(),
      kind: input.kind,
      name: input.name,
      ...creationStamps(actor.userId, now),
    };
    await assessmentsRepo.insertSource(tx, row);
    await auditService.record(tx, actor, 'assessment.source_created', {
      entityType: 'assessment_source',
      entityId: row.id,
      summary: { kind: asCode(row.kind) },
    });
    return presentSource(row);
  },

  async list(
    { tx }: UseCase,
    filter: { sourceId?: string | undefined; jurisdiction?: string | undefined },
  ): Promise<AssessmentSummary[]> {
    const sources = new Map((await assessmentsRepo.sources(tx)).map((s) => [s.id, s]));
    return (await assessmentsRepo.list(tx, filter)).map((row) =>
      presentSummary(row, sources.get(row.source_id)!, {
        recommendations: row.recommendation_count ?? 0,
        claims: row.claim_count ?? 0,
      }),
    );
  },

  async get({ tx }: UseCase, id: string, warnings: string[] = []): Promise<AssessmentView> {
    const row = await assessmentOrFail(tx, id);
    const source = (await assessmentsRepo.source(tx, row.source_id))!;
    const [sections, recommendations, claims] = await Promise.all([
      assessmentsRepo.sections(tx, id),
      assessmentsRepo.recommendations(tx, id),
      assessmentsRepo.claims(tx, id),
    ]);
    return {
      ...presentSummary(row, source, { recommendations: recommendations.length, claims: claims.length }),
      narrative: row.narrative,
      sections: sections.map((s) => ({
        id: s.id,
        kind: s.kind,
        heading: s.heading,
        text: s.text,
        position: s.position,
      })),
      recommendations: recommendations.map((r) => ({
        id: r.id,
        assessmentId: r.assessment_id,
        year: row.year,
        text: r.text,
        status: r.status,
        position: r.position,
      })),
      claims: claims.map(presentClaim),
      warnings,
    };
  },

  async create(uc: UseCase, input: AssessmentBody): Promise<AssessmentView> {
    const { tx, actor, now, today } = uc;
    const source = await sourceOrFail(tx, input.sourceId);
    checkYear(source.kind, input.year, today);
    if (await assessmentsRepo.byYear(tx, source.id, input.jurisdiction, input.year)) throw duplicate('year');
    const warnings = await tierWarnings(
      tx,
      source,
      { jurisdiction: input.jurisdiction, year: input.year, tier: input.tier ?? null, waiver: input.waiver },
      today,
    );
    const row = newAssessmentRow(source, input.jurisdiction, input.year, now, actor.userId, input);
    await assessmentsRepo.insert(tx, row);
    await auditCreated(tx, actor, row);
    return this.get(uc, row.id, warnings);
  },

  async update(uc: UseCase, id: string, input: AssessmentUpdate): Promise<AssessmentView> {
    const { tx, actor, now, today } = uc;
    const row = await assessmentOrFail(tx, id);
    const source = (await assessmentsRepo.source(tx, row.source_id))!;
    const tier = input.tier === undefined ? row.tier : input.tier;
    const waiver = input.waiver ?? row.waiver === 1;
    const warnings =
      input.tier !== undefined || input.waiver !== undefined
        ? await tierWarnings(
            tx,
            source,
            { jurisdiction: row.jurisdiction, year: row.year, tier, waiver },
            today,
          )
        : [];
    await updateVersionedOrStale(
      tx,
      'assessments',
      id,
      input.version,
      {
        tier,
        waiver: waiver ? 1 : 0,
        ...(input.publishedOn !== undefined ? { published_on: input.publishedOn } : {}),
        ...(input.title !== undefined ? { title: input.title || null } : {}),
        ...(input.narrative !== undefined ? { narrative: input.narrative || null } : {}),
        ...updateStamps(actor.userId, now),
      },
      'assessment',
    );
    await auditService.record(tx, actor, 'assessment.updated', {
      entityType: 'assessment',
      entityId: id,
      summary: { fields: fieldNames(input, 'version') },
    });
    return this.get(uc, id, warnings);
  },

  /** The TIP placements of a jurisdiction, the rules' findings on them, and the forecast for next year. */
  async tierHistory({ tx, today }: UseCase, jurisdiction: string): Promise<TierHistoryView> {
    const rows = await assessmentsRepo.tipHistory(tx, jurisdiction);
    const history = rows.map((row) => ({ year: row.year, tier: row.tier!, waiver: row.waiver === 1 }));
    const settings = tierRuleSettings(today);
    const check = validateHistory(history, settings);
    // The next report after the latest one recorded (the one a government prepares for).
    const forecast = forecastAll(history, settings);
    return {
      jurisdiction,
      history: rows.map((row) => ({
        year: row.year,
        tier: row.tier!,
        waiver: row.waiver === 1,
        assessmentId: row.id,
      })),
      violations: check.violations.map(({ year, reason }) => ({ year, reason })),
      waiverYears: check.waiverYears,
      forecast: {
        year: forecast.year,
        outcomes: forecast.outcomes.map(
          ({ assessed, tier, autoDowngrade, waiverApplied, waiverAvailable }) => ({
            assessed,
            tier,
            autoDowngrade,
            waiverApplied,
            waiverAvailable,
          }),
        ),
      },
    };
  },
};
