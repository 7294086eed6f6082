import { invalid } from '../core/errors.js';
import type { ExpressionBuilder, ReferenceExpression } from 'kysely';
import type { DB } from './schema.js';

/**
 * Keyset paging, newest first: the rows after the last one shown, ordered by a date and
 * an id that breaks ties. Unlike OFFSET it stays fast on the millionth row.
 */
export function olderThan<TB extends keyof DB>(
  dateColumn: ReferenceExpression<DB, TB>,
  idColumn: ReferenceExpression<DB, TB>,
  last: { date: string; id: string },
) {
  return (eb: ExpressionBuilder<DB, TB>) =>
    eb.or([
      eb(dateColumn, '<', last.date),
      eb.and([eb(dateColumn, '=', last.date), eb(idColumn, '<', last.id)]),
    ]);
}

/** An opaque cursor for the last row of a page, and back. */
export function encodeCursor(date: string, id: string): string {
  return Buffer.from(`${date}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { date: string; id: string } {
  const [date = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!/^\d{4}-\d{2}-\d{2}/.test(date) || !id) throw invalid('cursor', 'invalid');
  return { date, id };
}
