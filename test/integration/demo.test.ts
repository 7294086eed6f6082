import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditService } from '../../src/modules/audit/audit.service.js';
import { seedMacaoDemo } from '../../src/profiles/macao/demo.js';
import { seedMacaoDemoCases } from '../../src/profiles/macao/demo-cases.js';
import { databases } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/harness.js';

describe.each(databases)('the Macao demo dataset on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('loads agencies, one user per role and cases at every kind of stage, once', async () => {
    const seed = await t.database.db.transaction().execute(async (tx) => {
      const users = await seedMacaoDemo(tx);
      await seedMacaoDemoCases(tx, t.cipher, '2026-01-01');
      return users;
    });
    expect(seed?.password).toMatch(/^demo-/);
    expect(new Set(seed?.users.flatMap((u) => u.roles))).toEqual(
      new Set(['administrator', 'secretariat', 'agency_officer', 'case_worker', 'analyst', 'auditor']),
    );
    const stages = (await t.database.db.selectFrom('cases').select('stage').execute())
      .map((r) => r.stage)
      .sort();
    expect(stages).toEqual(['judgment', 'no_charges', 'reported', 'under_investigation']);
    expect(await t.database.db.transaction().execute((tx) => seedMacaoDemo(tx))).toBeNull();
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
    const client = t.client();
    const session = await client.post('/api/v1/auth/sign-in', {
      email: 'analyst@demo.guia.example',
      password: seed!.password,
    });
    expect(session.json()).toMatchObject({ stage: 'active' });
    const cases = ((await client.get('/api/v1/cases')).json() as { items: { id: string }[] }).items;
    expect(cases).toHaveLength(4);
    // Every demo case must read back through the API's own response schema.
    for (const { id } of cases) expect((await client.get(`/api/v1/cases/${id}`)).statusCode).toBe(200);
  });
});
