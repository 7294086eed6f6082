import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, signedInClient } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

// Every list pages newest first by keyset; with a million records, a list that the database
// must sort on each request slows as data grows (issue 11: the soak's p99 doubled). Each list
// request's paged statement is explained here, as run, on both databases: the plan must read
// the rows in their order from an index — no "TEMP B-TREE FOR ORDER BY" on SQLite, no Sort
// node on PostgreSQL (asked with sequential scans and sorts priced out, so that a plan with a
// sort is chosen only when no index gives the order).

type Statement = { sql: string; parameters: readonly unknown[] };

describe.each(databases)('list order served by an index on %s', (kind) => {
  let t: TestApp;
  let recording: Statement[] | null = null;
  const clients: Record<'secretariat' | 'officer' | 'worker' | 'auditor', TestClient> = {} as never;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      onQuery: (text, parameters) => recording?.push({ sql: text, parameters }),
    });
    const admin = await signInAdmin(t);
    const pj = await addAgency(admin, 'PJ');
    const roles = {
      secretariat: ['secretariat'],
      officer: ['agency_officer'],
      worker: ['case_worker'],
      auditor: ['auditor'],
    } as const;
    for (const [name, granted] of Object.entries(roles)) {
      const client = await signedInClient(t, admin, pj, [...granted]);
      clients[name as keyof typeof roles] = client;
    }
    const created = await clients.officer.post('/api/v1/cases', {
      origin: 'self_report',
      reportDate: '2024-01-02',
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(() => t.close());

  /** The paged statements (ORDER BY … LIMIT) that one request runs. */
  async function pagedStatements(client: TestClient, url: string): Promise<Statement[]> {
    recording = [];
    const response = await client.get(url);
    const statements = recording;
    recording = null;
    expect(response.statusCode, response.body).toBe(200);
    return statements.filter((s) => /order by[\s\S]*limit/i.test(s.sql));
  }

  async function plan(statement: Statement): Promise<string> {
    const db = t.database.db;
    if (kind === 'sqlite') {
      const result = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]),
      );
      return result.rows.map((row) => row.detail).join('\n');
    }
    return db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local enable_sort = off`.execute(tx);
      const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]),
      );
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  const lists: [string, keyof typeof clients, string][] = [
    ['the case list of the whole committee', 'secretariat', '/api/v1/cases'],
    ['the case list of an agency', 'officer', '/api/v1/cases'],
    ['the case list of one stage', 'officer', '/api/v1/cases?stage=reported'],
    ['the case list of a case worker', 'worker', '/api/v1/cases'],
    ['the referral inbox', 'worker', '/api/v1/referrals/inbox'],
    ['the referral inbox of one status', 'worker', '/api/v1/referrals/inbox?status=sent'],
    ['the audit trail', 'auditor', '/api/v1/audit'],
  ];

  it.each(lists)('reads %s in its order from an index', async (_name, who, url) => {
    const statements = await pagedStatements(clients[who], url);
    expect(statements.length, `no paged statement for ${url}`).toBeGreaterThan(0);
    for (const statement of statements) {
      const text = await plan(statement);
      if (kind === 'sqlite') expect(text).not.toMatch(/TEMP B-TREE FOR .*ORDER BY/);
      else expect(text).not.toMatch(/\bSort\b/);
    }
  });
});
