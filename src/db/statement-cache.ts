import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
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

// PostgreSQL: Kysely's pg driver sends every statement unnamed, which the server parses and
// plans again each time; a named statement is parsed once per connection and then only bound
// and run (issue 10, B3: the bare route it is measured against names its statements). Each pool
// connection names the statements it runs by their SQL text, the most recently used first,
// within a bound; a statement it forgets is deallocated while the connection is outside a
// transaction (a failing DEALLOCATE there could abort nobody's work).
//
// A named statement keeps the result type it was parsed with: after a schema change
// (`ALTER TABLE … ADD COLUMN` under a `select *`) PostgreSQL refuses to run it
// ("cached plan must not change result type", 0A000). So migrations in this process make every
// connection forget its statements (`forget`), and a statement refused so is forgotten and, outside
// a transaction, run again under a new name (another process migrated); inside one, the
// transaction fails once, as it would on any concurrent schema change, and the next parses anew.

/** How many statements a connection keeps named (the distinct SQL texts of the hot paths fit). */
export const namedStatementsPerConnection = 200;

/** Numbers a name is made of, process-wide: a name is never given twice, so never collides. */
let named = 0;

type Client = pg.ClientBase & { connection?: { parsedStatements?: Record<string, string> } };
export type StatementNames = { generation: number };

/** What the pools share: raising `generation` makes every connection forget its statements. */
export function statementNames(): StatementNames & { forget(): void } {
  const names = {
    generation: 0,
    forget: () => {
      names.generation += 1;
    },
  };
  return names;
}

/** Makes `client` run statements that have parameters as named statements (see above). */
export function namingStatements(
  client: pg.ClientBase,
  shared: StatementNames,
  size = namedStatementsPerConnection,
): void {
  const c = client as Client;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  // SQL text → name, least recently used first; names of statements to deallocate when idle.
  const names = new Map<string, string>();
  let forgotten: string[] = [];
  let generation = shared.generation;
  let forgetAll = false;
  const idle = () => client.getTransactionStatus() === 'I';
  const forget = (text: string) => {
    const name = names.get(text);
    if (name === undefined) return;
    names.delete(text);
    forgotten.push(name);
  };
  /** Deallocates what was forgotten, when outside a transaction (queued before the next statement). */
  const tidy = () => {
    if (!idle()) return;
    const parsed = c.connection?.parsedStatements ?? {};
    if (forgetAll) {
      forgetAll = false;
      forgotten = [];
      for (const name of Object.keys(parsed)) delete parsed[name];
      query('deallocate all').catch(() => {});
      return;
    }
    for (const name of forgotten)
      if (parsed[name] !== undefined) {
        delete parsed[name];
        query(`deallocate "${name}"`).catch(() => {});
      }
    forgotten = [];
  };
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined)
      return query(text, values, callback);
    if (generation !== shared.generation) {
      generation = shared.generation;
      names.clear();
      forgetAll = true;
    }
    let name = names.get(text);
    if (name !== undefined) names.delete(text);
    else {
      name = `guia_${++named}`;
      while (names.size >= size) forget(names.keys().next().value!);
    }
    names.set(text, name);
    const outside = idle();
    tidy();
    return query({ name, text, values }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '0A000') throw error;
      forget(text);
      if (!outside) throw error;
      tidy();
      const again = `guia_${++named}`;
      names.set(text, again);
      return query({ name: again, text, values });
    });
  };
}
