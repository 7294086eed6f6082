import { describe, expect, it } from 'vitest';
import { similarity } from './text-similarity.js';

describe('recommendation similarity', () => {
  it('finds a reworded repeat alike and an unrelated recommendation not', () => {
    const earlier =
      'Increase proactive victim identification among vulnerable groups, including migrant workers';
    const later =
      'Proactively identify victims among vulnerable groups such as migrant workers and people in commercial sex';
    const unrelated = 'Set a minimum wage for foreign domestic workers';
    expect(similarity(earlier, later)).toBeGreaterThan(0.4);
    expect(similarity(earlier, unrelated)).toBeLessThan(0.25);
  });

  it('is 1 for the same text and 0 when either text has no meaningful word', () => {
    expect(similarity('Train judges on the law', 'train JUDGES on the law')).toBe(1);
    expect(similarity('the and', 'Train judges')).toBe(0);
  });
});
