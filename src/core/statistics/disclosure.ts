import { auditRelease, type AuditItem, type AuditResult, type PublishedTable } from './audit.js';
import { countNoise, cryptoRandom, type RandomSource, type Rational } from './discrete-laplace.js';

/**
 * Statistical disclosure control for two-way tables of counts with their margins
 * (publishing-statistics.md). A table goes out only through a named, versioned rule set:
 *
 * 1. optional noise: discrete Laplace of scale 1/ε added to each cell (exact sampling), cells
 *    clamped at 0, margins recomputed from the noisy cells. One person is counted in one cell,
 *    so the cells have sensitivity 1 and the whole release is ε-DP; the margins and everything
 *    after are post-processing of the noisy cells. The ε is entered in the ledger.
 * 2. primary suppression: every cell and every total from 1 to T−1.
 *    Zeros: shown by default (like the US CMS rule) because a zero names no one and hiding every
 *    zero would also hide which counts are small; a rule set may suppress them too
 *    (`zeros: 'suppress'`) where "0 men among 3 victims" would itself disclose. Secondary
 *    suppression may hide a zero, so a hidden cell is never known to be non-zero.
 * 3. secondary suppression until the release auditor (audit.ts) finds no hidden value that the
 *    published figures determine exactly; each step hides the cheapest set of cells (least total
 *    count) that frees the exposed value, and at worst the totals, so it always ends.
 * 4. optional rounding of every published value to the nearest multiple of a base (half up).
 *    Rounding is conventional, not controlled: rounded margins need not add up.
 *
 * The auditor runs on the values before rounding, the strongest attacker (see audit.ts).
 */

export type RuleSet = {
  name: string;
  version: number;
  /** Cells and totals from 1 to threshold − 1 are suppressed; 1 suppresses nothing. */
  threshold: number;
  zeros: 'show' | 'suppress';
  roundingBase: number | null;
  noise: { epsilon: Rational } | null;
};

/** The rule sets that ship with Guia; a publication office may store others. */
export const builtInRuleSets: readonly RuleSet[] = [
  { name: 'unodc-under-5', version: 1, threshold: 5, zeros: 'show', roundingBase: null, noise: null },
  { name: 'ons-under-10', version: 1, threshold: 10, zeros: 'show', roundingBase: null, noise: null },
  { name: 'round-5', version: 1, threshold: 5, zeros: 'show', roundingBase: 5, noise: null },
];

export class DisclosureError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`${path}: ${code}`);
  }
}

/** Larger tables make the auditor's linear programs slow; publish them split. */
export const MAX_ROWS = 40;
export const MAX_COLUMNS = 40;

export function validateTable(table: readonly (readonly number[])[]): void {
  if (table.length === 0 || table.length > MAX_ROWS) throw new DisclosureError('table', 'rows');
  const width = table[0]!.length;
  if (width === 0 || width > MAX_COLUMNS) throw new DisclosureError('table[0]', 'columns');
  table.forEach((row, i) => {
    if (row.length !== width) throw new DisclosureError(`table[${i}]`, 'not_rectangular');
    row.forEach((v, j) => {
      if (!Number.isSafeInteger(v) || v < 0) throw new DisclosureError(`table[${i}][${j}]`, 'not_a_count');
    });
  });
}

export function validateRuleSet(rules: RuleSet): void {
  if (!Number.isInteger(rules.threshold) || rules.threshold < 1 || rules.threshold > 1000)
    throw new DisclosureError('threshold', 'invalid');
  if (rules.roundingBase !== null && (!Number.isInteger(rules.roundingBase) || rules.roundingBase < 2))
    throw new DisclosureError('roundingBase', 'invalid');
  if (rules.noise !== null && rules.noise.epsilon.numerator < 1)
    throw new DisclosureError('epsilon', 'invalid');
}

/** Which items are hidden: a mask over the table and its margins. */
type Mask = { cells: boolean[][]; rows: boolean[]; cols: boolean[]; total: boolean };

type Margins = { rowTotals: number[]; colTotals: number[]; total: number };

export function marginsOf(table: readonly (readonly number[])[]): Margins {
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = table[0]!.map((_, j) => table.reduce((s, row) => s + row[j]!, 0));
  return { rowTotals, colTotals, total: rowTotals.reduce((s, v) => s + v, 0) };
}

/**
 * What is published for a mask. Hidden values from 1 to T − 1 are marked small (shown `<T`);
 * other hidden values (secondary suppression, hidden zeros) are only marked hidden, since
 * calling a hidden 25 "<5" would be false. The reader then knows which hidden values are small,
 * so the auditor is told so too.
 */
function view(
  table: readonly (readonly number[])[],
  m: Margins,
  mask: Mask,
  threshold: number,
): PublishedTable {
  // With T = 2, "<2" would say "1": below 3 hidden values are only marked hidden.
  const isSmall = (v: number) => threshold >= 3 && v > 0 && v < threshold;
  const items: AuditItem[] = [];
  table.forEach((row, i) =>
    row.forEach((v, j) => {
      if (mask.cells[i]![j] && isSmall(v)) items.push({ kind: 'cell', row: i, col: j });
    }),
  );
  m.rowTotals.forEach((v, i) => mask.rows[i] && isSmall(v) && items.push({ kind: 'rowTotal', row: i }));
  m.colTotals.forEach((v, j) => mask.cols[j] && isSmall(v) && items.push({ kind: 'colTotal', col: j }));
  if (mask.total && isSmall(m.total)) items.push({ kind: 'total' });
  return {
    table: table.map((row, i) => row.map((v, j) => (mask.cells[i]![j] ? null : v))),
    rowTotals: m.rowTotals.map((v, i) => (mask.rows[i] ? null : v)),
    colTotals: m.colTotals.map((v, j) => (mask.cols[j] ? null : v)),
    total: mask.total ? null : m.total,
    ...(items.length > 0 ? { small: { threshold, items } } : {}),
  };
}

function primaryMask(table: readonly (readonly number[])[], m: Margins, rules: RuleSet): Mask {
  const hide = (v: number) => (v > 0 && v < rules.threshold) || (v === 0 && rules.zeros === 'suppress');
  return {
    cells: table.map((row) => row.map(hide)),
    rows: m.rowTotals.map(hide),
    cols: m.colTotals.map(hide),
    total: hide(m.total),
  };
}

type Cell = [number, number];

/** The cells whose value an item sums: the anchors from which a fix is sought. */
function anchorsOf(item: AuditItem, rows: number, cols: number): Cell[] {
  const all: Cell[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      if (
        item.kind === 'total' ||
        (item.kind === 'rowTotal' && item.row === i) ||
        (item.kind === 'colTotal' && item.col === j) ||
        (item.kind === 'cell' && item.row === i && item.col === j)
      )
        all.push([i, j]);
    }
  return all;
}

/**
 * Sets of cells that could free an exposed item: single cells in the line of an anchor, and the
 * other three corners of every rectangle through an anchor (the smallest cycle along which
 * hidden values can trade off while every margin stays the same). Only unhidden cells count.
 */
function candidateSets(item: AuditItem, mask: Mask): Cell[][] {
  const rows = mask.cells.length;
  const cols = mask.cells[0]!.length;
  const open = ([i, j]: Cell) => !mask.cells[i]![j];
  const sets = new Map<string, Cell[]>();
  const add = (cells: Cell[]) => {
    const fresh = cells.filter(open).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    if (fresh.length > 0) sets.set(fresh.map((c) => c.join(',')).join(';'), fresh);
  };
  for (const [a, b] of anchorsOf(item, rows, cols)) {
    add([[a, b]]);
    for (let j = 0; j < cols; j++) if (j !== b) add([[a, j]]);
    for (let i = 0; i < rows; i++) if (i !== a) add([[i, b]]);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        if (i !== a && j !== b)
          add([
            [a, b],
            [a, j],
            [i, b],
            [i, j],
          ]);
  }
  return [...sets.values()];
}

const MAX_TRIALS = 400;

/** Hides more cells (or, as a last resort, totals) so that `item` is no longer exposed. */
function freeItem(
  table: readonly (readonly number[])[],
  m: Margins,
  mask: Mask,
  item: AuditItem,
  threshold: number,
): void {
  const cost = (cells: Cell[]) => cells.reduce((s, [i, j]) => s + table[i]![j]!, 0);
  // A hidden zero can only move up, so it protects its partner on one side only: sets without a
  // zero go first, then the cheapest (least count hidden), then the smallest.
  const zeros = (cells: Cell[]) => cells.filter(([i, j]) => table[i]![j] === 0).length;
  const sets = candidateSets(item, mask).sort(
    (x, y) => zeros(x) - zeros(y) || cost(x) - cost(y) || x.length - y.length,
  );
  const hide = (cells: Cell[]) => cells.forEach(([i, j]) => (mask.cells[i]![j] = true));
  for (const cells of sets.slice(0, MAX_TRIALS)) {
    const trial: Mask = { ...mask, cells: mask.cells.map((row) => [...row]) };
    cells.forEach(([i, j]) => (trial.cells[i]![j] = true));
    const { ranges } = auditRelease(view(table, m, trial, threshold), [item]);
    if (ranges[0] && ranges[0].max !== ranges[0].min) return hide(cells);
  }
  // No candidate frees the item on its own: hide the cheapest set anyway so the next round
  // starts from a wider pattern; with no cell left, hide the totals that pin the item down.
  if (sets.length > 0) return hide(sets[0]!);
  const before = hiddenCount(mask);
  if (item.kind === 'cell' || item.kind === 'rowTotal') mask.rows[item.row] = true;
  if (item.kind === 'cell' || item.kind === 'colTotal') mask.cols[item.col] = true;
  if (hiddenCount(mask) === before) {
    // Every cell and the item's own margins are hidden already: only the other totals are left.
    mask.rows.fill(true);
    mask.cols.fill(true);
    mask.total = true;
  }
}

function hiddenCount(mask: Mask): number {
  const count = (flags: boolean[]) => flags.filter(Boolean).length;
  return count(mask.cells.flat()) + count(mask.rows) + count(mask.cols) + (mask.total ? 1 : 0);
}

export type Suppressed = { published: PublishedTable; audit: AuditResult; secondary: number };

/** Primary and secondary suppression of a table of counts, audited. */
export function suppress(table: readonly (readonly number[])[], rules: RuleSet): Suppressed {
  validateTable(table);
  validateRuleSet(rules);
  const m = marginsOf(table);
  const mask = primaryMask(table, m, rules);
  const primary = mask.cells.flat().filter(Boolean).length;
  // Marks of small values are dropped (every hidden value then reads the same) only when they
  // themselves give a value away and nothing is left to hide, e.g. "<3, <3, total <3" = 1 and 1.
  let marks = rules.threshold;
  for (;;) {
    const published = view(table, m, mask, marks);
    const audit = auditRelease(published);
    const secondary = mask.cells.flat().filter(Boolean).length - primary;
    if (audit.passed || !audit.consistent) return { published, audit, secondary };
    const before = hiddenCount(mask);
    freeItem(table, m, mask, audit.exposed[0]!.item, marks);
    if (hiddenCount(mask) === before) {
      if (marks === 0) return { published, audit, secondary }; // callers refuse a failed audit
      marks = 0;
    }
  }
}

export function roundTo(value: number, base: number): number {
  return Math.floor((value + base / 2) / base) * base;
}

function roundPublished(p: PublishedTable, base: number): PublishedTable {
  const r = (v: number | null) => (v === null ? null : roundTo(v, base));
  return {
    table: p.table.map((row) => row.map(r)),
    rowTotals: p.rowTotals.map(r),
    colTotals: p.colTotals.map(r),
    total: r(p.total),
    ...(p.small ? { small: p.small } : {}),
  };
}

export type Protected = {
  ruleSet: { name: string; version: number };
  /** What is published: null for each hidden value. */
  published: PublishedTable;
  /** The auditor's verdict on the hidden values (before rounding). */
  audit: AuditResult;
  /** The privacy budget this release spends; null without noise. */
  epsilonSpent: Rational | null;
};

/** Applies a rule set to a table of counts: noise, suppression, audit, rounding. */
export function protectTable(
  table: readonly (readonly number[])[],
  rules: RuleSet,
  random: RandomSource = cryptoRandom,
): Protected {
  validateTable(table);
  validateRuleSet(rules);
  const noise = rules.noise;
  const source = noise
    ? table.map((row) => row.map((v) => Math.max(0, v + countNoise(noise.epsilon, random))))
    : table;
  const { published, audit } = suppress(source, rules);
  return {
    ruleSet: { name: rules.name, version: rules.version },
    published: rules.roundingBase ? roundPublished(published, rules.roundingBase) : published,
    audit,
    epsilonSpent: noise ? noise.epsilon : null,
  };
}
