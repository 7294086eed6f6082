import {
  DIMENSIONS,
  type Dimension,
  type Indicator,
  type IndicatorCatalogue,
  type ListId,
} from './indicator-catalogue.js';

/**
 * The ILO/EC 2009 rule that marks a person as a presumed victim of trafficking. It is a screening aid: the
 * legal determination stays with the competent authority.
 */

export type StrengthCounts = { strong: number; medium: number; weak: number };

export type DimensionResult = StrengthCounts & { positive: boolean };

export type PresumptionInput = {
  /** Under 18 at the time of recruitment. */
  child: boolean;
  /** A dimension left out means no indicator of it was found. */
  dimensions: Partial<Record<Dimension, StrengthCounts>>;
};

export type PresumptionResult = {
  presumedVictim: boolean;
  /** In the order D1..D6. */
  positiveDimensions: Dimension[];
  dimensions: Record<Dimension, DimensionResult>;
};

export type ScreeningErrorCode = 'screening.unknown_indicator' | 'screening.mixed_lists';

export type ScreeningErrorDetails =
  | { code: 'screening.unknown_indicator'; indicatorId: string; list?: ListId }
  | { code: 'screening.mixed_lists'; lists: ListId[] };

/** Raised when answers cannot be scored against the catalogue; callers map `code` to their own error. */
export class ScreeningError extends Error {
  readonly code: ScreeningErrorCode;
  readonly details: ScreeningErrorDetails;

  constructor(details: ScreeningErrorDetails) {
    super(describeScreeningError(details));
    this.name = 'ScreeningError';
    this.code = details.code;
    this.details = details;
  }
}

function describeScreeningError(details: ScreeningErrorDetails): string {
  switch (details.code) {
    case 'screening.unknown_indicator':
      return details.list === undefined
        ? `unknown indicator id "${details.indicatorId}"`
        : `indicator id "${details.indicatorId}" is not in the ${details.list} list`;
    case 'screening.mixed_lists':
      return `indicators come from several lists (${details.lists.join(', ')}); a screening uses one list`;
  }
}

const NO_INDICATOR: StrengthCounts = { strong: 0, medium: 0, weak: 0 };

/** Weak indicators alone never make a dimension positive, however many there are. */
export function dimensionPositive(counts: StrengthCounts): boolean {
  const { strong, medium, weak } = counts;
  return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1);
}

/**
 * Adults need the act and its means (D1, D2 or D3), the purpose (D4) and the means at destination (D5 or
 * D6). For a child the means are not required (Palermo Protocol art. 3(c)), so D5/D6 drop out; the
 * recruitment dimensions stay because they also carry the act of recruitment.
 */
export function isPresumedVictim(input: PresumptionInput): PresumptionResult {
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const counts = input.dimensions[dimension] ?? NO_INDICATOR;
      const result: DimensionResult = {
        strong: counts.strong,
        medium: counts.medium,
        weak: counts.weak,
        positive: dimensionPositive(counts),
      };
      return [dimension, result];
    }),
  ) as Record<Dimension, DimensionResult>;

  const positive = (dimension: Dimension): boolean => dimensions[dimension].positive;
  const recruitment = positive('D1') || positive('D2') || positive('D3');
  const exploitation = positive('D4');
  const destinationMeans = positive('D5') || positive('D6');

  return {
    presumedVictim: recruitment && exploitation && (input.child || destinationMeans),
    positiveDimensions: DIMENSIONS.filter(positive),
    dimensions,
  };
}

const indexCache = new WeakMap<IndicatorCatalogue, ReadonlyMap<string, Indicator>>();

/** Indicators by id across all lists; cached per catalogue object because catalogues are not mutated. */
export function indicatorIndex(catalogue: IndicatorCatalogue): ReadonlyMap<string, Indicator> {
  let index = indexCache.get(catalogue);
  if (index === undefined) {
    index = new Map(
      Object.values(catalogue.lists).flatMap((list) =>
        list.indicators.map((indicator) => [indicator.id, indicator] as const),
      ),
    );
    indexCache.set(catalogue, index);
  }
  return index;
}

function emptyCounts(): Record<Dimension, StrengthCounts> {
  return Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, { ...NO_INDICATOR }])) as Record<
    Dimension,
    StrengthCounts
  >;
}

/**
 * Counts the indicators found, per dimension and strength. An id given twice is one fact and counts once.
 * All ids must come from one list: the lists rate the same facts differently, and mixing them would count
 * one fact under two ratings.
 */
export function countIndicators(
  ids: readonly string[],
  catalogue: IndicatorCatalogue,
): Record<Dimension, StrengthCounts> {
  const index = indicatorIndex(catalogue);
  const found = [...new Set(ids)].map((id) => {
    const indicator = index.get(id);
    if (indicator === undefined)
      throw new ScreeningError({ code: 'screening.unknown_indicator', indicatorId: id });
    return indicator;
  });

  const lists = [...new Set(found.map((indicator) => indicator.list))];
  if (lists.length > 1) throw new ScreeningError({ code: 'screening.mixed_lists', lists });

  const counts = emptyCounts();
  for (const indicator of found) counts[indicator.dimension][indicator.strength] += 1;
  return counts;
}

export type IndicatorAnswer = 'yes' | 'no' | 'unanswered';

export type ScreeningAnswers = {
  list: ListId;
  child: boolean;
  /** By indicator id; an indicator of the list that is missing here counts as unanswered. */
  answers: Readonly<Record<string, IndicatorAnswer>>;
};

export type ScreeningResult = Omit<PresumptionResult, 'presumedVictim'> & {
  status: 'complete' | 'incomplete';
  /**
   * True as soon as the indicators answered "yes" meet the rule: more answers can never undo it. Null while
   * the screening is incomplete and not yet positive, because an unanswered indicator is not a "no".
   */
  presumedVictim: boolean | null;
  /** Ids of the list's indicators still unanswered, in catalogue order. */
  unanswered: string[];
};

/** Scores a stored screening: one answer per indicator of one list of the catalogue. */
export function screen(screening: ScreeningAnswers, catalogue: IndicatorCatalogue): ScreeningResult {
  const indicators = catalogue.lists[screening.list].indicators;
  const inList = new Set(indicators.map((indicator) => indicator.id));
  for (const id of Object.keys(screening.answers)) {
    if (!inList.has(id)) {
      throw new ScreeningError({
        code: 'screening.unknown_indicator',
        indicatorId: id,
        list: screening.list,
      });
    }
  }

  const answerOf = (id: string): IndicatorAnswer => screening.answers[id] ?? 'unanswered';
  const found = indicators.filter((indicator) => answerOf(indicator.id) === 'yes').map(({ id }) => id);
  const unanswered = indicators
    .filter((indicator) => answerOf(indicator.id) === 'unanswered')
    .map(({ id }) => id);

  const presumption = isPresumedVictim({
    child: screening.child,
    dimensions: countIndicators(found, catalogue),
  });
  const status = unanswered.length === 0 ? 'complete' : 'incomplete';

  return {
    status,
    presumedVictim: presumption.presumedVictim ? true : status === 'complete' ? false : null,
    positiveDimensions: presumption.positiveDimensions,
    dimensions: presumption.dimensions,
    unanswered,
  };
}
