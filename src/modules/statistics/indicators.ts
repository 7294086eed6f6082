import { tipReportYearOf } from '../../core/periods.js';
import type { Dimension, RecordKind, StatPeriodKind } from './statistics.schemas.js';
import { dimensions as dimensionOrder } from './statistics.schemas.js';

// The indicator engine (README, "Architecture: statistics"). Every counted record becomes a
// Fact: its kind, source, date and, per dimension, the values it holds. A fact contributes one
// unit (and its measure) to a cell of every cube of its kind: a cube is a period kind and at
// most two dimensions, so any "period × two breakdowns" question is answered by reading one
// small cube instead of scanning the records. Cubes are kept in `stat_cells`, changed in the
// same transaction as the records (by delta: what the old facts gave minus what the new give).
//
// Pure: no SQL here (indicators.repo.ts), no knowledge of where facts come from
// (indicators.sources.ts registers each record kind's loader).

export type DimValue = string | null;

/** One counted record, as the engine sees it. */
export type Fact = {
  kind: RecordKind;
  /** The record's id (a case person, a case, a service…), or `<dataset>#<row>` for an imported row. */
  recordId: string;
  /** The case the record belongs to, for refreshing a case's facts; null for imported rows. */
  caseId: string | null;
  /** `guia` for Guia's own records, the dataset name for imported rows. */
  source: string;
  /** The date the record counts at (YYYY-MM-DD) when known. */
  date: string | null;
  /** The year when only the year is known (CTDC's yearOfRegistration). */
  year: number | null;
  /** The kind's measure (months of a sentence); 0 for kinds without one. */
  measure: number;
  /** Values per dimension; a missing or empty list counts under `null`. */
  dims: Partial<Record<Dimension, DimValue[]>>;
};

/** What a record kind registers: its breakdowns, which of them are multi-valued, its measure. */
export type KindSpec = {
  kind: RecordKind;
  dimensions: readonly Dimension[];
  multiValued: readonly Dimension[];
  measure: string | null;
  /**
   * Dimensions the kind's imported rows never hold (an imported victim has no stage, no agency):
   * the cubes by them need not be counted row by row (CubeAccumulator).
   */
  importedWithout?: readonly Dimension[];
};

/** A dimension computed from another at query time (child/adult from the age band). */
type Derived = { from: Dimension; map: (value: DimValue) => DimValue };

const childBands = new Set(['age_0_8', 'age_9_17']);
export const derivedDimensions: Partial<Record<Dimension, Derived>> = {
  ageGroup: {
    from: 'ageBand',
    map: (band) =>
      band === null || band === 'age_unknown' ? null : childBands.has(band) ? 'child' : 'adult',
  },
};

/** The stored dimension a requested one is read from. */
export const baseDimension = (d: Dimension): Dimension => derivedDimensions[d]?.from ?? d;

/** Dimensions in one canonical order, so `sex,nationality` and `nationality,sex` are one cube. */
export function canonicalDims(dims: Iterable<Dimension>): Dimension[] {
  const set = new Set(dims);
  return dimensionOrder.filter((d) => set.has(d));
}

/**
 * Cubes kept for a kind: the total and every single dimension by each period kind, and every
 * pair of dimensions over all time. These answer the standard dashboard and every "breakdown
 * by one or two dimensions" question by reading one small cube; a period × two breakdowns
 * question is answered by scanning the facts instead (measured: keeping year × pair cubes
 * multiplied the import's work by three and its memory past the 300 MB bound; README).
 */
export function cubesOf(spec: KindSpec): { period: StatPeriodKind; dims: Dimension[] }[] {
  const stored = spec.dimensions.filter((d) => !derivedDimensions[d]);
  const cubes: { period: StatPeriodKind; dims: Dimension[] }[] = [];
  for (const period of ['all', 'year', 'tip', 'month'] as const) {
    cubes.push({ period, dims: [] });
    for (const d of stored) cubes.push({ period, dims: [d] });
  }
  for (let i = 0; i < stored.length; i++)
    for (let j = i + 1; j < stored.length; j++)
      cubes.push({ period: 'all', dims: canonicalDims([stored[i]!, stored[j]!]) });
  return cubes;
}

/** Whether a question (period, stored dimensions) is answered by a kept cube. */
export function hasCube(spec: KindSpec, period: StatPeriodKind, dims: readonly Dimension[]): boolean {
  return dims.length <= 1 || period === 'all' ? dims.every((d) => spec.dimensions.includes(d)) : false;
}

export const cubeId = (period: StatPeriodKind, dims: readonly Dimension[]) => `${period}:${dims.join(',')}`;

/** The key of a fact's period of one kind; '' for `all` and when the date does not say. */
export function periodValue(fact: Pick<Fact, 'date' | 'year'>, period: StatPeriodKind): string {
  switch (period) {
    case 'all':
      return '';
    case 'year':
      return fact.date ? fact.date.slice(0, 4) : fact.year !== null ? String(fact.year) : '';
    case 'tip':
      return fact.date ? `TIP${tipReportYearOf(fact.date)}` : '';
    case 'month':
      return fact.date ? fact.date.slice(0, 7) : '';
  }
}

/** The distinct values a fact holds in a dimension ([null] when none). */
export function valuesOf(fact: Pick<Fact, 'dims'>, dim: Dimension): DimValue[] {
  const values = fact.dims[dim];
  if (!values || values.length === 0) return [null];
  return values.length === 1 ? values : [...new Set(values)];
}

export type CellRow = {
  kind: RecordKind;
  cube: string;
  source: string;
  period: string;
  key: string;
  count: number;
  sum: number;
};

/** Codes of one dimension's values, so a cell's key is a number while counting. */
class Dictionary {
  readonly values: DimValue[] = [];
  private readonly index = new Map<DimValue, number>();
  code(value: DimValue): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

// Cells are counted in typed arrays indexed by dictionary codes (grid[a][b]), one grid per cube
// and (source, period): a million imported rows make ~250 cell updates each, and indexing a
// typed array keeps each to a nanosecond or two where hashed keys cost a profiled ~200 ns and
// holey arrays of numbers tens (README, "Benchmarks").
const PERIOD_KINDS = ['all', 'year', 'tip', 'month'] as const;

/** Rows of cells by the first dimension's code; each row is indexed by the second's. */
type Cells = Float64Array[];
type Grid = { count: Cells; sum: Cells | null };

function add(cells: Cells, a: number, b: number, by: number): void {
  let row = cells[a];
  if (row === undefined || b >= row.length) row = grow(cells, a, b);
  row[b]! += by;
}

function grow(cells: Cells, a: number, b: number): Float64Array {
  const old = cells[a];
  const row = new Float64Array(Math.max(8, 2 ** Math.ceil(Math.log2(b + 1))));
  if (old) row.set(old);
  // A sparse array of rows would make every read of `cells[a]` slower: fill the holes.
  for (let i = cells.length; i < a; i++) cells[i] = new Float64Array(0);
  cells[a] = row;
  return row;
}

type CubeCounter = {
  id: string;
  dims: Dimension[];
  /** Index into PERIOD_KINDS, and of each dimension into the stored ones (`stored.length`: none). */
  p: number;
  a: number;
  b: number;
  /** By the (source, period) pair's code. */
  grids: Grid[];
  /** Counted from undated facts without the absent dimensions (see `absent`); null when derived. */
  plain: Grid[] | null;
  /** For a derived cube: the kept cube its plain cells are copied from, and where codes go. */
  from: { cube: CubeCounter; a: 'a' | 'b' | 'null'; b: 'a' | 'b' | 'null' } | null;
};

/**
 * Sums facts' contributions (count and measure, signed) into the cubes of one kind. Counting
 * with codes and dictionaries keeps a million imported rows to seconds and a bounded memory:
 * the cells, not the rows, are what it holds.
 *
 * A fact without a date and without values in the kind's `importedWithout` dimensions (a CTDC
 * row: no stage, no agency) counts in its TIP and month cubes exactly as in its all-time one
 * (period ''), and in a cube by an absent dimension exactly as in the same cube without it
 * (under null): those 55 of the victim's 134 cubes are not counted fact by fact but copied
 * once, when the rows are read. Any other fact is counted into every cube.
 */
export class CubeAccumulator {
  private readonly sources = new Dictionary();
  /** Codes of (source, period) pairs: one per source and period text, whatever the period kind. */
  private readonly outers: Map<string, number>[] = [];
  private readonly outerValues: { source: string; period: string }[] = [];
  private readonly dicts: Dictionary[];
  private readonly cubes: CubeCounter[];
  /** The cubes a plain fact is counted into (the others are derived from them). */
  private readonly plainCubes: CubeCounter[];
  private readonly stored: Dimension[];
  private readonly absent: number[];
  private readonly outer = [0, 0, 0, 0];
  /** The codes of a fact's values: dimension d's are vals[start[d]] to vals[start[d + 1]] - 1. */
  private vals = new Int32Array(64);
  private readonly start: Int32Array;

  /** `cubes`: only these (a question no kept cube answers, counted from the facts); default all kept. */
  constructor(
    readonly spec: KindSpec,
    cubes: { period: StatPeriodKind; dims: Dimension[] }[] = cubesOf(spec),
  ) {
    this.stored = spec.dimensions.filter((d) => !derivedDimensions[d]);
    this.dicts = this.stored.map(() => new Dictionary());
    // One segment per stored dimension, and a last one holding the single code 0 for "no dimension".
    this.start = new Int32Array(this.stored.length + 2);
    const none = this.stored.length;
    this.cubes = cubes.map((c) => ({
      id: cubeId(c.period, c.dims),
      dims: c.dims,
      p: PERIOD_KINDS.indexOf(c.period),
      a: c.dims[0] ? this.stored.indexOf(c.dims[0]) : none,
      b: c.dims[1] ? this.stored.indexOf(c.dims[1]) : none,
      grids: [],
      plain: null,
      from: null,
    }));
    this.absent = (spec.importedWithout ?? []).map((d) => this.stored.indexOf(d)).filter((i) => i >= 0);
    this.plainCubes = this.absent.length > 0 ? this.derive() : [];
  }

  /** Marks the cubes a plain fact's cells are copied into, and returns those it is counted into. */
  private derive(): CubeCounter[] {
    const absent = new Set(this.absent.map((i) => this.stored[i]!));
    const byId = new Map(this.cubes.map((c) => [c.id, c]));
    const counted = this.cubes.filter((c) => (c.p === 0 || c.p === 1) && !c.dims.some((d) => absent.has(d)));
    for (const c of counted) c.plain = [];
    for (const cube of this.cubes) {
      if (cube.plain) continue;
      const dims = cube.dims.filter((d) => !absent.has(d));
      const period = cube.p === 1 ? 'year' : 'all';
      const from = byId.get(cubeId(period, dims));
      // A derived cube needs its source among the kept ones; without it, count it fact by fact.
      if (!from?.plain) {
        cube.plain = [];
        counted.push(cube);
        continue;
      }
      const place = (d: Dimension | undefined) =>
        d === undefined ? 'null' : d === dims[0] ? 'a' : d === dims[1] ? 'b' : 'null';
      cube.from = { cube: from, a: place(cube.dims[0]), b: place(cube.dims[1]) };
    }
    return counted;
  }

  private outerCode(source: number, period: string): number {
    const periods = (this.outers[source] ??= new Map());
    let code = periods.get(period);
    if (code === undefined) {
      code = this.outerValues.length;
      this.outerValues.push({ source: this.sources.values[source] as string, period });
      periods.set(period, code);
    }
    return code;
  }

  add(fact: Fact, sign: 1 | -1, weight = 1): void {
    const source = this.sources.code(fact.source);
    const outer = this.outer;
    for (let i = 0; i < PERIOD_KINDS.length; i++)
      outer[i] = this.outerCode(source, periodValue(fact, PERIOD_KINDS[i]!));
    // The codes of the fact's distinct values, dimension by dimension (null when it has none).
    const start = this.start;
    let n = 0;
    for (let d = 0; d < this.stored.length; d++) {
      start[d] = n;
      const values = fact.dims[this.stored[d]!];
      const dict = this.dicts[d]!;
      if (n + (values?.length ?? 1) > this.vals.length) {
        const vals = new Int32Array(2 * (n + (values?.length ?? 1)));
        vals.set(this.vals);
        this.vals = vals;
      }
      if (!values || values.length === 0) this.vals[n++] = dict.code(null);
      else
        values: for (const value of values) {
          const code = dict.code(value);
          for (let i = start[d]!; i < n; i++) if (this.vals[i] === code) continue values;
          this.vals[n++] = code;
        }
    }
    start[this.stored.length] = n;
    if (n + 1 > this.vals.length) {
      const vals = new Int32Array(2 * (n + 1));
      vals.set(this.vals);
      this.vals = vals;
    }
    this.vals[n] = 0; // "no dimension": one cell
    start[this.stored.length + 1] = n + 1;
    const count = sign * weight;
    const sum = count * fact.measure;
    const plain = this.plainCubes.length > 0 && fact.date === null && this.lacksAbsent();
    const cubes = plain ? this.plainCubes : this.cubes;
    const vals = this.vals;
    for (let c = 0; c < cubes.length; c++) {
      const cube = cubes[c]!;
      const grids = plain ? cube.plain! : cube.grids;
      const o = outer[cube.p]!;
      let grid = grids[o];
      if (grid === undefined) grid = this.gridAt(grids, o);
      const aEnd = start[cube.a + 1]!;
      const bStart = start[cube.b]!;
      const bEnd = start[cube.b + 1]!;
      for (let i = start[cube.a]!; i < aEnd; i++) {
        const a = vals[i]!;
        for (let j = bStart; j < bEnd; j++) add(grid.count, a, vals[j]!, count);
        if (sum === 0) continue; // most kinds measure nothing: their sums stay empty
        const sums = (grid.sum ??= []);
        for (let j = bStart; j < bEnd; j++) add(sums, a, vals[j]!, sum);
      }
    }
  }

  /** Whether the fact just coded holds no value in any absent dimension. */
  private lacksAbsent(): boolean {
    for (const d of this.absent) {
      const i = this.start[d]!;
      if (this.start[d + 1]! - i !== 1 || this.dicts[d]!.values[this.vals[i]!] !== null) return false;
    }
    return true;
  }

  private gridAt(grids: Grid[], o: number): Grid {
    // Dense, so that reading a grid stays a plain array access.
    for (let i = grids.length; i < o; i++) grids[i] = { count: [], sum: null };
    return (grids[o] = { count: [], sum: null });
  }

  /** Adds the plain facts' cells into every cube's grids (once, when the rows are read). */
  private fold(): void {
    if (this.plainCubes.length === 0) return;
    for (const cube of this.cubes) {
      const from = cube.from;
      const source = from ? from.cube.plain! : cube.plain!;
      const place = (where: 'a' | 'b' | 'null', a: number, b: number, dim: number) =>
        where === 'a' ? a : where === 'b' ? b : this.dicts[dim]!.code(null);
      source.forEach((grid, o) => {
        const into = (cube.grids[o] ??= { count: [], sum: null });
        const copy = (cells: Cells, target: () => Cells) =>
          cells.forEach((row, a) =>
            row.forEach((value, b) => {
              if (value === 0) return;
              if (!from) return add(target(), a, b, value);
              // A cube's missing second dimension is the single cell 0.
              const ta = cube.dims[0] ? place(from.a, a, b, cube.a) : 0;
              const tb = cube.dims[1] ? place(from.b, a, b, cube.b) : 0;
              add(target(), ta, tb, value);
            }),
          );
        copy(grid.count, () => into.count);
        if (grid.sum) copy(grid.sum, () => (into.sum ??= []));
      });
    }
    // Folded: reading the rows again (or counting on) must not add them twice.
    for (const cube of this.cubes) if (cube.plain) cube.plain.length = 0;
  }

  /** The summed cells, without those that cancel out (a change that moved nothing). */
  rows(): CellRow[] {
    this.fold();
    const rows: CellRow[] = [];
    for (const cube of this.cubes) {
      const dicts = cube.dims.map((d) => this.dicts[this.stored.indexOf(d)]!);
      cube.grids.forEach((grid, o) => {
        const { source, period } = this.outerValues[o]!;
        const sums = grid.sum ?? [];
        // A cell's count may have cancelled out where its sum has not: read both.
        for (let a = 0; a < Math.max(grid.count.length, sums.length); a++) {
          const counts = grid.count[a];
          const width = Math.max(counts?.length ?? 0, sums[a]?.length ?? 0);
          for (let b = 0; b < width; b++) {
            const count = counts?.[b] ?? 0;
            const sum = sums[a]?.[b] ?? 0;
            if (count === 0 && sum === 0) continue;
            const codes = [a, b];
            rows.push({
              kind: this.spec.kind,
              cube: cube.id,
              source,
              period,
              key: JSON.stringify(dicts.map((dict, i) => dict.values[codes[i]!] ?? null)),
              count,
              sum,
            });
          }
        }
      });
    }
    return rows;
  }
}

/** A stable identity of a fact's counted content, to fold identical imported rows together. */
export function factSignature(fact: Fact): string {
  return JSON.stringify([fact.kind, fact.source, fact.date, fact.year, fact.measure, fact.dims]);
}
