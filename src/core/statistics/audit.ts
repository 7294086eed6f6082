import { Polytope } from './simplex.js';

/**
 * The release auditor: what can an attacker who reads a published table learn about the values
 * it hides? The attacker knows every published cell and margin and that cells are non-negative
 * integers. For every suppressed cell and suppressed total the auditor computes the least and
 * the greatest value consistent with that — by linear programming, not by propagating row and
 * column constraints to a fixed point, which misses what only a combination of lines determines.
 *
 * The system is kept totally unimodular so the LP bounds are the integer bounds: each published
 * row total and column total is an equation over the suppressed cells of its line (the incidence
 * matrix of a bipartite graph), and a published grand total is rewritten, using the published row
 * totals, as one equation over the cells of the rows whose totals are suppressed — a row set
 * disjoint from the published rows, so the row side stays a partition.
 *
 * Rounded or noisy values are audited as if they were exact: an attacker who knew them exactly
 * would learn at least as much, so a release that passes here passes with perturbation too.
 */

export type PublishedTable = {
  table: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
  /**
   * Hidden values published as small (shown `<T`): the reader knows each is from 1 to T − 1,
   * and the auditor uses that too. Hidden values not listed may be anything from 0 up.
   */
  small?: { threshold: number; items: AuditItem[] };
};

export type AuditItem =
  | { kind: 'cell'; row: number; col: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'colTotal'; col: number }
  | { kind: 'total' };

/** The values of one hidden item consistent with the release; max null when unbounded. */
export type ItemRange = { item: AuditItem; min: number; max: number | null };

export type AuditResult = {
  /** True when the release may go out: consistent and no hidden value recoverable exactly. */
  passed: boolean;
  /** False when no table of non-negative integers yields these published figures. */
  consistent: boolean;
  ranges: ItemRange[];
  /** The hidden items whose range is a single value. */
  exposed: ItemRange[];
};

type System = {
  a: number[][];
  b: number[];
  index: (number | null)[][];
  variables: number;
  consistent: boolean;
};

function buildSystem(p: PublishedTable): System {
  let variables = 0;
  const index = p.table.map((row) => row.map((v) => (v === null ? variables++ : null)));
  const a: number[][] = [];
  const b: number[] = [];
  let consistent = true;
  const addEquation = (cells: [number, number][], rhs: number) => {
    const coefficients = new Array<number>(variables).fill(0);
    let constant = 0;
    for (const [i, j] of cells) {
      const k = index[i]![j]!;
      if (k === null) constant += p.table[i]![j]!;
      else coefficients[k] = 1;
    }
    if (coefficients.some((c) => c !== 0)) {
      a.push(coefficients);
      b.push(rhs - constant);
    } else if (rhs !== constant) consistent = false;
  };
  const rows = p.table.length;
  const cols = p.table[0]?.length ?? 0;
  const rowCells = (i: number) => Array.from({ length: cols }, (_, j): [number, number] => [i, j]);
  p.rowTotals.forEach((total, i) => {
    if (total !== null) addEquation(rowCells(i), total);
  });
  p.colTotals.forEach((total, j) => {
    if (total !== null)
      addEquation(
        Array.from({ length: rows }, (_, i): [number, number] => [i, j]),
        total,
      );
  });
  if (p.total !== null) {
    const hiddenRows = p.rowTotals.flatMap((t, i) => (t === null ? [i] : []));
    const publishedSum = p.rowTotals.reduce<number>((s, t) => s + (t ?? 0), 0);
    addEquation(hiddenRows.flatMap(rowCells), p.total - publishedSum);
  }
  const system = { a, b, index, variables, consistent };
  if (p.small) addSmallBounds(system, p, p.small);
  return system;
}

/**
 * 1 ≤ Σ ≤ T − 1 for each value published as small, as two equations with slack variables:
 * Σ − s = 1 and Σ + s' = T − 1. Each sum is a single cell, a row, a column or everything: sets
 * nested in the row side's (or equal to a column), so the matrix stays totally unimodular.
 */
function addSmallBounds(
  system: System,
  p: PublishedTable,
  small: NonNullable<PublishedTable['small']>,
): void {
  const base = system.variables;
  const slack = 2 * small.items.length;
  const sums = small.items.map((item) => objectiveOf(system, p, item));
  system.variables += slack;
  for (const row of system.a) row.push(...new Array<number>(slack).fill(0));
  sums.forEach(({ cost, constant }, k) => {
    const lower = [...cost, ...new Array<number>(slack).fill(0)];
    lower[base + 2 * k] = -1;
    const upper = [...cost, ...new Array<number>(slack).fill(0)];
    upper[base + 2 * k + 1] = 1;
    system.a.push(lower, upper);
    system.b.push(1 - constant, small.threshold - 1 - constant);
  });
}

function objectiveOf(
  system: System,
  p: PublishedTable,
  item: AuditItem,
): { cost: number[]; constant: number } {
  const cost = new Array<number>(system.variables).fill(0);
  let constant = 0;
  p.table.forEach((row, i) =>
    row.forEach((v, j) => {
      const counts =
        item.kind === 'total' ||
        (item.kind === 'rowTotal' && item.row === i) ||
        (item.kind === 'colTotal' && item.col === j) ||
        (item.kind === 'cell' && item.row === i && item.col === j);
      if (!counts) return;
      const k = system.index[i]![j]!;
      if (k === null) constant += v!;
      else cost[k] = 1;
    }),
  );
  return { cost, constant };
}

/** Every hidden item of a published table. */
export function hiddenItems(p: PublishedTable): AuditItem[] {
  const items: AuditItem[] = [];
  p.table.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) items.push({ kind: 'cell', row: i, col: j });
    }),
  );
  p.rowTotals.forEach((t, i) => t === null && items.push({ kind: 'rowTotal', row: i }));
  p.colTotals.forEach((t, j) => t === null && items.push({ kind: 'colTotal', col: j }));
  if (p.total === null) items.push({ kind: 'total' });
  return items;
}

/** The auditor's ranges for the given hidden items (all of them by default). */
export function auditRelease(p: PublishedTable, items: AuditItem[] = hiddenItems(p)): AuditResult {
  const system = buildSystem(p);
  const polytope = new Polytope(system.a, system.b, system.variables);
  if (!system.consistent || !polytope.feasible)
    return { passed: false, consistent: false, ranges: [], exposed: [] };
  const ranges = items.map((item): ItemRange => {
    const { cost, constant } = objectiveOf(system, p, item);
    const min = Math.round(polytope.minimum(cost)) + constant;
    const max = polytope.maximum(cost);
    return { item, min, max: Number.isFinite(max) ? Math.round(max) + constant : null };
  });
  const exposed = ranges.filter((r) => r.max === r.min);
  return { passed: exposed.length === 0, consistent: true, ranges, exposed };
}
