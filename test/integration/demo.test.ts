import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/core/permissions.js';
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
    expect(new Set(seed?.users.flatMap((u) => u.roles))).toEqual(new Set(roles));
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

  it('refuses, on the demo data, the attacks of the need-to-know review', async () => {
    // The demo's shared password is printed once and not kept: an administrator resets each account used here.
    const admin = t.client();
    await admin.signIn('admin@localhost');
    const signIn = async (email: string) => {
      const user = (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).id;
      const reset = (await admin.post(`/api/v1/users/${user}/reset-password`)).json() as {
        oneTimePassword: string;
      };
      t.accounts.set(email, { password: reset.oneTimePassword, lastStep: 0 });
      const client = t.client();
      await client.signIn(email);
      return client;
    };
    const gsc = await signIn('caseworker.gsc@demo.guia.example');
    const dsal = await signIn('officer.dsal@demo.guia.example');
    const analyst = await signIn('analyst@demo.guia.example');
    const pjCase = await t.database.db
      .selectFrom('cases')
      .innerJoin('case_persons', 'case_persons.case_id', 'cases.id')
      .select(['cases.id', 'case_persons.id as casePersonId', 'case_persons.person_id as personId'])
      .where('cases.reference', 'like', 'PJ-2019-%')
      .where('case_persons.role', '=', 'victim')
      .executeTakeFirstOrThrow();

    // Attach by id (the id as if leaked), then reveal: refused before anything is linked.
    const own = (
      await gsc.post('/api/v1/cases', { origin: 'self_report', reportDate: '2025-01-02' })
    ).json() as { id: string };
    const attach = await gsc.post(`/api/v1/cases/${own.id}/people`, {
      role: 'victim',
      personId: pjCase.personId,
    });
    expect(attach.statusCode).toBe(403);
    expect(
      (
        await gsc.post(`/api/v1/cases/${own.id}/people/${pjCase.casePersonId}/reveal`, {
          purpose: 'casework',
        })
      ).statusCode,
    ).toBe(404);
    // The duplicate oracle: a namesake with the same birth date learns only whom to ask.
    const namesake = await gsc.post(`/api/v1/cases/${own.id}/people`, {
      role: 'victim',
      person: { givenNames: 'Ana Marie', familyName: 'Reyes', birthDate: '1998-02-14', citizenship: [] },
    });
    expect(namesake.json()).toMatchObject({
      probableDuplicates: [],
      duplicateOutsideYourCases: { ask: [{ code: 'PJ' }] },
    });
    expect(namesake.body).not.toContain(pjCase.personId);
    // Self-granted membership by an officer of another agency, and free text for non-members.
    const dsalSession = (await dsal.get('/api/v1/session')).json() as { user: { id: string } };
    expect(
      (await dsal.post(`/api/v1/cases/${pjCase.id}/members`, { userId: dsalSession.user.id })).statusCode,
    ).toBe(403);
    const analystView = await analyst.get(`/api/v1/cases/${pjCase.id}`);
    expect(analystView.json()).toMatchObject({ summary: null, textWithheld: true });
    expect(analystView.body).not.toContain('Inspection of a hotel');
    expect(analystView.body).not.toContain(pjCase.personId);
    expect((await analyst.get(`/api/v1/persons/${pjCase.personId}`)).statusCode).toBe(403);
  });
});
