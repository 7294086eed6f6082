import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { encodeCursor } from '../src/db/keyset.js';
import { presentCaseSummary } from '../src/modules/cases/cases.presenters.js';

// The limit of B3 (issue 10): the work of an authenticated case list written by hand, in a
// process of its own. A bare Fastify route looks the session up (session, user, roles,
// permissions: the four statements Guia ran per request before this bench) and runs the very
// SQL Guia runs for the list — captured from Guia's own repository by bench/api.ts — through
// raw prepared statements (better-sqlite3) or named prepared statements (pg), and answers with
// JSON.stringify of the same presenter's output. No validation, no hooks, no query builder.

/** A statement as Guia ran it: its SQL and the parameters it was given. */
export type Captured = { sql: string; parameters: unknown[] };

export type LimitSpec = {
  target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  port: number;
  /** The list statement, run for the bench user; their id and agency id are swapped for the session's. */
  list: Captured & { userId: string; agencyId: string; limit: number };
  /** The statements of the dashboard, in order. */
  dashboard: Captured[];
};

const authStatements = {
  session: 'select * from "sessions" where "token_hash" = ?',
  user: 'select * from "users" where "id" = ?',
  roles: 'select "user_id", "role_id" from "user_roles" where "user_id" in (?) order by "role_id"',
  grants:
    'select "role_permissions"."permission", "role_permissions"."scope" from "user_roles" inner join ' +
    '"role_permissions" on "role_permissions"."role_id" = "user_roles"."role_id" where "user_roles"."user_id" = ?',
};

type Row = Record<string, unknown>;
type Run = (name: string, sql: string, parameters: unknown[]) => Promise<Row[]>;

function sqliteRunner(file: string): Run {
  const db = new SqliteDatabase(file);
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, SqliteDatabase.Statement>();
  return async (name, sql, parameters) => {
    let statement = statements.get(name);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(name, statement);
    }
    return statement.all(...parameters) as Row[];
  };
}

/** `?` placeholders as PostgreSQL's `$n` (the auth statements are written once, for both). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function postgresRunner(url: string): Run {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return async (name, sql, parameters) =>
    (await pool.query<Row>({ name, text: sql.includes('?') ? numbered(sql) : sql, values: parameters })).rows;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

function tokenOf(cookie: string | undefined): string | null {
  const match = /(?:^|;\s*)guia_session=([^;]+)/.exec(cookie ?? '');
  return match?.[1] ?? null;
}

export async function serveLimit(spec: LimitSpec): Promise<{ close(): Promise<void>; port: number }> {
  const run =
    spec.target.kind === 'sqlite' ? sqliteRunner(spec.target.file) : postgresRunner(spec.target.url);
  const app = Fastify({ logger: false });

  /** The session's user, or null: the same four statements Guia ran per request. */
  async function signedIn(cookie: string | undefined): Promise<Row | null> {
    const token = tokenOf(cookie);
    if (!token) return null;
    const [session] = await run('limit_session', authStatements.session, [sha256(token)]);
    if (!session || Date.parse(String(session.expires_at)) <= Date.now()) return null;
    const [user] = await run('limit_user', authStatements.user, [session.user_id]);
    if (!user || Number(user.active) !== 1) return null;
    await run('limit_roles', authStatements.roles, [user.id]);
    const grants = await run('limit_grants', authStatements.grants, [user.id]);
    return grants.length > 0 ? user : null;
  }

  app.get('/api/v1/cases', async (request, reply) => {
    const user = await signedIn(request.headers.cookie);
    if (!user) return reply.code(401).send('{}');
    const { sql, parameters, userId, agencyId, limit } = spec.list;
    const values = parameters.map((value) =>
      value === userId ? user.id : value === agencyId ? user.agency_id : value,
    );
    const rows = await run('limit_list', sql, values);
    const items = rows.map((row) => presentCaseSummary(row as Parameters<typeof presentCaseSummary>[0]));
    const last = rows.at(-1);
    const nextCursor =
      rows.length === limit && last ? encodeCursor(String(last.registration_date), String(last.id)) : null;
    return reply.type('application/json').send(JSON.stringify({ items, nextCursor }));
  });

  app.get('/api/v1/statistics/dashboard', async (request, reply) => {
    if (!(await signedIn(request.headers.cookie))) return reply.code(401).send('{}');
    const results: Row[][] = [];
    for (const [i, statement] of spec.dashboard.entries())
      results.push(await run(`limit_dashboard_${i}`, statement.sql, statement.parameters));
    return reply.type('application/json').send(JSON.stringify(results));
  });

  await app.listen({ port: spec.port, host: '127.0.0.1' });
  return { close: () => app.close(), port: spec.port };
}

// As a child process of bench/api.ts: the spec arrives as JSON on the environment.
if (process.argv[1]?.endsWith('api-limit.js') && process.env.GUIA_BENCH_LIMIT) {
  const spec = JSON.parse(process.env.GUIA_BENCH_LIMIT) as LimitSpec;
  await serveLimit(spec);
  process.stdout.write('limit ready\n');
}
