import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditRelease, hiddenItems, type AuditItem, type PublishedTable } from './audit.js';
import { marginsOf, protectTable, roundTo, suppress, type RuleSet } from './disclosure.js';
import {
  addRational,
  bernoulliExpMinus,
  parseRational,
  rational,
  sampleDiscreteLaplace,
  type RandomSource,
} from './discrete-laplace.js';

const rules = (threshold: number, extra: Partial<RuleSet> = {}): RuleSet => ({
  name: 'test',
  version: 1,
  threshold,
  zeros: 'show',
  roundingBase: null,
  noise: null,
  ...extra,
});

/** A table with all margins published and the given cells hidden. */
function withHidden(table: number[][], hidden: [number, number][]): PublishedTable {
  const m = marginsOf(table);
  return {
    table: table.map((row, i) => row.map((v, j) => (hidden.some(([a, b]) => a === i && b === j) ? null : v))),
    rowTotals: m.rowTotals,
    colTotals: m.colTotals,
    total: m.total,
  };
}

/**
 * The auditor's ranges by brute force: every assignment of non-negative integers to the hidden
 * cells that reproduces every published figure, enumerated cell by cell with each partial line
 * sum kept within its published total. Needs the grand total published (it bounds every cell).
 */
function enumeratedRanges(p: PublishedTable, truth: number[][]): Map<string, [number, number]> {
  const hidden = hiddenItems(p).filter((i): i is Extract<AuditItem, { kind: 'cell' }> => i.kind === 'cell');
  const total = p.total!;
  const values = truth.map((row, i) => row.map((v, j) => (p.table[i]![j] === null ? 0 : v)));
  const ranges = new Map<string, [number, number]>();
  const key = (item: AuditItem) => JSON.stringify(item);
  const note = (item: AuditItem, v: number) => {
    const r = ranges.get(key(item));
    ranges.set(key(item), r ? [Math.min(r[0], v), Math.max(r[1], v)] : [v, v]);
  };
  const rowSum = (i: number) => values[i]!.reduce((s, v) => s + v, 0);
  const colSum = (j: number) => values.reduce((s, row) => s + row[j]!, 0);
  const grand = () => values.flat().reduce((s, v) => s + v, 0);
  const fits = () =>
    grand() <= total &&
    p.rowTotals.every((t, i) => t === null || rowSum(i) <= t) &&
    p.colTotals.every((t, j) => t === null || colSum(j) <= t);
  const walk = (k: number) => {
    if (!fits()) return;
    if (k === hidden.length) {
      if (grand() !== total) return;
      if (p.rowTotals.some((t, i) => t !== null && rowSum(i) !== t)) return;
      if (p.colTotals.some((t, j) => t !== null && colSum(j) !== t)) return;
      const small = p.small?.items ?? [];
      if (
        small.some(
          (it) =>
            it.kind === 'cell' &&
            !(values[it.row]![it.col]! >= 1 && values[it.row]![it.col]! < p.small!.threshold),
        )
      )
        return;
      for (const item of hiddenItems(p)) {
        if (item.kind === 'cell') note(item, values[item.row]![item.col]!);
        if (item.kind === 'rowTotal') note(item, rowSum(item.row));
        if (item.kind === 'colTotal') note(item, colSum(item.col));
      }
      return;
    }
    const { row, col } = hidden[k]!;
    for (let v = 0; v <= total; v++) {
      values[row]![col] = v;
      if (!fits()) break;
      walk(k + 1);
    }
    values[row]![col] = 0;
  };
  walk(0);
  return ranges;
}

describe('the release auditor', () => {
  it('catches a cell alone in its row: the row total gives it away', () => {
    const audit = auditRelease(
      withHidden(
        [
          [3, 8],
          [9, 12],
        ],
        [[0, 0]],
      ),
    );
    expect(audit.passed).toBe(false);
    expect(audit.exposed).toEqual([{ item: { kind: 'cell', row: 0, col: 0 }, min: 3, max: 3 }]);
  });

  it('catches a cell only a combination of lines determines, though every line hides two or more', () => {
    // Two rectangles of hidden cells joined by one hidden cell (1,2): a bridge. Each line holding
    // a hidden cell holds at least two, so no line alone (nor propagation line by line) pins
    // anything; but rows 0–1 minus columns 0–1 leave exactly the bridge.
    const table = [
      [5, 6, 9, 8],
      [7, 4, 3, 9],
      [8, 9, 6, 7],
      [9, 8, 5, 6],
    ];
    const hidden: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
    ];
    const published = withHidden(table, hidden);
    const lines = [...published.table, ...table[0]!.map((_, j) => published.table.map((row) => row[j]))];
    for (const line of lines) expect(line.filter((v) => v === null).length).not.toBe(1);
    const audit = auditRelease(published);
    expect(audit.passed).toBe(false);
    expect(audit.exposed).toEqual([{ item: { kind: 'cell', row: 1, col: 2 }, min: 3, max: 3 }]);
  });

  it('passes a rectangle of hidden cells: values can trade off round it', () => {
    const audit = auditRelease(
      withHidden(
        [
          [3, 2, 8],
          [4, 1, 9],
        ],
        [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ],
      ),
    );
    expect(audit.passed).toBe(true);
    const ranges = audit.ranges.map((r) => [r.min, r.max]);
    // x00 + x01 = 5, x10 + x11 = 5, x00 + x10 = 7, x01 + x11 = 3: x01 ∈ [0, 3], x00 = 5 − x01.
    expect(ranges).toEqual([
      [2, 5],
      [0, 3],
      [2, 5],
      [0, 3],
    ]);
  });

  it('reports an unbounded cell when nothing constrains it, and inconsistent figures', () => {
    const open = auditRelease({ table: [[null, 4]], rowTotals: [null], colTotals: [null, 4], total: null });
    expect(open.ranges[0]).toEqual({ item: { kind: 'cell', row: 0, col: 0 }, min: 0, max: null });
    expect(open.passed).toBe(true);
    const lie = auditRelease({ table: [[2, 4]], rowTotals: [7], colTotals: [2, 4], total: 7 });
    expect(lie).toMatchObject({ passed: false, consistent: false });
    const negative = auditRelease({ table: [[null, 9]], rowTotals: [5], colTotals: [null, 9], total: null });
    expect(negative.consistent).toBe(false);
  });

  it('agrees with brute-force enumeration on random small tables, patterns and small marks (200 runs)', () => {
    const table = fc.integer({ min: 2, max: 3 }).chain((rows) =>
      fc.integer({ min: 2, max: 3 }).chain((cols) =>
        fc.record({
          values: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: cols, maxLength: cols }), {
            minLength: rows,
            maxLength: rows,
          }),
          hiddenCells: fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), {
            minLength: rows,
            maxLength: rows,
          }),
          hiddenRows: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }),
          hiddenCols: fc.array(fc.boolean(), { minLength: cols, maxLength: cols }),
          marked: fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), {
            minLength: rows,
            maxLength: rows,
          }),
        }),
      ),
    );
    fc.assert(
      fc.property(table, ({ values, hiddenCells, hiddenRows, hiddenCols, marked }) => {
        const m = marginsOf(values);
        const published: PublishedTable = {
          table: values.map((row, i) => row.map((v, j) => (hiddenCells[i]![j] ? null : v))),
          rowTotals: m.rowTotals.map((v, i) => (hiddenRows[i] ? null : v)),
          colTotals: m.colTotals.map((v, j) => (hiddenCols[j] ? null : v)),
          total: m.total,
        };
        // Some hidden cells from 1 to 2 are published as small (`<3`): the reader knows that much.
        const small = values.flatMap((row, i) =>
          row.flatMap((v, j) =>
            hiddenCells[i]![j] && marked[i]![j] && v >= 1 && v <= 2
              ? [{ kind: 'cell' as const, row: i, col: j }]
              : [],
          ),
        );
        if (small.length > 0) published.small = { threshold: 3, items: small };
        const expected = enumeratedRanges(published, values);
        const audit = auditRelease(published);
        expect(audit.consistent).toBe(true);
        for (const range of audit.ranges) {
          expect([range.min, range.max]).toEqual(expected.get(JSON.stringify(range.item)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

const tables = fc.integer({ min: 1, max: 6 }).chain((rows) =>
  fc.integer({ min: 1, max: 6 }).chain((cols) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
        minLength: cols,
        maxLength: cols,
      }),
      { minLength: rows, maxLength: rows },
    ),
  ),
);

describe('suppression', () => {
  it('every protected table passes the auditor and shows only true values at or above T (200 runs)', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 11 }), (table, threshold) => {
        const { published, audit } = suppress(table, rules(threshold));
        expect(audit.passed).toBe(true);
        // Re-audit from the published figures alone, as an outsider would.
        expect(auditRelease(published).passed).toBe(true);
        const m = marginsOf(table);
        const check = (shown: number | null, truth: number) => {
          if (truth > 0 && truth < threshold) expect(shown).toBeNull();
          if (shown !== null) expect(shown).toBe(truth);
        };
        table.forEach((row, i) => row.forEach((v, j) => check(published.table[i]![j]!, v)));
        m.rowTotals.forEach((v, i) => check(published.rowTotals[i]!, v));
        m.colTotals.forEach((v, j) => check(published.colTotals[j]!, v));
        check(published.total, m.total);
      }),
      { numRuns: 200 },
    );
  });

  it('hides a second cell when one small cell would follow from its row total', () => {
    const { published, secondary } = suppress(
      [
        [3, 20, 30],
        [15, 25, 35],
      ],
      rules(5),
    );
    expect(published.table[0]![0]).toBeNull();
    expect(secondary).toBeGreaterThan(0);
    expect(published.rowTotals[0]).toBe(53);
    // The cheapest fix in row 0 and column 0 is the cell 15 below it and its rectangle partner.
    expect(published.table[1]![0]).toBeNull();
  });

  it('publishes a table with nothing small unchanged', () => {
    const { published, secondary } = suppress(
      [
        [0, 12],
        [7, 30],
      ],
      rules(5),
    );
    expect(secondary).toBe(0);
    expect(published).toEqual({
      table: [
        [0, 12],
        [7, 30],
      ],
      rowTotals: [12, 37],
      colTotals: [7, 42],
      total: 49,
    });
  });

  it('suppresses zeros too when the rule set says so', () => {
    const { published } = suppress(
      [
        [0, 12, 9],
        [7, 30, 11],
      ],
      rules(5, { zeros: 'suppress' }),
    );
    expect(published.table[0]![0]).toBeNull();
    expect(auditRelease(published).passed).toBe(true);
  });

  it('hides a small total, and a single small table entirely', () => {
    const { published } = suppress([[3]], rules(5));
    expect(published).toMatchObject({ table: [[null]], rowTotals: [null], colTotals: [null], total: null });
    // All four hidden values are 3: each is published as small, and even so none is pinned.
    expect(published.small?.items).toHaveLength(4);
    expect(auditRelease(published).passed).toBe(true);
  });

  it('marks hidden values from 1 to T − 1 as small and the others only as hidden', () => {
    const { published } = suppress(
      [
        [3, 20, 30],
        [15, 25, 35],
      ],
      rules(5),
    );
    expect(published.small).toEqual({ threshold: 5, items: [{ kind: 'cell', row: 0, col: 0 }] });
    expect(published.table[1]![0]).toBeNull(); // 15 is hidden too, but never called "<5"
  });

  it('never marks small under threshold 2, where "<2" would say "1"', () => {
    const { published, audit } = suppress(
      [
        [1, 9],
        [8, 7],
      ],
      rules(2),
    );
    expect(published.small).toBeUndefined();
    expect(audit.passed).toBe(true);
  });

  it('the auditor uses the small marks: marks can pin values the figures alone leave open', () => {
    // x + y = 2 in row 0: without marks x ∈ [0, 2]; both marked small under 3, x, y ≥ 1, so 1.
    const published: PublishedTable = {
      table: [
        [null, null],
        [4, 4],
      ],
      rowTotals: [2, 8],
      colTotals: [null, null],
      total: 10,
    };
    expect(auditRelease(published).passed).toBe(true);
    published.small = {
      threshold: 3,
      items: [
        { kind: 'cell', row: 0, col: 0 },
        { kind: 'cell', row: 0, col: 1 },
      ],
    };
    const marked = auditRelease(published);
    expect(marked.passed).toBe(false);
    expect(marked.exposed[0]).toEqual({ item: { kind: 'cell', row: 0, col: 0 }, min: 1, max: 1 });
  });

  it('rejects what is not a table of counts', () => {
    expect(() => suppress([[1, -2]], rules(5))).toThrow(/table\[0\]\[1\]: not_a_count/);
    expect(() => suppress([[1, 2], [3]], rules(5))).toThrow(/table\[1\]: not_rectangular/);
    expect(() => suppress([], rules(5))).toThrow(/rows/);
    expect(() => suppress([[1.5]], rules(5))).toThrow(/not_a_count/);
    expect(() => suppress([[1]], rules(0))).toThrow(/threshold/);
  });
});

describe('rounding and noise', () => {
  it('rounds every published value half up to the base, hidden ones stay hidden', () => {
    expect([0, 2, 3, 7, 8, 12, 13].map((v) => roundTo(v, 5))).toEqual([0, 0, 5, 5, 10, 10, 15]);
    const { published, audit } = protectTable(
      [
        [3, 22, 31],
        [16, 27, 38],
      ],
      rules(5, { roundingBase: 5 }),
    );
    expect(audit.passed).toBe(true);
    expect(published.table[0]).toEqual([null, null, 30]);
    expect(published.total).toBe(135);
  });

  it('adds exactly distributed discrete-Laplace noise and records the epsilon spent', () => {
    const epsilon = rational(1, 1);
    const result = protectTable([[40, 50]], rules(5, { noise: { epsilon } }));
    expect(result.epsilonSpent).toEqual(epsilon);
    const shown = result.published.table[0]!;
    expect(result.published.total).toBe((shown[0] ?? 0) + (shown[1] ?? 0));
  });

  it('Bernoulli(exp(−γ)) has the exact probability, shown by enumerating a scripted source', () => {
    // With γ = 1/2: k = 1 continues iff u < 1 of 2; k = 2 iff u < 1 of 4; … Feeding all-zero draws
    // continues for ever, so script: continue, continue, stop → k = 3, odd → true.
    const script = (draws: number[]): RandomSource => {
      let i = 0;
      return (bound) => {
        const v = draws[i++]!;
        expect(v).toBeLessThan(bound);
        return v;
      };
    };
    expect(bernoulliExpMinus(1, 2, script([0, 0, 5]))).toBe(true); // k reaches 3
    expect(bernoulliExpMinus(1, 2, script([0, 3]))).toBe(false); // k reaches 2
  });

  it('samples the discrete Laplace law: frequencies within 5 standard errors of the pmf', () => {
    // ε = 1/2 (scale 2): P(z) = (1 − e^{−1/2}) / (1 + e^{−1/2}) · e^{−|z|/2}.
    const q = Math.exp(-0.5);
    const pmf = (z: number) => ((1 - q) / (1 + q)) * Math.pow(q, Math.abs(z));
    const n = 20_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const z = sampleDiscreteLaplace(1, 2);
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    for (const z of [-3, -2, -1, 0, 1, 2, 3]) {
      const p = pmf(z);
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs((counts.get(z) ?? 0) / n - p)).toBeLessThan(5 * se);
    }
    // Variance 2q/(1−q)² for the two-sided geometric law.
    const mean = [...counts].reduce((s, [z, c]) => s + z * c, 0) / n;
    const variance = [...counts].reduce((s, [z, c]) => s + (z - mean) ** 2 * c, 0) / n;
    expect(variance / ((2 * q) / (1 - q) ** 2)).toBeGreaterThan(0.9);
    expect(variance / ((2 * q) / (1 - q) ** 2)).toBeLessThan(1.1);
  });

  it('keeps epsilon exact: rationals add up without rounding', () => {
    const tenth = parseRational('0.1')!;
    let sum = rational(0, 1);
    for (let i = 0; i < 10; i++) sum = addRational(sum, tenth);
    expect(sum).toEqual({ numerator: 1, denominator: 1 });
    expect(parseRational('3/4')).toEqual({ numerator: 3, denominator: 4 });
    expect(parseRational('1/0')).toBeNull();
    expect(parseRational('-1')).toBeNull();
  });
});
