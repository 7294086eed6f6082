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

// Cells are counted in arrays indexed by dictionary codes (grid[a][b]), one grid per cube and
// (source, period): a million imported rows make ~250 cell updates each, and array indexing
// keeps each to nanoseconds where hashed keys cost a profiled ~200 ns (README, "Benchmarks").
const BASE = 4096;
const PERIOD_KINDS = ['all', 'year', 'tip', 'month'] as const;
const ZERO = [0];

type Grid = { count: number[][]; sum: number[][] };
type CubeCounter = {
  id: string;
  dims: Dimension[];
  /** Index into PERIOD_KINDS, and of each dimension into the stored ones (-1: none). */
  p: number;
  a: number;
  b: number;
  grids: Map<number, Grid>;
  /** The grid last counted into: consecutive facts mostly share their source and period. */
  lastKey: number;
  lastGrid: Grid | null;
};

/**
 * Sums facts' contributions (count and measure, signed) into the cubes of one kind. Counting
 * with codes and dictionaries keeps a million imported rows to seconds and a bounded memory:
 * the cells, not the rows, are what it holds.
 */
export class CubeAccumulator {
  private readonly sources = new Dictionary();
  private readonly periods = new Dictionary();
  private readonly dicts: Dictionary[];
  private readonly cubes: CubeCounter[];
  private readonly stored: Dimension[];
  private readonly outer = [0, 0, 0, 0];
  private readonly codes: number[][];

  /** `cubes`: only these (a question no kept cube answers, counted from the facts); default all kept. */
  constructor(
    readonly spec: KindSpec,
    cubes: { period: StatPeriodKind; dims: Dimension[] }[] = cubesOf(spec),
  ) {
    this.stored = spec.dimensions.filter((d) => !derivedDimensions[d]);
    this.dicts = this.stored.map(() => new Dictionary());
    this.codes = this.stored.map(() => []);
    this.cubes = cubes.map((c) => ({
      id: cubeId(c.period, c.dims),
      dims: c.dims,
      p: PERIOD_KINDS.indexOf(c.period),
      a: c.dims[0] ? this.stored.indexOf(c.dims[0]) : -1,
      b: c.dims[1] ? this.stored.indexOf(c.dims[1]) : -1,
      grids: new Map(),
      lastKey: -1,
      lastGrid: null,
    }));
  }

  add(fact: Fact, sign: 1 | -1, weight = 1): void {
    const source = this.sources.code(fact.source) * BASE;
    const outer = this.outer;
    for (let i = 0; i < PERIOD_KINDS.length; i++)
      outer[i] = source + this.periods.code(periodValue(fact, PERIOD_KINDS[i]!));
    for (let d = 0; d < this.stored.length; d++) {
      const dict = this.dicts[d]!;
      const values = valuesOf(fact, this.stored[d]!);
      const codes = this.codes[d]!;
      codes.length = values.length;
      for (let i = 0; i < values.length; i++) codes[i] = dict.code(values[i]!);
    }
    const count = sign * weight;
    const sum = count * fact.measure;
    for (const cube of this.cubes) {
      const key = outer[cube.p]!;
      let grid = cube.lastKey === key ? cube.lastGrid! : cube.grids.get(key);
      if (!grid) cube.grids.set(key, (grid = { count: [], sum: [] }));
      cube.lastKey = key;
      cube.lastGrid = grid;
      const as = cube.a < 0 ? ZERO : this.codes[cube.a]!;
      const bs = cube.b < 0 ? ZERO : this.codes[cube.b]!;
      for (const a of as) {
        const counts = (grid.count[a] ??= []);
        for (const b of bs) counts[b] = (counts[b] ?? 0) + count;
        if (sum === 0) continue; // most kinds measure nothing: their sums stay empty
        const sums = (grid.sum[a] ??= []);
        for (const b of bs) sums[b] = (sums[b] ?? 0) + sum;
      }
    }
  }

  /** The summed cells, without those that cancel out (a change that moved nothing). */
  rows(): CellRow[] {
    const rows: CellRow[] = [];
    for (const cube of this.cubes) {
      const dicts = cube.dims.map((d) => this.dicts[this.stored.indexOf(d)]!);
      for (const [sp, grid] of cube.grids)
        grid.count.forEach((counts, a) =>
          counts.forEach((count, b) => {
            const sum = grid.sum[a]?.[b] ?? 0;
            if (count === 0 && sum === 0) return;
            const codes = [a, b];
            rows.push({
              kind: this.spec.kind,
              cube: cube.id,
              source: this.sources.values[Math.floor(sp / BASE)] as string,
              period: this.periods.values[sp % BASE] as string,
              key: JSON.stringify(dicts.map((dict, i) => dict.values[codes[i]!] ?? null)),
              count,
              sum,
            });
          }),
        );
    }
    return rows;
  }
}

/** A stable identity of a fact's counted content, to fold identical imported rows together. */
export function factSignature(fact: Fact): string {
  return JSON.stringify([fact.kind, fact.source, fact.date, fact.year, fact.measure, fact.dims]);
}
