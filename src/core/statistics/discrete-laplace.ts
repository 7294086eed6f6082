/**
 * Exact sampling of the discrete Laplace distribution, P(z) ∝ exp(−|z|·s/t), with integer
 * arithmetic only (Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential
 * Privacy", algorithms 1 and 2). Floating-point Laplace sampling leaks the true value through
 * the pattern of representable doubles (Mironov 2012); here every random decision is a uniform
 * integer from a cryptographic source compared with an integer, so the output distribution is
 * exactly the intended one.
 */

/** A uniform integer in [0, bound): Web Crypto by default, replaceable in tests. */
export type RandomSource = (bound: number) => number;

/** Largest bound accepted (2^48 − 1); denominators must stay below it. */
const MAX_BOUND = 2 ** 48 - 1;

const TWO_53 = 2 ** 53;

/**
 * A uniform integer in [0, bound) from the Web Crypto source (Node and browsers alike): 53 random
 * bits, rejected above the largest multiple of the bound so that no value is favoured.
 */
export const cryptoRandom: RandomSource = (bound) => {
  if (!Number.isSafeInteger(bound) || bound < 1 || bound > MAX_BOUND) throw new RangeError('random: bound');
  const limit = Math.floor(TWO_53 / bound) * bound;
  const words = new Uint32Array(2);
  for (;;) {
    globalThis.crypto.getRandomValues(words);
    const x = (words[0]! & 0x1fffff) * 2 ** 32 + words[1]!;
    if (x < limit) return x % bound;
  }
};

/** Bernoulli(n/d) for integers 0 ≤ n ≤ d. */
function bernoulli(n: number, d: number, random: RandomSource): boolean {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d < 1 || d > MAX_BOUND || n < 0 || n > d)
    throw new RangeError(`bernoulli: ${n}/${d} is not a probability of integers`);
  return random(d) < n;
}

/** Bernoulli(exp(−n/d)) for integers n ≥ 0, d ≥ 1 (algorithm 1 of the paper). */
export function bernoulliExpMinus(n: number, d: number, random: RandomSource): boolean {
  if (n <= d) {
    // exp(−γ) with γ ≤ 1: count k until Bernoulli(γ/k) fails; the parity of the count decides.
    let k = 1;
    while (bernoulli(n, d * k, random)) k++;
    return k % 2 === 1;
  }
  for (let i = 0; i < Math.floor(n / d); i++) if (!bernoulliExpMinus(1, 1, random)) return false;
  return bernoulliExpMinus(n % d, d, random);
}

/**
 * One draw from the discrete Laplace distribution with scale t/s (algorithm 2 of the paper):
 * P(z) = (1 − e^{−s/t}) / (1 + e^{−s/t}) · e^{−|z|·s/t}.
 */
export function sampleDiscreteLaplace(s: number, t: number, random: RandomSource = cryptoRandom): number {
  if (!Number.isSafeInteger(s) || !Number.isSafeInteger(t) || s < 1 || t < 1)
    throw new RangeError('discrete Laplace: s and t must be positive integers');
  for (;;) {
    const u = random(t);
    if (!bernoulliExpMinus(u, t, random)) continue;
    let v = 0;
    while (bernoulliExpMinus(1, 1, random)) v++;
    const x = u + t * v;
    const y = Math.floor(x / s);
    const negative = bernoulli(1, 2, random);
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** A positive rational, kept as integers so that epsilon is sampled and added up exactly. */
export type Rational = { numerator: number; denominator: number };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function rational(numerator: number, denominator: number): Rational {
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    numerator < 0 ||
    denominator < 1
  )
    throw new RangeError('rational: numerator ≥ 0 and denominator ≥ 1 must be integers');
  const g = gcd(numerator, denominator) || 1;
  return { numerator: numerator / g, denominator: denominator / g };
}

export function addRational(x: Rational, y: Rational): Rational {
  return rational(x.numerator * y.denominator + y.numerator * x.denominator, x.denominator * y.denominator);
}

export function compareRational(x: Rational, y: Rational): number {
  return x.numerator * y.denominator - y.numerator * x.denominator;
}

/** Parses "1", "0.5", "3/4" into an exact rational; null when it is not one. */
export function parseRational(text: string): Rational | null {
  const fraction = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (fraction) return Number(fraction[2]) === 0 ? null : rational(Number(fraction[1]), Number(fraction[2]));
  const decimal = /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(text);
  if (!decimal) return null;
  const places = decimal[2] ?? '';
  return rational(Number(`${decimal[1]}${places}`), 10 ** places.length);
}

export function formatRational(r: Rational): string {
  return r.denominator === 1 ? String(r.numerator) : `${r.numerator}/${r.denominator}`;
}

/**
 * Noise for a count with sensitivity 1 under epsilon-DP: discrete Laplace of scale 1/ε, i.e.
 * s/t = ε = numerator/denominator.
 */
export function countNoise(epsilon: Rational, random: RandomSource = cryptoRandom): number {
  return sampleDiscreteLaplace(epsilon.numerator, epsilon.denominator, random);
}
