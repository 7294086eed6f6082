import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { asCode, asIdOrNull, fieldNames } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { assessmentsRepo, type RecommendationWithYear } from './assessments.repo.js';
import type {
  BoardQuery,
  LinkSuggestion,
  RecommendationCard,
  RecommendationRef,
  RecommendationUpdate,
  RecommendationView,
  StatusChange,
} from './assessments.schemas.js';
import { visibleEvidence } from './evidence.service.js';
import { similarity } from './text-similarity.js';
import { updateStamps, updateVersionedOrStale } from '../../db/versioned.js';

/** Suggestions below this similarity are noise (see text-similarity.test.ts). */
const SUGGESTION_THRESHOLD = 0.3;
const MAX_SUGGESTIONS = 5;

const ref = (r: RecommendationWithYear): RecommendationRef => ({
  id: r.id,
  assessmentId: r.assessment_id,
  year: r.year,
  text: r.text,
  status: r.status,
});

async function recommendationOrFail(db: Executor, id: string): Promise<RecommendationWithYear> {
  const row = await assessmentsRepo.recommendation(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'recommendation' });
  return row;
}

/** The year of the earliest report in a recommendation's chain of repeats. */
function firstYearOf(row: RecommendationWithYear, byId: ReadonlyMap<string, RecommendationWithYear>): number {
  let first = row.year;
  const seen = new Set<string>([row.id]);
  for (let previous = row.previous_id; previous && !seen.has(previous);) {
    seen.add(previous);
    const earlier = byId.get(previous);
    if (!earlier) break;
    first = Math.min(first, earlier.year);
    previous = earlier.previous_id;
  }
  return first;
}

async function cards(db: Executor, rows: RecommendationWithYear[], all: RecommendationWithYear[]) {
  const byId = new Map(all.map((r) => [r.id, r]));
  const ids = rows.map((r) => r.id);
  const [agencies, tasks, evidence] = await Promise.all([
    assessmentsRepo.agenciesOf(db, ids),
    assessmentsRepo.tasksOf(db, ids),
    assessmentsRepo.evidence(db, 'recommendation', ids),
  ]);
  return rows.map((row): RecommendationCard => {
    const firstYear = firstYearOf(row, byId);
    return {
      ...ref(row),
      jurisdiction: row.jurisdiction,
      agencies: agencies.filter((a) => a.recommendation_id === row.id).map(({ id, code }) => ({ id, code })),
      firstYear,
      yearsOpen: row.year - firstYear + 1,
      tasks: tasks.filter((t) => t.recommendation_id === row.id).length,
      evidence: evidence.filter((e) => e.owner_id === row.id).length,
      version: row.version,
    };
  });
}

/** A link to an earlier self must go back in time, within one jurisdiction, without a loop. */
async function checkPrevious(db: Executor, row: RecommendationWithYear, previousId: string): Promise<void> {
  const previous = await assessmentsRepo.recommendation(db, previousId);
  if (!previous) throw invalid('previousId', 'unknown_recommendation');
  if (previous.jurisdiction !== row.jurisdiction) throw invalid('previousId', 'other_jurisdiction');
  if (previous.year >= row.year) throw invalid('previousId', 'not_earlier');
}

async function checkTasks(db: Executor, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0 || !(await assessmentsRepo.tasksTableExists(db))) return;
  const found = await assessmentsRepo.existingTaskIds(db, taskIds);
  const missing = taskIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`taskIds.${missing}`, 'unknown_task');
}

async function checkAgencies(db: Executor, agencyIds: string[]): Promise<void> {
  const found = await assessmentsRepo.existingAgencyIds(db, agencyIds);
  const missing = agencyIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`agencyIds.${missing}`, 'unknown_agency');
}

export const recommendationsService = {
  /** The board: every recommendation with its agencies, how long it has stood open, and its follow-up. */
  async board({ tx }: UseCase, query: BoardQuery): Promise<RecommendationCard[]> {
    const all = await assessmentsRepo.allRecommendations(tx, query.jurisdiction);
    const rows = all.filter(
      (r) =>
        (query.status === undefined || r.status === query.status) &&
        (query.year === undefined || r.year === query.year),
    );
    const result = await cards(tx, rows, all);
    return query.agencyId
      ? result.filter((card) => card.agencies.some((a) => a.id === query.agencyId))
      : result;
  },

  async get({ tx, actor }: UseCase, id: string): Promise<RecommendationView> {
    const row = await recommendationOrFail(tx, id);
    const all = await assessmentsRepo.allRecommendations(tx, row.jurisdiction);
    const [card] = await cards(tx, [row], all);
    const [tasks, history, evidence] = await Promise.all([
      assessmentsRepo.tasksOf(tx, [id]),
      assessmentsRepo.history(tx, id),
      visibleEvidence(tx, actor, 'recommendation', [id]),
    ]);
    const previous = row.previous_id ? all.find((r) => r.id === row.previous_id) : undefined;
    return {
      ...card!,
      reason: row.status_reason,
      taskIds: tasks.map((t) => t.task_id),
      evidenceItems: evidence.get(id) ?? [],
      history: history.map((h) => ({
        status: h.status,
        reason: h.reason,
        at: h.changed_at,
        by: h.changed_by ? { id: h.changed_by, name: h.changed_by_name ?? '' } : null,
      })),
      previous: previous ? ref(previous) : null,
      repeatedIn: all.filter((r) => r.previous_id === id).map(ref),
    };
  },

  async update(uc: UseCase, id: string, input: RecommendationUpdate): Promise<RecommendationView> {
    const { tx, actor, now } = uc;
    const row = await recommendationOrFail(tx, id);
    if (input.agencyIds) await checkAgencies(tx, input.agencyIds);
    if (input.taskIds) await checkTasks(tx, input.taskIds);
    if (input.previousId) await checkPrevious(tx, row, input.previousId);
    await updateVersionedOrStale(
      tx,
      'recommendations',
      id,
      input.version,
      {
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.previousId !== undefined ? { previous_id: input.previousId } : {}),
        ...updateStamps(actor.userId, now),
      },
      'recommendation',
    );
    if (input.agencyIds) await assessmentsRepo.setAgencies(tx, id, [...new Set(input.agencyIds)]);
    if (input.taskIds) await assessmentsRepo.setTasks(tx, id, [...new Set(input.taskIds)]);
    await auditService.record(tx, actor, 'recommendation.updated', {
      entityType: 'recommendation',
      entityId: id,
      summary: {
        fields: fieldNames(input, 'version'),
        agencies: (await assessmentsRepo.agenciesOf(tx, [id])).length,
        tasks: (await assessmentsRepo.tasksOf(tx, [id])).length,
        previousId: asIdOrNull(input.previousId === undefined ? row.previous_id : input.previousId),
      },
    });
    return this.get(uc, id);
  },

  /** A new status, kept in the history; "not accepted" must say why. */
  async changeStatus(uc: UseCase, id: string, input: StatusChange): Promise<RecommendationView> {
    const { tx, actor, now } = uc;
    const row = await recommendationOrFail(tx, id);
    const reason = input.reason?.trim() || null;
    if (input.status === 'not_accepted' && !reason) throw invalid('reason', 'required');
    await updateVersionedOrStale(
      tx,
      'recommendations',
      id,
      input.version,
      { status: input.status, status_reason: reason, ...updateStamps(actor.userId, now) },
      'recommendation',
    );
    await assessmentsRepo.insertHistory(tx, {
      id: uuidv7(),
      recommendation_id: id,
      status: input.status,
      reason,
      changed_at: now,
      changed_by: actor.userId,
    });
    await auditService.record(tx, actor, 'recommendation.status_changed', {
      entityType: 'recommendation',
      entityId: id,
      summary: { from: asCode(row.status), to: asCode(input.status) },
    });
    return this.get(uc, id);
  },

  /** Earlier recommendations of the same jurisdiction that read alike: candidates for the earlier self. */
  async suggestions({ tx }: UseCase, id: string): Promise<LinkSuggestion[]> {
    const row = await recommendationOrFail(tx, id);
    const all = await assessmentsRepo.allRecommendations(tx, row.jurisdiction);
    return all
      .filter((r) => r.year < row.year)
      .map((r) => ({ ...ref(r), similarity: Math.round(similarity(row.text, r.text) * 100) / 100 }))
      .filter((s) => s.similarity >= SUGGESTION_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity || b.year - a.year)
      .slice(0, MAX_SUGGESTIONS);
  },
};
