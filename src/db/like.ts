import { sql, type RawBuilder } from 'kysely';

// LIKE patterns built from user input, escaped the same way on both databases: SQLite has
// no default escape character, so the ESCAPE clause is always spelled out.

const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function likePattern(
  column: string,
  text: string,
  where: 'prefix' | 'contains',
  caseInsensitive = false,
): RawBuilder<boolean> {
  const pattern = where === 'prefix' ? `${escape(text)}%` : `%${escape(text)}%`;
  // PostgreSQL compares case-sensitively, SQLite not (for ASCII): lower both sides when case must not matter.
  return caseInsensitive
    ? sql<boolean>`lower(${sql.ref(column)}) like ${pattern.toLowerCase()} escape '\\'`
    : sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
