import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialUpperTail, erfc, logGamma, twoSidedNormalP } from './distributions.js';
import { comparePeriods, poissonTrend, Z_975, type YearCount } from './trend.js';

// Every expected value below is computed here by a different route than the code under test:
// closed forms, Simpson integration, golden-section search of the profile likelihood, exact
// fractions. None is a copy of the function's own output.

const series = (first: number, counts: number[]): YearCount[] =>
  counts.map((count, i) => ({ year: first + i, count }));

/** P(|Z| ≥ z) by Simpson's rule on the normal density over [z, z + 12], 20,000 panels. */
function simpsonTwoSided(z: number): number {
  const a = Math.abs(z);
  const panels = 20_000;
  const h = 12 / panels;
  const phi = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = phi(a) + phi(a + 12);
  for (let i = 1; i < panels; i++) sum += (i % 2 ? 4 : 2) * phi(a + i * h);
  return (2 * (sum * h)) / 3;
}

/** The slope's profile log-likelihood: the intercept maximised out in closed form. */
function profile(points: YearCount[]): (b: number) => number {
  const centre = points.reduce((s, p) => s + p.year, 0) / points.length;
  const total = points.reduce((s, p) => s + p.count, 0);
  return (b) =>
    points.reduce((s, p) => s + p.count * b * (p.year - centre), 0) -
    total * Math.log(points.reduce((s, p) => s + Math.exp(b * (p.year - centre)), 0));
}

/** The maximiser of the profile: a grid over [−5, 5], then bisection on its analytic derivative. */
function gridMaximum(points: YearCount[]): number {
  const f = profile(points);
  const centre = points.reduce((s, p) => s + p.year, 0) / points.length;
  const total = points.reduce((s, p) => s + p.count, 0);
  const derivative = (b: number) => {
    const weights = points.map((p) => Math.exp(b * (p.year - centre)));
    const weighted = points.reduce((s, p, i) => s + (p.year - centre) * weights[i]!, 0);
    const sum = weights.reduce((s, w) => s + w, 0);
    return points.reduce((s, p) => s + p.count * (p.year - centre), 0) - (total * weighted) / sum;
  };
  let best = -5;
  for (let b = -5; b <= 5; b += 0.001) if (f(b) > f(best)) best = b;
  let lo = best - 0.002; // derivative > 0
  let hi = best + 0.002; // derivative < 0
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (derivative(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('normal tail probabilities', () => {
  it('matches tabulated values of erfc and the 1.96 rule', () => {
    // Abramowitz & Stegun table 7.1 / DLMF, to 16 digits.
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(2) / 0.004677734981047266).toBeCloseTo(1, 12);
    expect(erfc(3) / 2.2090496998585441e-5).toBeCloseTo(1, 12);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(twoSidedNormalP(Z_975)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(0)).toBe(1);
  });

  it('agrees with Simpson integration of the density, in the body and the far tail', () => {
    for (const z of [0.1, 0.7, 1.5, 2.4, 2.6, 3.3, 4.5, 6]) {
      expect(twoSidedNormalP(z) / simpsonTwoSided(z)).toBeCloseTo(1, 9);
    }
  });

  it('log-gamma gives factorials', () => {
    expect(Math.exp(logGamma(11))).toBeCloseTo(3_628_800, 4);
    expect(logGamma(101) / 363.73937555556347).toBeCloseTo(1, 13); // log(100!)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
});

describe('Poisson log-linear trend', () => {
  it('with two years, reproduces the closed form: ratio y₂/y₁, se² = 1/y₁ + 1/y₂', () => {
    const trend = poissonTrend(series(2022, [10, 4]));
    const slope = Math.log(4 / 10);
    const se = Math.sqrt(1 / 10 + 1 / 4);
    expect(trend.fitted).toBe(true);
    expect(trend.rateRatio).toBeCloseTo(0.4, 12);
    expect(trend.ci95![0]).toBeCloseTo(Math.exp(slope - 1.959963984540054 * se), 12);
    expect(trend.ci95![1]).toBeCloseTo(Math.exp(slope + 1.959963984540054 * se), 12);
    expect(trend.pValue).toBeCloseTo(simpsonTwoSided(slope / se), 9);
    expect(trend.direction).toBe('none'); // 10 → 4 is not enough evidence: the interval holds 1
  });

  it('with equal counts, has slope 0, p = 1 and se = 1/√(c·Σt²)', () => {
    const trend = poissonTrend(series(2016, [4, 4, 4, 4, 4]));
    const se = 1 / Math.sqrt(4 * (4 + 1 + 0 + 1 + 4));
    expect(trend.rateRatio).toBeCloseTo(1, 12);
    expect(trend.pValue).toBeCloseTo(1, 12);
    expect(trend.ci95![0]).toBeCloseTo(Math.exp(-Z_975 * se), 12);
    expect(trend.ci95![1]).toBeCloseTo(Math.exp(Z_975 * se), 12);
  });

  it.each([
    ['small counts, no detectable trend', [4, 3, 5, 2, 1, 3, 2, 0], 'none'],
    ['a steady fall', [48, 41, 35, 30, 22, 19, 15, 12], 'declining'],
    ['a rise', [2, 5, 6, 9, 14, 13, 21], 'increasing'],
    ['a single non-zero year in the middle', [0, 0, 3, 0, 0], 'none'],
    ['gaps between years', [7, 6, 9], 'none'],
  ] as const)('matches the profile-likelihood maximum found by search: %s', (_name, counts, direction) => {
    const points =
      _name === 'gaps between years'
        ? [
            { year: 2010, count: counts[0] },
            { year: 2013, count: counts[1] },
            { year: 2019, count: counts[2] },
          ]
        : series(2015, [...counts]);
    const f = profile(points);
    const slope = gridMaximum(points);
    // The curvature of the profile likelihood at its maximum is 1/Var(b) (Wald).
    const h = 1e-4;
    const curvature = -(f(slope + h) - 2 * f(slope) + f(slope - h)) / (h * h);
    const se = 1 / Math.sqrt(curvature);
    const trend = poissonTrend(points);
    expect(trend.fitted).toBe(true);
    if (!trend.fitted) return;
    expect(trend.slope).toBeCloseTo(slope, 11);
    expect(trend.standardError / se).toBeCloseTo(1, 5);
    expect(trend.rateRatio).toBeCloseTo(Math.exp(slope), 11);
    expect(trend.pValue).toBeCloseTo(simpsonTwoSided(slope / se), 5);
    expect(trend.direction).toBe(direction);
  });

  it('declines exactly when the upper bound is below 1 and increases when the lower is above 1', () => {
    const down = poissonTrend(series(2016, [48, 41, 35, 30, 22, 19, 15, 12]));
    expect(down.ci95![1]).toBeLessThan(1);
    expect(down.pValue).toBeLessThan(0.05);
    const up = poissonTrend(series(2016, [2, 5, 6, 9, 14, 13, 21]));
    expect(up.ci95![0]).toBeGreaterThan(1);
  });

  it('does not fit, and says none, when there is nothing to fit', () => {
    expect(poissonTrend(series(2016, [0, 0, 0]))).toMatchObject({
      fitted: false,
      reason: 'all_zero',
      rateRatio: null,
      ci95: null,
      pValue: null,
      direction: 'none',
    });
    expect(poissonTrend(series(2016, [7]))).toMatchObject({ reason: 'too_few_years', direction: 'none' });
    expect(poissonTrend([])).toMatchObject({ reason: 'too_few_years' });
    // All the cases in the last year: the likelihood rises for ever as the slope grows.
    expect(poissonTrend(series(2016, [0, 0, 0, 5]))).toMatchObject({ reason: 'not_estimable' });
    expect(poissonTrend(series(2016, [3, 0, 0]))).toMatchObject({ reason: 'not_estimable' });
  });

  it('converges in a few Newton steps, not stalled by the rounding of the likelihood (13, 9, 6, 3)', () => {
    // This series reached the 1e-12 tolerance only after 23 steps in Node and never in Chromium,
    // where the dashboard said "too few counts" for a clear decline.
    const trend = poissonTrend(series(2021, [13, 9, 6, 3]));
    expect(trend.fitted && trend.iterations).toBeLessThanOrEqual(8);
    expect(trend.direction).toBe('declining');
    for (const counts of [
      [40, 38, 35, 31, 30, 27],
      [1, 2, 0, 4, 3],
      [120, 118, 121, 119],
      [5, 9, 14, 22, 30],
    ])
      expect(poissonTrend(series(2016, counts))).toMatchObject({
        fitted: true,
        iterations: expect.any(Number),
      });
  });

  it('is the same whatever order the years come in', () => {
    const points = series(2016, [5, 2, 7, 1]);
    expect(poissonTrend([...points].reverse())).toEqual(poissonTrend(points));
  });
});

describe('two periods, exact conditional test', () => {
  it('gives the exact binomial tail sums as fractions', () => {
    // Equal exposure, 7 of 10 events in the later period: P(X ≥ 7) = 176/1024, doubled.
    expect(comparePeriods({ count: 3, exposure: 1 }, { count: 7, exposure: 1 }).pValue).toBeCloseTo(
      352 / 1024,
      14,
    );
    // 5 then 0: P(X ≤ 0) = 1/32, doubled.
    const fall = comparePeriods({ count: 5, exposure: 1 }, { count: 0, exposure: 1 });
    expect(fall.pValue).toBeCloseTo(2 / 32, 14);
    expect(fall.rateRatio).toBe(0);
    // The interval's lower bound is 0; its upper bound q/(1−q) with (1 − q)⁵ = 0.025.
    const q = 1 - Math.pow(0.025, 1 / 5);
    expect(fall.ci95![0]).toBe(0);
    expect(fall.ci95![1]).toBeCloseTo(q / (1 - q), 10);
    expect(fall.direction).toBe('none'); // 5 → 0 is not significant at 5%
  });

  it('weighs unequal exposures: 3 years against 2 years', () => {
    // p₀ = 2/5; X = 1 of n = 12: P(X ≤ 1) = 0.6¹² + 12·0.4·0.6¹¹.
    const lower = Math.pow(0.6, 12) + 12 * 0.4 * Math.pow(0.6, 11);
    const result = comparePeriods({ count: 11, exposure: 3 }, { count: 1, exposure: 2 });
    expect(result.pValue).toBeCloseTo(2 * lower, 14);
    expect(result.rateRatio).toBeCloseTo(1 / 2 / (11 / 3), 14);
    expect(result.direction).toBe('declining');
    expect(result.ci95![1]!).toBeLessThan(1);
  });

  it('its interval bounds are where the tails equal 2.5% (Clopper–Pearson)', () => {
    const result = comparePeriods({ count: 20, exposure: 1 }, { count: 6, exposure: 1 });
    const [lo, hi] = result.ci95!;
    const pLo = lo / (1 + lo);
    const pHi = hi! / (1 + hi!);
    expect(binomialUpperTail(6, 26, pLo)).toBeCloseTo(0.025, 12);
    expect(binomialCdf(6, 26, pHi)).toBeCloseTo(0.025, 12);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.direction).toBe('declining');
  });

  it('agrees with its interval on significance, over many pairs', () => {
    for (let a = 0; a <= 15; a++) {
      for (let b = 0; b <= 15; b++) {
        const result = comparePeriods({ count: a, exposure: 1 }, { count: b, exposure: 1 });
        if (a + b === 0) continue;
        expect(result.direction !== 'none').toBe(result.pValue < 0.05);
      }
    }
  });

  it('has nothing to say about two empty periods', () => {
    expect(comparePeriods({ count: 0, exposure: 1 }, { count: 0, exposure: 1 })).toEqual({
      direction: 'none',
      rateRatio: null,
      ci95: null,
      pValue: 1,
    });
  });
});
