import { uuidv7 } from 'uuidv7';
import { creationStamps } from '../../db/versioned.js';
import { GuiaError, invalid, type FieldError } from '../../core/errors.js';
import { ageOn, assertNotFuture } from '../../core/dates.js';
import { personsRepo } from '../cases/cases.repo.js';
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
import type {
  CatalogueView,
  ScreeningBody,
  ScreeningContextView,
  ScreeningView,
} from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { recordNotesRead, victimOf } from './victim.js';
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

  /**
   * Whether the person is under 18 on `day`, from the sealed birth date (null when unknown).
   * Someone under 18 when screened was under 18 when recruited: the child list applies.
   */
  async function under18({ tx, cipher }: UseCase, grant: PersonGrant, day: string): Promise<boolean | null> {
    const person = await personsRepo.get(tx, grant.personId);
    const birthDate = cipher.decryptOptional(person?.birth_date_enc ?? null, 'persons.birth_date_enc');
    return birthDate === null ? null : ageOn(birthDate, day) < 18;
  }

  return {
    /** What the form needs to know of the person before the first answer: only whether a child. */
    async context(uc: UseCase, grant: PersonGrant): Promise<ScreeningContextView> {
      victimOf(grant);
      return { under18: await under18(uc, grant, uc.today) };
    },

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

    async list(uc: UseCase, grant: PersonGrant): Promise<ScreeningView[]> {
      const victim = victimOf(grant);
      const rows = await protectionRepo.screenings(uc.tx, victim.casePersonId);
      const refs = await loadReferences(uc.tx, { users: rows.map((r) => r.created_by) });
      await recordNotesRead(uc, victim, 'screenings', rows.filter((r) => r.notes_enc).length);
      return rows.map((row) => presentScreening(row, victim.caseId, refs, uc.cipher));
    },

    /** Stores every answer (missing ones as unanswered), the catalogue version and the result of the rule. */
    async record(uc: UseCase, grant: PersonGrant, input: ScreeningBody): Promise<ScreeningView> {
      const { tx, actor, today, now, cipher } = uc;
      const victim = victimOf(grant);
      assertNotFuture(today, { screenedOn: input.screenedOn });
      // The child lists rate the facts for children; scoring them under the adult rule, or the
      // reverse, would mix two standards in one result.
      if (input.child !== isChildList(input.list))
        throw invalid('child', 'list_mismatch', { list: input.list });
      if (!input.child && (await under18(uc, grant, input.screenedOn)))
        throw invalid('child', 'under_18_by_birth_date');
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
        notes_enc: cipher.encryptOptional(input.notes, 'screenings.notes'),
        interview_language: input.interviewLanguage ?? null,
        interpreter: input.interpreter === undefined ? null : input.interpreter ? 1 : 0,
        ...creationStamps(actor.userId, now),
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
          interviewLanguage: input.interviewLanguage ? asCode(input.interviewLanguage) : null,
          interpreter: input.interpreter ?? null,
        },
      });
      return presentScreening(row, victim.caseId, await loadReferences(tx, {}, actor), cipher);
    },
  };
}

export type ScreeningsService = ReturnType<typeof createScreeningsService>;
