import { describe, expect, it } from 'vitest';

import { languages } from '../languages.js';
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  ILO_INDICATOR_CATALOGUE,
  LIST_IDS,
  LIST_LABELS,
  type Dimension,
  type Indicator,
  type ListId,
  type Strength,
} from './indicator-catalogue.js';

const lists = ILO_INDICATOR_CATALOGUE.lists;
const allIndicators: Indicator[] = LIST_IDS.flatMap((list) => lists[list].indicators);

function countBy(indicators: Indicator[], dimension: Dimension, strength?: Strength): number {
  return indicators.filter(
    (indicator) =>
      indicator.dimension === dimension && (strength === undefined || indicator.strength === strength),
  ).length;
}

function englishLabel(id: string): string | undefined {
  return allIndicators.find((indicator) => indicator.id === id)?.label.en;
}

describe('the adult labour list', () => {
  const adultLabour = lists['adult-labour'].indicators;

  it('is complete with the 67 indicators of the publication', () => {
    expect(lists['adult-labour'].complete).toBe(true);
    expect(adultLabour).toHaveLength(67);
  });

  it.each([
    ['D1', 10],
    ['D2', 10],
    ['D3', 16],
    ['D4', 9],
    ['D5', 15],
    ['D6', 7],
  ] as const)('has %s with %i indicators', (dimension, count) => {
    expect(countBy(adultLabour, dimension)).toBe(count);
  });

  it.each([
    ['D1', 1, 8, 1],
    ['D2', 1, 9, 0],
    ['D3', 0, 14, 2],
    ['D4', 1, 7, 1],
    ['D5', 4, 10, 1],
    ['D6', 0, 5, 2],
  ] as const)('rates %s as %i strong, %i medium, %i weak', (dimension, strong, medium, weak) => {
    expect(countBy(adultLabour, dimension, 'strong')).toBe(strong);
    expect(countBy(adultLabour, dimension, 'medium')).toBe(medium);
    expect(countBy(adultLabour, dimension, 'weak')).toBe(weak);
  });

  it.each([
    ['AL-D1-S01', 'Deceived about the nature of the job, location or employer'],
    ['AL-D1-W01', 'Deceived about access to education opportunities'],
    ['AL-D2-S01', 'Violence on victims'],
    ['AL-D2-M01', 'Abduction, forced marriage, forced adoption or selling of victim'],
    ['AL-D3-W02', 'General context'],
    ['AL-D4-S01', 'Excessive working days or hours'],
    ['AL-D4-W01', 'No access to education'],
    ['AL-D5-S01', 'Confiscation of documents'],
    ['AL-D5-S04', 'Violence on victims'],
    ['AL-D5-W01', 'Threats to inform family, community or public'],
    ['AL-D6-W02', 'Personal characteristics'],
  ])('keeps the stable id %s for "%s"', (id, label) => {
    expect(englishLabel(id)).toBe(label);
  });
});

describe('the other three lists', () => {
  it.each(['adult-sexual', 'child-labour', 'child-sexual'] as const)(
    'marks %s as awaiting review, with its source',
    (list) => {
      expect(lists[list].complete).toBe(false);
      expect(lists[list].source).toContain('Operational indicators of trafficking in human beings');
      expect(lists[list].indicators.length).toBeGreaterThan(0);
    },
  );

  it.each(['adult-sexual', 'child-labour', 'child-sexual'] as const)(
    'gives %s indicators in every dimension, and a strong or medium one in each',
    (list) => {
      for (const dimension of DIMENSIONS) {
        const inDimension = lists[list].indicators.filter((indicator) => indicator.dimension === dimension);
        expect(inDimension.some((indicator) => indicator.strength !== 'weak')).toBe(true);
      }
    },
  );

  it('rates no child indicator weak, as the child lists have no weak tier', () => {
    const child = [...lists['child-labour'].indicators, ...lists['child-sexual'].indicators];
    expect(child.filter((indicator) => indicator.strength === 'weak')).toEqual([]);
  });
});

describe('every indicator', () => {
  it('has an id unique across the catalogue', () => {
    const ids = allIndicators.map((indicator) => indicator.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has an id naming its list, dimension and strength', () => {
    const prefix: Record<ListId, string> = {
      'adult-labour': 'AL',
      'adult-sexual': 'AS',
      'child-labour': 'CL',
      'child-sexual': 'CS',
    };
    const letter: Record<Strength, string> = { strong: 'S', medium: 'M', weak: 'W' };
    for (const indicator of allIndicators) {
      expect(indicator.id).toMatch(
        new RegExp(`^${prefix[indicator.list]}-${indicator.dimension}-${letter[indicator.strength]}\\d{2}$`),
      );
    }
  });

  it('sits in the list it names', () => {
    for (const list of LIST_IDS) {
      for (const indicator of lists[list].indicators) expect(indicator.list).toBe(list);
    }
  });

  it('has a non-empty label in English, Traditional Chinese and Portuguese', () => {
    for (const indicator of allIndicators) {
      for (const locale of languages)
        expect(indicator.label[locale].trim(), `${indicator.id} ${locale}`).not.toBe('');
    }
  });

  it('appears once per dimension of its list', () => {
    for (const list of LIST_IDS) {
      const keys = lists[list].indicators.map((indicator) => `${indicator.dimension} ${indicator.label.en}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('the catalogue', () => {
  it('labels the six dimensions and four lists in three languages', () => {
    for (const dimension of DIMENSIONS) {
      for (const locale of languages) expect(DIMENSION_LABELS[dimension][locale].trim()).not.toBe('');
    }
    for (const list of LIST_IDS) {
      for (const locale of languages) expect(LIST_LABELS[list][locale].trim()).not.toBe('');
    }
  });

  it('carries a version and its source', () => {
    expect(ILO_INDICATOR_CATALOGUE.version).not.toBe('');
    expect(ILO_INDICATOR_CATALOGUE.source).toContain('2009');
  });

  it('cannot be changed in place, since every screening shares it', () => {
    const indicator = lists['adult-labour'].indicators[0];
    expect(Object.isFrozen(ILO_INDICATOR_CATALOGUE)).toBe(true);
    expect(Object.isFrozen(indicator)).toBe(true);
    expect(() => lists['adult-labour'].indicators.push({ ...indicator! })).toThrow(TypeError);
  });
});
