import type { Executor } from '../../db/schema.js';
import type { TableQuery } from './publication.schemas.js';

/**
 * Where a release's table comes from: a two-way table of counts for a query. The indicator
 * engine (indicators*.ts) answers it in production; the interface keeps publication independent
 * of how counts are kept, and lets a test hand in a table it knows.
 */
export type SourceTable = {
  rowLabels: (string | null)[];
  colLabels: (string | null)[];
  counts: number[][];
};

export type TableSource = (db: Executor, query: TableQuery) => Promise<SourceTable>;

/** Cells as the indicator engine gives them: one value per dimension asked and a count. */
export type EngineCell = { period: string | null; values: (string | null)[]; count: number };

const byLabel = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Folds engine cells for (rows, cols) into a table; labels sorted, "not recorded" (null) last. */
export function tableOfCells(cells: readonly EngineCell[], periodKey: string | null): SourceTable {
  const kept = cells.filter((c) => periodKey === null || c.period === periodKey);
  const rowLabels = [...new Set(kept.map((c) => c.values[0] ?? null))].sort(byLabel);
  const colLabels = [...new Set(kept.map((c) => c.values[1] ?? null))].sort(byLabel);
  const counts = rowLabels.map(() => colLabels.map(() => 0));
  for (const c of kept)
    counts[rowLabels.indexOf(c.values[0] ?? null)]![colLabels.indexOf(c.values[1] ?? null)]! += c.count;
  return { rowLabels, colLabels, counts };
}

let engine: TableSource | null = null;
let override: TableSource | null = null;

/** The indicator engine, installed when the publication routes are registered. */
export function installEngineSource(next: TableSource): void {
  engine = next;
}

/** A known table in place of the engine (tests); null returns to the engine. */
export function setTableSource(next: TableSource | null): void {
  override = next;
}

export function tableSource(): TableSource | null {
  return override ?? engine;
}
