import type { TableSource } from './publication.tables.js';
import { tableOfCells } from './publication.tables.js';
import { queryIndicator } from './indicators.service.js';

/** Released tables come from the indicator engine: rows × columns of one kind, in one period. */
export const engineTableSource: TableSource = async (db, query) => {
  const result = await queryIndicator(db, {
    kind: query.kind,
    period: query.period,
    by: [query.rows, query.cols],
    ...(query.periodKey ? { from: query.periodKey, to: query.periodKey } : {}),
    ...(query.source ? { source: query.source } : {}),
  });
  return tableOfCells(result.cells, query.periodKey ?? null);
};
