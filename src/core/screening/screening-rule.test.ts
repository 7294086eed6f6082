import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DIMENSIONS, ILO_INDICATOR_CATALOGUE, type Dimension } from './indicator-catalogue.js';
import {
  countIndicators,
  dimensionPositive,
  isPresumedVictim,
  screen,
  ScreeningError,
  type IndicatorAnswer,
  type StrengthCounts,
} from './screening-rule.js';

const catalogue = ILO_INDICATOR_CATALOGUE;
const adultLabourIds = catalogue.lists['adult-labour'].indicators.map((indicator) => indicator.id);

/** A dimension that is positive on its own (two strong indicators). */
const POSITIVE: StrengthCounts = { strong: 2, medium: 0, weak: 0 };

function counts(strong: number, medium: number, weak: number): StrengthCounts {
  return { strong, medium, weak };
}

function positiveIn(...dimensions: Dimension[]): Partial<Record<Dimension, StrengthCounts>> {
  return Object.fromEntries(dimensions.map((dimension) => [dimension, POSITIVE]));
}

const countsArbitrary = fc.record({
  strong: fc.nat({ max: 4 }),
  medium: fc.nat({ max: 5 }),
  weak: fc.nat({ max: 5 }),
});

const dimensionsArbitrary = fc.record(
  Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, countsArbitrary])) as Record<
    Dimension,
    typeof countsArbitrary
  >,
  { requiredKeys: [] },
);

function add(a: StrengthCounts | undefined, b: StrengthCounts | undefined): StrengthCounts {
  return {
    strong: (a?.strong ?? 0) + (b?.strong ?? 0),
    medium: (a?.medium ?? 0) + (b?.medium ?? 0),
    weak: (a?.weak ?? 0) + (b?.weak ?? 0),
  };
}

describe('a dimension', () => {
  it.each([
    ['2 strong', counts(2, 0, 0), true],
    ['1 strong and 1 medium', counts(1, 1, 0), true],
    ['1 strong and 1 weak', counts(1, 0, 1), true],
    ['3 medium', counts(0, 3, 0), true],
    ['2 medium and 1 weak', counts(0, 2, 1), true],
    ['many of everything', counts(4, 5, 5), true],
    ['nothing', counts(0, 0, 0), false],
    ['1 strong alone', counts(1, 0, 0), false],
    ['2 medium alone', counts(0, 2, 0), false],
    ['1 medium and 1 weak', counts(0, 1, 1), false],
    ['1 medium and many weak', counts(0, 1, 9), false],
    ['many weak', counts(0, 0, 50), false],
  ])('with %s is positive: %s', (_case, given, expected) => {
    expect(dimensionPositive(given)).toBe(expected);
  });

  it('is never positive on weak indicators alone', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), (weak) => {
        expect(dimensionPositive(counts(0, 0, weak))).toBe(false);
      }),
    );
  });

  it('stays positive when indicators are added', () => {
    fc.assert(
      fc.property(countsArbitrary, countsArbitrary, (found, more) => {
        fc.pre(dimensionPositive(found));
        expect(dimensionPositive(add(found, more))).toBe(true);
      }),
    );
  });

  it('is positive exactly when some clause of the rule is met by a subset of its indicators', () => {
    const clauses = [counts(2, 0, 0), counts(1, 1, 0), counts(1, 0, 1), counts(0, 3, 0), counts(0, 2, 1)];
    fc.assert(
      fc.property(countsArbitrary, (found) => {
        const meetsClause = clauses.some(
          (clause) =>
            found.strong >= clause.strong && found.medium >= clause.medium && found.weak >= clause.weak,
        );
        expect(dimensionPositive(found)).toBe(meetsClause);
      }),
    );
  });
});

describe('an adult', () => {
  it.each([
    ['D1', 'D5'],
    ['D1', 'D6'],
    ['D2', 'D5'],
    ['D2', 'D6'],
    ['D3', 'D5'],
    ['D3', 'D6'],
  ] as const)('is a presumed victim with %s, D4 and %s positive', (recruitment, destination) => {
    const result = isPresumedVictim({ child: false, dimensions: positiveIn(recruitment, 'D4', destination) });
    expect(result.presumedVictim).toBe(true);
    expect(result.positiveDimensions).toEqual([recruitment, 'D4', destination]);
  });

  it.each([
    ['without a recruitment dimension', positiveIn('D4', 'D5', 'D6')],
    ['without exploitative conditions', positiveIn('D1', 'D2', 'D3', 'D5', 'D6')],
    ['without coercion or abuse of vulnerability at destination', positiveIn('D1', 'D2', 'D3', 'D4')],
    ['with no indicator at all', {}],
  ])('is not a presumed victim %s', (_case, dimensions) => {
    expect(isPresumedVictim({ child: false, dimensions }).presumedVictim).toBe(false);
  });

  it('is not a presumed victim when the destination dimension holds only weak indicators', () => {
    const dimensions = { ...positiveIn('D1', 'D4'), D5: counts(0, 0, 3), D6: counts(0, 1, 2) };
    expect(isPresumedVictim({ child: false, dimensions }).presumedVictim).toBe(false);
  });
});

describe('a child', () => {
  it.each(['D1', 'D2', 'D3'] as const)(
    'is a presumed victim with %s and D4 positive, without any means',
    (recruitment) => {
      const result = isPresumedVictim({ child: true, dimensions: positiveIn(recruitment, 'D4') });
      expect(result.presumedVictim).toBe(true);
      expect(result.positiveDimensions).toEqual([recruitment, 'D4']);
    },
  );

  it.each([
    ['without a recruitment dimension', positiveIn('D4', 'D5', 'D6')],
    ['without exploitative conditions', positiveIn('D1', 'D2', 'D3', 'D5', 'D6')],
    ['with no indicator at all', {}],
  ])('is not a presumed victim %s', (_case, dimensions) => {
    expect(isPresumedVictim({ child: true, dimensions }).presumedVictim).toBe(false);
  });

  it('is a presumed victim whenever an adult with the same indicators would be', () => {
    fc.assert(
      fc.property(dimensionsArbitrary, (dimensions) => {
        fc.pre(isPresumedVictim({ child: false, dimensions }).presumedVictim);
        expect(isPresumedVictim({ child: true, dimensions }).presumedVictim).toBe(true);
      }),
    );
  });
});

describe('the presumption', () => {
  it('reports every dimension, counting a dimension left out as no indicator found', () => {
    const result = isPresumedVictim({ child: false, dimensions: { D2: counts(0, 2, 1) } });
    expect(result.dimensions).toEqual({
      D1: { strong: 0, medium: 0, weak: 0, positive: false },
      D2: { strong: 0, medium: 2, weak: 1, positive: true },
      D3: { strong: 0, medium: 0, weak: 0, positive: false },
      D4: { strong: 0, medium: 0, weak: 0, positive: false },
      D5: { strong: 0, medium: 0, weak: 0, positive: false },
      D6: { strong: 0, medium: 0, weak: 0, positive: false },
    });
    expect(result.positiveDimensions).toEqual(['D2']);
  });

  it.each([false, true])(
    'never turns a presumed victim into a non-victim when indicators are added (child: %s)',
    (child) => {
      fc.assert(
        fc.property(dimensionsArbitrary, dimensionsArbitrary, (found, more) => {
          fc.pre(isPresumedVictim({ child, dimensions: found }).presumedVictim);
          const combined = Object.fromEntries(
            DIMENSIONS.map((dimension) => [dimension, add(found[dimension], more[dimension])]),
          );
          expect(isPresumedVictim({ child, dimensions: combined }).presumedVictim).toBe(true);
        }),
      );
    },
  );

  it('lists positive dimensions in the order D1 to D6', () => {
    fc.assert(
      fc.property(fc.boolean(), dimensionsArbitrary, (child, dimensions) => {
        const { positiveDimensions } = isPresumedVictim({ child, dimensions });
        expect(positiveDimensions).toEqual(DIMENSIONS.filter((d) => positiveDimensions.includes(d)));
      }),
    );
  });
});

describe('counting indicators', () => {
  it('counts the indicators found per dimension and strength', () => {
    const found = countIndicators(
      ['AL-D1-S01', 'AL-D1-M01', 'AL-D1-W01', 'AL-D4-S01', 'AL-D5-M03'],
      catalogue,
    );
    expect(found).toEqual({
      D1: counts(1, 1, 1),
      D2: counts(0, 0, 0),
      D3: counts(0, 0, 0),
      D4: counts(1, 0, 0),
      D5: counts(0, 1, 0),
      D6: counts(0, 0, 0),
    });
  });

  it('counts an indicator given twice once', () => {
    expect(countIndicators(['AL-D1-S01', 'AL-D1-S01'], catalogue).D1).toEqual(counts(1, 0, 0));
  });

  it('refuses an unknown id with a typed error naming it', () => {
    const attempt = (): unknown => countIndicators(['AL-D1-S01', 'AL-D9-X99'], catalogue);
    expect(attempt).toThrow(ScreeningError);
    expect(attempt).toThrow(/AL-D9-X99/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'screening.unknown_indicator',
        details: { indicatorId: 'AL-D9-X99' },
      });
    }
  });

  it('refuses indicators from two lists, which would count one fact under two ratings', () => {
    expect(() => countIndicators(['AL-D1-S01', 'AS-D1-S01'], catalogue)).toThrow(
      expect.objectContaining({ code: 'screening.mixed_lists' }),
    );
  });

  it('never turns a presumed victim into a non-victim when more indicators of the list are found', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.subarray(adultLabourIds),
        fc.subarray(adultLabourIds),
        (child, found, more) => {
          const before = isPresumedVictim({ child, dimensions: countIndicators(found, catalogue) });
          fc.pre(before.presumedVictim);
          const after = isPresumedVictim({
            child,
            dimensions: countIndicators([...found, ...more], catalogue),
          });
          expect(after.presumedVictim).toBe(true);
        },
      ),
    );
  });
});

describe('a stored screening', () => {
  const everyAnswer = (answer: IndicatorAnswer): Record<string, IndicatorAnswer> =>
    Object.fromEntries(adultLabourIds.map((id) => [id, answer]));

  const victimAnswers = {
    'AL-D1-S01': 'yes',
    'AL-D1-M01': 'yes',
    'AL-D4-S01': 'yes',
    'AL-D4-M01': 'yes',
    'AL-D5-S01': 'yes',
    'AL-D5-S02': 'yes',
  } as const;

  it('with every indicator answered no is complete and not a presumed victim', () => {
    const result = screen({ list: 'adult-labour', child: false, answers: everyAnswer('no') }, catalogue);
    expect(result).toMatchObject({
      status: 'complete',
      presumedVictim: false,
      positiveDimensions: [],
      unanswered: [],
    });
  });

  it('with enough yes answers and the rest no is complete and a presumed victim', () => {
    const answers = { ...everyAnswer('no'), ...victimAnswers };
    const result = screen({ list: 'adult-labour', child: false, answers }, catalogue);
    expect(result).toMatchObject({
      status: 'complete',
      presumedVictim: true,
      positiveDimensions: ['D1', 'D4', 'D5'],
    });
    expect(result.dimensions.D5).toEqual({ strong: 2, medium: 0, weak: 0, positive: true });
  });

  it('with unanswered indicators is incomplete, not a "no"', () => {
    const answers = { ...everyAnswer('no'), 'AL-D6-M01': 'unanswered', 'AL-D1-S01': 'yes' } as const;
    const result = screen({ list: 'adult-labour', child: false, answers }, catalogue);
    expect(result.status).toBe('incomplete');
    expect(result.presumedVictim).toBeNull();
    expect(result.unanswered).toEqual(['AL-D6-M01']);
  });

  it('counts an indicator missing from the answers as unanswered', () => {
    const result = screen({ list: 'adult-labour', child: false, answers: {} }, catalogue);
    expect(result.status).toBe('incomplete');
    expect(result.presumedVictim).toBeNull();
    expect(result.unanswered).toEqual(adultLabourIds);
  });

  it('is already a presumed victim when incomplete, since more answers cannot undo it', () => {
    const result = screen({ list: 'adult-labour', child: false, answers: victimAnswers }, catalogue);
    expect(result.status).toBe('incomplete');
    expect(result.presumedVictim).toBe(true);
  });

  it('applies the child rule to a child', () => {
    const answers = {
      ...everyAnswer('no'),
      'AL-D1-S01': 'yes',
      'AL-D1-M01': 'yes',
      'AL-D4-S01': 'yes',
      'AL-D4-M01': 'yes',
    } as const;
    expect(screen({ list: 'adult-labour', child: true, answers }, catalogue).presumedVictim).toBe(true);
    expect(screen({ list: 'adult-labour', child: false, answers }, catalogue).presumedVictim).toBe(false);
  });

  it('refuses an answer to an indicator of another list', () => {
    expect(() =>
      screen({ list: 'child-labour', child: true, answers: { 'AL-D1-S01': 'yes' } }, catalogue),
    ).toThrow(
      expect.objectContaining({
        code: 'screening.unknown_indicator',
        details: expect.objectContaining({ indicatorId: 'AL-D1-S01' }),
      }),
    );
  });
});
