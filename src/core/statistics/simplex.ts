/**
 * Bounds of linear objectives over a polytope { x ≥ 0 : A·x = b }, by the two-phase simplex
 * method with Bland's rule. Bland's rule matters here: the constraint systems of suppressed
 * tables are highly degenerate (many zero right-hand sides), where the textbook rule can cycle.
 *
 * The release auditor builds its systems so that A is totally unimodular (see audit.ts); every
 * basis inverse is then an integer matrix and every tableau entry stays a small integer, so the
 * floating-point arithmetic below is exact and the bounds are the integer bounds.
 */

const EPS = 1e-9;

type Tableau = { rows: number[][]; basis: number[]; width: number };

function pivot(t: Tableau, row: number, col: number): void {
  const pivotRow = t.rows[row]!;
  const factor = pivotRow[col]!;
  for (let j = 0; j <= t.width; j++) pivotRow[j]! /= factor;
  t.rows.forEach((other, i) => {
    if (i === row) return;
    const m = other[col]!;
    if (Math.abs(m) < EPS) return;
    for (let j = 0; j <= t.width; j++) other[j]! -= m * pivotRow[j]!;
  });
  t.basis[row] = col;
}

/** Minimises cost·x from the tableau's current feasible basis; false when unbounded below. */
function optimise(t: Tableau, cost: readonly number[], columns: number): boolean {
  for (;;) {
    const basic = new Set(t.basis);
    let entering = -1;
    for (let j = 0; j < columns && entering < 0; j++) {
      if (basic.has(j)) continue;
      const reduced = t.rows.reduce((d, row, i) => d - cost[t.basis[i]!]! * row[j]!, cost[j]!);
      if (reduced < -EPS) entering = j;
    }
    if (entering < 0) return true;
    let leaving = -1;
    let best = Infinity;
    t.rows.forEach((row, i) => {
      const a = row[entering]!;
      if (a <= EPS) return;
      const ratio = row[t.width]! / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && t.basis[i]! < t.basis[leaving]!)) {
        best = ratio;
        leaving = i;
      }
    });
    if (leaving < 0) return false;
    pivot(t, leaving, entering);
  }
}

function objective(t: Tableau, cost: readonly number[]): number {
  return t.rows.reduce((sum, row, i) => sum + cost[t.basis[i]!]! * row[t.width]!, 0);
}

export class Polytope {
  readonly feasible: boolean;
  private readonly tableau: Tableau;

  /** `a` has one row per equation over `variables` unknowns. */
  constructor(
    a: readonly (readonly number[])[],
    b: readonly number[],
    private readonly variables: number,
  ) {
    const m = a.length;
    const n = variables;
    // Phase 1: artificial variables n … n+m−1 start as the basis, with b made non-negative.
    const rows = a.map((row, i) => {
      const sign = b[i]! < 0 ? -1 : 1;
      const full = new Array<number>(n + m + 1).fill(0);
      row.forEach((v, j) => (full[j] = sign * v));
      full[n + i] = 1;
      full[n + m] = sign * b[i]!;
      return full;
    });
    const t: Tableau = { rows, basis: rows.map((_, i) => n + i), width: n + m };
    const phaseOne = Array.from({ length: n + m }, (_, j) => (j >= n ? 1 : 0));
    optimise(t, phaseOne, n + m);
    this.feasible = objective(t, phaseOne) < EPS;
    // Drive artificials out of the basis; a row where no real column can enter is redundant.
    for (let i = t.rows.length - 1; i >= 0; i--) {
      if (t.basis[i]! < n) continue;
      const col = t.rows[i]!.findIndex((v, j) => j < n && Math.abs(v) > EPS);
      if (col >= 0) pivot(t, i, col);
      else {
        t.rows.splice(i, 1);
        t.basis.splice(i, 1);
      }
    }
    this.tableau = {
      rows: t.rows.map((row) => [...row.slice(0, n), row[n + m]!]),
      basis: t.basis,
      width: n,
    };
  }

  /** The least value of cost·x over the polytope; −Infinity when unbounded. */
  minimum(cost: readonly number[]): number {
    if (!this.feasible) throw new Error('simplex: infeasible');
    const t: Tableau = {
      rows: this.tableau.rows.map((row) => [...row]),
      basis: [...this.tableau.basis],
      width: this.tableau.width,
    };
    return optimise(t, cost, this.variables) ? objective(t, cost) : -Infinity;
  }

  /** The greatest value of cost·x over the polytope; Infinity when unbounded. */
  maximum(cost: readonly number[]): number {
    return -this.minimum(cost.map((c) => -c));
  }
}
