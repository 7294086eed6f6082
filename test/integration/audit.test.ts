import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditService, systemActor } from '../../src/modules/audit/audit.service.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

/** Drops the append-only triggers, as someone with full database access could. */
async function dropGuards(t: TestApp): Promise<void> {
  if (t.kind === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(t.database.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(t.database.db);
  } else {
    await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(t.database.db);
  }
}

describe.each(databases)('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeEach(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t);
    await addAgency(admin, 'PJ');
  });
  afterEach(() => t.close());

  it('verifies an intact trail', async () => {
    const result = await auditService.verify(t.database.db);
    expect(result).toMatchObject({ ok: true });
    expect(result.entries).toBeGreaterThan(5);
  });

  it('refuses updates and deletes of entries in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the first altered entry', async () => {
    await dropGuards(t);
    await sql`UPDATE audit_log SET summary = '{"code":"FAKE"}' WHERE seq = 3`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  it('names the entry after a deleted one', async () => {
    await dropGuards(t);
    await sql`DELETE FROM audit_log WHERE seq = 4`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'gap' },
    });
  });

  it('detects entries cut off the end of the trail', async () => {
    await dropGuards(t);
    const last = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    await sql`DELETE FROM audit_log WHERE seq = ${Number(last.seq)}`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      firstBad: { seq: Number(last.seq), reason: 'truncated' },
    });
  });

  it('detects two entries swapped', async () => {
    await dropGuards(t);
    // Swap the contents of entries 2 and 3 while keeping the sequence numbers in place.
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'in', [2, 3])
      .orderBy('seq')
      .execute();
    const [second, third] = rows as [(typeof rows)[0], (typeof rows)[0]];
    await t.database.db.deleteFrom('audit_log').where('seq', 'in', [2, 3]).execute();
    await t.database.db
      .insertInto('audit_log')
      .values([
        { ...third, seq: 2 },
        { ...second, seq: 3 },
      ])
      .execute();
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.database.db
          .transaction()
          .execute((tx) =>
            auditService.record(tx, systemActor('system'), 'agency.updated', { summary: { i } }),
          ),
      ),
    );
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
  });

  it('rolls the entry back with the change it records', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('seq').execute();
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await auditService.record(tx, systemActor('system'), 'agency.created', { summary: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(before.length);
  });

  it('lets an auditor browse and filter the trail, and nobody else', async () => {
    const agencyId = ((await admin.get('/api/v1/agencies')).json() as { id: string }[])[0]!.id;
    const auditor = await addUser(t, admin, agencyId, ['auditor']);
    const client = t.client();
    await client.signIn(auditor.email);
    const page = (await client.get('/api/v1/audit?action=agency.created&limit=10')).json() as {
      entries: { action: string; actor: { email: string | null } }[];
    };
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.action === 'agency.created')).toBe(true);
    const paged = (await client.get('/api/v1/audit?limit=2')).json() as {
      entries: { seq: number }[];
      nextBefore: number;
    };
    const next = (await client.get(`/api/v1/audit?limit=2&before=${paged.nextBefore}`)).json() as {
      entries: { seq: number }[];
    };
    expect(next.entries[0]!.seq).toBeLessThan(paged.entries[1]!.seq + 1);
    expect((await client.get('/api/v1/audit/verification')).json()).toMatchObject({ ok: true });
    expect((await admin.get('/api/v1/audit')).statusCode).toBe(403);
  });
});
