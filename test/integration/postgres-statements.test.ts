import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/db/database.js';
import { namingStatements, statementNames } from '../../src/db/statement-cache.js';
import { databases, freshDatabase } from '../support/databases.js';

// On PostgreSQL every statement with parameters runs as a named statement, parsed once per
// connection (src/db/statement-cache.ts; issue 10, B3). It must answer exactly as the unnamed
// statement did, and keep working when the schema changes under a statement it has parsed.

describe.skipIf(!databases.includes('postgres'))('named statements on postgres', () => {
  const kind = 'postgres' as const;
  let database: Database;
  let url: string;
  let drop: () => Promise<void>;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    if (fresh.target.kind !== 'postgres') throw new Error('PostgreSQL only');
    url = fresh.target.url;
    drop = fresh.drop;
    database = openDatabase(fresh.target);
    await migrate(database);
    await sql`create table named_probe (id integer primary key, name text, at timestamptz, data jsonb, flag boolean)`.execute(
      database.db,
    );
    await sql`insert into named_probe values (1, 'one', '2021-03-01T10:00:00Z', '{"a": [1, 2]}', true), (2, null, null, null, false)`.execute(
      database.db,
    );
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await database.close();
    await drop();
  });

  async function client(named: ReturnType<typeof statementNames> | null) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    if (named) namingStatements(c, named);
    return c;
  }
  const prepared = async (c: pg.Client) =>
    (await c.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map(
      (r) => r.name,
    );

  it('parses a statement once per connection and answers as the unnamed statement does', async () => {
    const plain = await client(null);
    const text =
      'select id, name, at, data, flag, count(*) over () as n from named_probe where id >= $1 order by id';
    const unnamed = (await plain.query(text, [1])).rows;
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 3; i++)
        expect((await sql.raw(text.replace('$1', '1')).execute(tx)).rows).toEqual(unnamed);
      const read = () => tx.selectFrom('roles').select('id').where('id', '=', 'analyst').execute();
      expect(await read()).toEqual([{ id: 'analyst' }]);
      expect(await read()).toEqual([{ id: 'analyst' }]);
      const names = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        tx,
      );
      // The select of roles, parsed once though run twice; the raw text has no parameter: unnamed.
      const roles = tx.selectFrom('roles').select('id').where('id', '=', 'analyst').compile().sql;
      expect(names.rows.filter((r) => r.statement === roles)).toHaveLength(1);
      expect(names.rows.filter((r) => r.statement.includes('named_probe'))).toHaveLength(0);
    });
    const named = await client(statementNames());
    expect((await named.query(text, [1])).rows).toEqual(unnamed);
    expect((await named.query(text, [1])).rows).toEqual(unnamed);
    expect((await named.query(text, [2])).rows).toEqual((await plain.query(text, [2])).rows);
    expect(await prepared(named)).toHaveLength(1);
  });

  it('keeps at most its bound of statements, deallocating the least recently used', async () => {
    const c = await client(null);
    namingStatements(c, statementNames(), 3);
    for (let i = 0; i < 5; i++)
      expect((await c.query(`select $1::integer + ${i} as n`, [1])).rows).toEqual([{ n: 1 + i }]);
    const texts = (await c.query<{ statement: string }>('select statement from pg_prepared_statements')).rows;
    expect(texts.map((r) => r.statement).sort()).toEqual(
      [2, 3, 4].map((i) => `select $1::integer + ${i} as n`),
    );
  });

  it('runs a statement again when another process changed its table outside a transaction', async () => {
    const c = await client(statementNames());
    const other = await client(null);
    const text = 'select * from named_probe where id = $1';
    expect(Object.keys((await c.query(text, [1])).rows[0])).not.toContain('extra');
    await other.query('alter table named_probe add column extra text');
    expect(Object.keys((await c.query(text, [1])).rows[0])).toContain('extra');
    expect(Object.keys((await c.query(text, [1])).rows[0])).toContain('extra');
    await other.query('alter table named_probe drop column extra');
  });

  it('fails a transaction once when the table changed under it, and parses anew the next time', async () => {
    const c = await client(statementNames());
    const other = await client(null);
    const text = 'select * from named_probe where id = $1';
    await c.query(text, [1]);
    await other.query('alter table named_probe add column later text');
    await c.query('begin');
    await expect(c.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
    await c.query('rollback');
    await c.query('begin');
    expect(Object.keys((await c.query(text, [1])).rows[0])).toContain('later');
    await c.query('commit');
    await other.query('alter table named_probe drop column later');
  });

  it('forgets every statement after a migration of its own, even inside a transaction', async () => {
    const names = statementNames();
    const c = await client(names);
    const text = 'select * from named_probe where id = $1';
    await c.query(text, [1]);
    await c.query('alter table named_probe add column migrated text');
    names.forget(); // what migrate() does when it applied a migration
    await c.query('begin');
    expect(Object.keys((await c.query(text, [1])).rows[0])).toContain('migrated');
    await c.query('commit');
    await c.query(text, [1]); // outside the transaction: the old statements are deallocated
    expect(await prepared(c)).toHaveLength(1); // the statement (the list's own query is unnamed)
    await c.query('alter table named_probe drop column migrated');
  });
});
