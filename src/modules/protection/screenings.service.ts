import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid, type FieldError } from '../../core/errors.js';
import { assertNotFuture } from '../../core/dates.js';
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  ILO_INDICATOR_CATALOGUE,
  LIST_IDS,
  LIST_LABELS,
  type IndicatorCatalogue,
  type ListId,
} from '../../core/screening/indicator-catalogue.js';
import { indicatorIndex, screen, ScreeningError } from '../../core/screening/screening-rule.js';
import type { PersonGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import { loadReferences, presentScreening } from './protection.presenters.js';
import { protectionRepo, type ScreeningRow } from './protection.repo.js';
import type { CatalogueView, ScreeningBody, ScreeningView } from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { victimOf } from './victim.js';
import { asCode, asIds } from '../audit/audit-values.js';

const isChildList = (list: ListId) => list.startsWith('child-');

/** Screening a victim against a versioned indicator catalogue (the ILO's by default). */
export function createScreeningsService(catalogue: IndicatorCatalogue = ILO_INDICATOR_CATALOGUE) {
  /** Every answer must name an indicator of the chosen list; each one that does not is its own field error. */
  function assertAnswers(list: ListId, answers: Record<string, string>): void {
    const index = indicatorIndex(catalogue);
    const problems: FieldError[] = [];
    for (const id of Object.keys(answers)) {
      const indicator = index.get(id);
      if (!indicator) problems.push({ path: `answers.${id}`, code: 'unknown_indicator' });
      else if (indicator.list !== list)
        problems.push({ path: `answers.${id}`, code: 'other_list', params: { list: indicator.list } });
    }
    if (problems.length > 0) {
      throw new GuiaError(
        'screening.unknown_indicator',
        { indicatorId: problems[0]!.path.slice('answers.'.length) },
        problems.slice(0, 50),
      );
    }
  }

  function score(answers: Parameters<typeof screen>[0]) {
    try {
      return screen(answers, catalogue);
    } catch (error) {
      if (!(error instanceof ScreeningError)) throw error;
      throw new GuiaError(error.code, {
        indicatorId: 'indicatorId' in error.details ? error.details.indicatorId : '',
      });
    }
  }

  return {
    catalogue(): CatalogueView {
      return {
        version: catalogue.version,
        source: catalogue.source,
        dimensions: DIMENSIONS.map((id) => ({ id, label: DIMENSION_LABELS[id] })),
        lists: LIST_IDS.map((id) => {
          const list = catalogue.lists[id];
          return {
            id,
            label: LIST_LABELS[id],
            source: list.source,
            complete: list.complete,
            child: isChildList(id),
            indicators: list.indicators.map((i) => ({
              id: i.id,
              dimension: i.dimension,
              strength: i.strength,
              label: i.label,
            })),
          };
        }),
      };
    },

    async list({ tx }: UseCase, grant: PersonGrant): Promise<ScreeningView[]> {
      const victim = victimOf(grant);
      const rows = await protectionRepo.screenings(tx, victim.casePersonId);
      const refs = await loadReferences(tx, { users: rows.map((r) => r.created_by) });
      return rows.map((row) => presentScreening(row, victim.caseId, refs));
    },

    /** Stores every answer (missing ones as unanswered), the catalogue version and the result of the rule. */
    async record(
      { tx, actor, today, now }: UseCase,
      grant: PersonGrant,
      input: ScreeningBody,
    ): Promise<ScreeningView> {
      const victim = victimOf(grant);
      assertNotFuture(today, { screenedOn: input.screenedOn });
      // The child lists rate the facts for children; scoring them under the adult rule, or the
      // reverse, would mix two standards in one result.
      if (input.child !== isChildList(input.list))
        throw invalid('child', 'list_mismatch', { list: input.list });
      assertAnswers(input.list, input.answers);
      const answers = Object.fromEntries(
        catalogue.lists[input.list].indicators.map((i) => [i.id, input.answers[i.id] ?? 'unanswered']),
      );
      const result = score({ list: input.list, child: input.child, answers });
      const row: ScreeningRow = {
        id: uuidv7(),
        case_person_id: victim.casePersonId,
        catalogue_version: catalogue.version,
        list_id: input.list,
        child: input.child ? 1 : 0,
        answers: JSON.stringify(answers),
        status: result.status,
        presumed_victim: result.presumedVictim === null ? null : result.presumedVictim ? 1 : 0,
        positive_dimensions: JSON.stringify(result.positiveDimensions),
        dimension_counts: JSON.stringify(result.dimensions),
        screened_on: input.screenedOn,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      };
      await protectionRepo.insertScreening(tx, row);
      await auditService.record(tx, actor, 'screening.recorded', {
        entityType: 'screening',
        entityId: row.id,
        summary: {
          ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId }),
          list: input.list,
          catalogueVersion: asCode(catalogue.version),
          status: result.status,
          presumedVictim: result.presumedVictim,
          positiveDimensions: result.positiveDimensions,
        },
      });
      return presentScreening(row, victim.caseId, await loadReferences(tx, {}, actor));
    },
  };
}

export type ScreeningsService = ReturnType<typeof createScreeningsService>;
