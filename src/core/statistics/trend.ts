import { binomialCdf, binomialUpperTail, bisect, twoSidedNormalP } from './distributions.js';

/**
 * Honest trends in small yearly counts (issue 8, publishing-statistics.md "Honest trends").
 *
 * A Poisson log-linear regression log E[yᵢ] = a + b·(yearᵢ − mean year), fitted by maximum
 * likelihood with Newton's method (for the canonical log link this is IRLS). The year is centred
 * so the intercept and the slope are nearly uncorrelated and the information matrix well
 * conditioned. The rate ratio per year is exp(b), its 95% Wald interval exp(b ± 1.96·se(b)),
 * the p-value the two-sided Wald test of b = 0.
 *
 * "declining" only when the whole interval is below 1, "increasing" only when it is above 1;
 * with counts of 0–5 the honest answer is usually "none" (no detectable trend).
 */

export type TrendDirection = 'declining' | 'increasing' | 'none';

/** Why a model gave no numbers; the direction is then "none". */
export type NotFittedReason = 'too_few_years' | 'all_zero' | 'not_estimable' | 'not_converged';

export type YearCount = { year: number; count: number };

export type PoissonTrend =
  | {
      fitted: true;
      direction: TrendDirection;
      rateRatio: number;
      ci95: [number, number];
      pValue: number;
      slope: number;
      standardError: number;
      iterations: number;
    }
  | {
      fitted: false;
      direction: 'none';
      rateRatio: null;
      ci95: null;
      pValue: null;
      reason: NotFittedReason;
    };

export const Z_975 = 1.959963984540054;

function directionOf(lower: number, upper: number): TrendDirection {
  if (upper < 1) return 'declining';
  if (lower > 1) return 'increasing';
  return 'none';
}

function notFitted(reason: NotFittedReason): PoissonTrend {
  return { fitted: false, direction: 'none', rateRatio: null, ci95: null, pValue: null, reason };
}

/**
 * The maximum-likelihood estimate exists (is finite) exactly when the years with a positive count
 * cannot be separated from the others by a line: a direction v with Xv ≤ 0 everywhere and = 0 on
 * every positive year would let the likelihood rise forever. For a line in the year that happens
 * only when all positive counts sit in a single year at either end of the series — e.g. 0, 0, 5.
 * Deciding this exactly is better than waiting for Newton's steps to stop converging.
 */
function estimable(points: readonly YearCount[]): boolean {
  const positiveYears = new Set(points.filter((p) => p.count > 0).map((p) => p.year));
  if (positiveYears.size >= 2) return true;
  const [only] = [...positiveYears];
  const years = points.map((p) => p.year);
  return only !== Math.min(...years) && only !== Math.max(...years);
}

type Fit = { a: number; b: number; s0: number; s1: number; s2: number; iterations: number };

function logLikelihood(points: readonly YearCount[], t: readonly number[], a: number, b: number): number {
  // The log(y!) term is constant in (a, b) and left out.
  return points.reduce((sum, p, i) => sum + p.count * (a + b * t[i]!) - Math.exp(a + b * t[i]!), 0);
}

/** Newton–Raphson on (a, b) with step halving, which keeps the strictly concave likelihood rising. */
function newton(points: readonly YearCount[], t: readonly number[]): Fit | null {
  const mean = points.reduce((s, p) => s + p.count, 0) / points.length;
  let a = Math.log(mean);
  let b = 0;
  let current = logLikelihood(points, t, a, b);
  for (let iteration = 1; iteration <= 100; iteration++) {
    let u0 = 0;
    let u1 = 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    points.forEach((p, i) => {
      const ti = t[i]!;
      const mu = Math.exp(a + b * ti);
      u0 += p.count - mu;
      u1 += (p.count - mu) * ti;
      s0 += mu;
      s1 += mu * ti;
      s2 += mu * ti * ti;
    });
    const det = s0 * s2 - s1 * s1;
    if (!(det > 0) || !Number.isFinite(det)) return null;
    const da = (s2 * u0 - s1 * u1) / det;
    const db = (s0 * u1 - s1 * u0) / det;
    if (Math.abs(da) + Math.abs(db) < 1e-12) return { a, b, s0, s1, s2, iterations: iteration };
    let step = 1;
    let next = logLikelihood(points, t, a + da, b + db);
    // Near the maximum a step's gain (~1e-18) is below the rounding of the log-likelihood
    // (~1e-14): comparing exactly halved good Newton steps at random, so that the fit crawled on
    // for 20 iterations in Node and never reached 1e-12 in Chromium (13, 9, 6, 3 "not converged").
    // Only a fall beyond rounding is a real overshoot.
    const slack = 1e-12 * Math.max(1, Math.abs(current));
    while (next < current - slack && step > 1e-10) {
      step /= 2;
      next = logLikelihood(points, t, a + step * da, b + step * db);
    }
    a += step * da;
    b += step * db;
    current = next;
  }
  return null;
}

/** The Poisson log-linear trend of yearly counts; years need not be consecutive. */
export function poissonTrend(input: readonly YearCount[]): PoissonTrend {
  const points = [...input].sort((x, y) => x.year - y.year);
  if (new Set(points.map((p) => p.year)).size !== points.length) throw new Error('trend: duplicate year');
  if (points.length < 2) return notFitted('too_few_years');
  if (points.every((p) => p.count === 0)) return notFitted('all_zero');
  if (!estimable(points)) return notFitted('not_estimable');
  const centre = points.reduce((s, p) => s + p.year, 0) / points.length;
  const t = points.map((p) => p.year - centre);
  const fit = newton(points, t);
  if (!fit) return notFitted('not_converged');
  // Var(b) is the (b, b) element of the inverse Fisher information at the estimate.
  const standardError = Math.sqrt(fit.s0 / (fit.s0 * fit.s2 - fit.s1 * fit.s1));
  const lower = Math.exp(fit.b - Z_975 * standardError);
  const upper = Math.exp(fit.b + Z_975 * standardError);
  return {
    fitted: true,
    direction: directionOf(lower, upper),
    rateRatio: Math.exp(fit.b),
    ci95: [lower, upper],
    pValue: twoSidedNormalP(fit.b / standardError),
    slope: fit.b,
    standardError,
    iterations: fit.iterations,
  };
}

export type PeriodCount = { count: number; exposure: number };

export type PeriodComparison = {
  direction: TrendDirection;
  /** Rate of the later period over the earlier; null when both counts are 0 or the earlier is 0. */
  rateRatio: number | null;
  /** Exact (Clopper–Pearson) 95% interval; null when nothing was counted; upper null = unbounded. */
  ci95: [number, number | null] | null;
  pValue: number;
};

/**
 * Two periods compared with the exact conditional test: given n = c₁ + c₂ events, under equal
 * rates c₂ ~ Binomial(n, e₂/(e₁+e₂)), where e is each period's exposure (e.g. its number of years).
 * The two-sided p-value is the central one (twice the smaller tail, at most 1), the test that is
 * dual to the Clopper–Pearson interval reported with it, so "p < 0.05" and "the interval excludes
 * 1" never disagree. (The minimum-likelihood p of R's binom.test can disagree with its interval.)
 */
export function comparePeriods(earlier: PeriodCount, later: PeriodCount): PeriodComparison {
  for (const period of [earlier, later]) {
    if (!Number.isInteger(period.count) || period.count < 0) throw new Error('compare: count');
    if (!(period.exposure > 0) || !Number.isFinite(period.exposure)) throw new Error('compare: exposure');
  }
  const n = earlier.count + later.count;
  const x = later.count;
  if (n === 0) return { direction: 'none', rateRatio: null, ci95: null, pValue: 1 };
  const p0 = later.exposure / (earlier.exposure + later.exposure);
  const pValue = Math.min(1, 2 * Math.min(binomialCdf(x, n, p0), binomialUpperTail(x, n, p0)));
  const pLower = x === 0 ? 0 : bisect((p) => binomialUpperTail(x, n, p) - 0.025, 0, 1);
  const pUpper = x === n ? 1 : bisect((p) => binomialCdf(x, n, p) - 0.025, 0, 1);
  const ratio = (p: number) => (p / (1 - p)) * (earlier.exposure / later.exposure);
  const lower = ratio(pLower);
  const upper = pUpper === 1 ? null : ratio(pUpper);
  const rateRatio =
    earlier.count === 0 ? null : later.count / later.exposure / (earlier.count / earlier.exposure);
  const direction: TrendDirection =
    upper !== null && upper < 1 ? 'declining' : lower > 1 ? 'increasing' : 'none';
  return { direction, rateRatio, ci95: [lower, upper], pValue };
}
