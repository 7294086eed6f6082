import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

// better-sqlite3 prepares a statement (parses and plans the SQL) on every `prepare`, and
// Kysely's SQLite driver calls it for every query: a fifth of an API request's time went there
// (issue 10's profile). Kysely lets the dialect be given the database object, so it is given
// this one, whose `prepare` keeps the most recently used statements by SQL text.
//
// Reuse is safe because Kysely's SQLite driver runs one query at a time (a mutex on its single
// connection) and a statement finishes (`all`, `run`) or is closed (`iterate`, by the stream's
// end) before the connection is released. SQLite re-prepares a statement itself when the schema
// changes under it (sqlite3_prepare_v3), so migrations need nothing here.

/** How many statements are kept: the distinct SQL texts of a busy day fit (most requests repeat). */
export const statementCacheSize = 500;

export function cachingStatements(
  sqlite: SqliteDatabase.Database,
  size = statementCacheSize,
): KyselySqliteDatabase & { cached(): number } {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
    cached: () => statements.size,
  };
}
