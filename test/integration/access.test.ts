import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser, auditActions } from '../support/fixtures.js';
import {
  signInAdmin,
  startTestApp,
  startWithAdmin,
  type TestApp,
  type TestClient,
} from '../support/harness.js';

const names = {
  en: 'Labour Affairs Bureau',
  'zh-Hant': '勞工事務局',
  pt: 'Direcção dos Serviços para os Assuntos Laborais',
};

/** Asks the API to create a user with the default language; the answer is the test's to check. */
const postUser = (admin: TestClient, email: string, name: string, agencyId: string, roles: string[]) =>
  admin.post('/api/v1/users', { email, name, agencyId, roles });

describe.each(databases)('agencies and users on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let dsal: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    pj = await addAgency(admin, 'PJ');
    dsal = await addAgency(admin, 'DSAL', 'labour');
  });
  afterAll(() => t.close());

  it('stores an agency code in capitals, active, at version 1', async () => {
    const response = await admin.post('/api/v1/agencies', { code: 'ss', kind: 'health', names });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ code: 'SS', kind: 'health', active: true, version: 1 });
  });

  it('refuses a duplicate agency code, naming the field, and changes nothing', async () => {
    const before = await admin.get('/api/v1/agencies');
    const response = await admin.post('/api/v1/agencies', { code: 'PJ', kind: 'police', names });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'resource.duplicate',
      errors: [{ path: 'code', code: 'duplicate' }],
    });
    expect((await admin.get('/api/v1/agencies')).json()).toEqual(before.json());
  });

  it('names an unknown field, a bad kind and a missing name', async () => {
    const response = await admin.post('/api/v1/agencies', {
      code: 'X1',
      kind: 'army',
      names: { en: 'x', pt: 'y' },
      colour: 'red',
    });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as { errors: { path: string; code: string }[] }).errors.map(
      (e) => `${e.path}:${e.code}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['colour:unknown_field', 'kind:invalid_value', 'names.zh-Hant:required']),
    );
  });

  it('updates an agency with its version and refuses a stale version with 409', async () => {
    const current = ((await admin.get('/api/v1/agencies')).json() as { id: string; version: number }[]).find(
      (a) => a.id === dsal,
    )!;
    const updated = await admin.patch(`/api/v1/agencies/${dsal}`, { version: current.version, names });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ names, version: current.version + 1 });
    const stale = await admin.patch(`/api/v1/agencies/${dsal}`, { version: current.version, active: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.stale' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'agency.updated')
      .execute();
    expect(JSON.parse(audit.at(-1)!.summary)).toMatchObject({
      name_en: { from: 'DSAL agency', to: names.en },
    });
  });

  it('creates a user with a one-time password that must be changed, and refuses a duplicate e-mail', async () => {
    const created = await postUser(admin, 'Officer.Lei@Example.org', 'Lei Chi Fong', pj, ['agency_officer']);
    expect(created.statusCode).toBe(201);
    const body = created.json() as {
      user: { email: string; mustChangePassword: boolean; roles: string[] };
      oneTimePassword: string;
    };
    expect(body.user).toMatchObject({
      email: 'officer.lei@example.org',
      mustChangePassword: true,
      roles: ['agency_officer'],
    });
    expect(body.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const duplicate = await postUser(admin, 'officer.lei@example.org', 'Other', pj, ['analyst']);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ errors: [{ path: 'email', code: 'duplicate' }] });
    // The password never reaches the audit trail.
    const summaries = (await t.database.db.selectFrom('audit_log').select('summary').execute())
      .map((r) => r.summary)
      .join('\n');
    expect(summaries).not.toContain(body.oneTimePassword);
  });

  it('refuses a user in an unknown agency or with an unknown role', async () => {
    const unknownAgency = '0190a000-0000-7000-8000-000000000000';
    const response = await postUser(admin, 'x@example.org', 'X', unknownAgency, ['superuser']);
    expect(response.statusCode).toBe(400);
    expect((response.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
      'roles.0',
    );
  });

  it('denies an analyst the user list and audits the denial', async () => {
    const analyst = await addUser(t, admin, pj, ['analyst']);
    const client = t.client();
    await client.signIn(analyst.email);
    const response = await client.get('/api/v1/users');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'permission.denied' });
    const denial = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.permission_denied')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(denial.actor_id).toBe(analyst.id);
    expect(JSON.parse(denial.summary)).toMatchObject({ permission: 'user.read' });
  });

  it('shows an agency officer only the users of their own agency', async () => {
    const officer = await addUser(t, admin, dsal, ['agency_officer']);
    await addUser(t, admin, pj, ['agency_officer']);
    const client = t.client();
    await client.signIn(officer.email);
    const users = (await client.get('/api/v1/users')).json() as { agency: { id: string } }[];
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users.map((u) => u.agency.id))).toEqual(new Set([dsal]));
    expect((await client.get(`/api/v1/users?agencyId=${pj}`)).statusCode).toBe(403);
    expect((await client.post('/api/v1/agencies', { code: 'NEW', kind: 'police', names })).statusCode).toBe(
      403,
    );
  });

  it('disables a user, ending their sessions, and refuses to disable oneself', async () => {
    const user = await addUser(t, admin, pj, ['analyst']);
    const client = t.client();
    await client.signIn(user.email);
    const current = (await admin.get(`/api/v1/users/${user.id}`)).json() as { version: number };
    expect(
      (await admin.patch(`/api/v1/users/${user.id}`, { version: current.version, active: false })).statusCode,
    ).toBe(200);
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
    const signIn = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: user.email, password: t.accounts.get(user.email)!.password });
    expect(signIn.statusCode).toBe(401);
    const me = (await admin.get('/api/v1/session')).json() as { user: { id: string } };
    const self = (await admin.get(`/api/v1/users/${me.user.id}`)).json() as { version: number };
    expect(
      (await admin.patch(`/api/v1/users/${me.user.id}`, { version: self.version, active: false })).json(),
    ).toMatchObject({ code: 'user.cannot_disable_self' });
    expect(await auditActions(t)).toContain('user.disabled');
  });

  it('resets a password to a one-time password that must be changed', async () => {
    const user = await addUser(t, admin, pj, ['analyst']);
    const reset = await admin.post(`/api/v1/users/${user.id}/reset-password`);
    const { oneTimePassword } = reset.json() as { oneTimePassword: string };
    const signIn = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: user.email, password: oneTimePassword });
    expect(signIn.json()).toMatchObject({ stage: 'password_change' });
  });

  it('remembers the language per user and answers errors in it', async () => {
    const user = await addUser(t, admin, pj, ['analyst']);
    const client = t.client();
    await client.signIn(user.email);
    const changed = await client.put('/api/v1/account/language', { language: 'pt' });
    expect(changed.json()).toMatchObject({ user: { language: 'pt' } });
    const denied = await client.get('/api/v1/users');
    expect(denied.json()).toMatchObject({ code: 'permission.denied' });
    expect((denied.json() as { title: string }).title).not.toBe('You are not allowed to do this.');
  });

  it('lists the roles with their permissions as stored data', async () => {
    const roles = (await admin.get('/api/v1/roles')).json() as {
      id: string;
      permissions: { permission: string; scope: string }[];
    }[];
    expect(roles.map((r) => r.id).sort()).toEqual([
      'administrator',
      'agency_officer',
      'analyst',
      'auditor',
      'case_worker',
      'secretariat',
      'supervisor',
    ]);
    expect(roles.find((r) => r.id === 'auditor')!.permissions).toContainEqual({
      permission: 'audit.read',
      scope: 'all',
    });
  });
});

describe.each(databases)('user search on %s', (kind) => {
  it('matches names whatever their case, and treats % and _ as plain characters', async () => {
    const t = await startTestApp(kind);
    try {
      const admin = await signInAdmin(t);
      const agency = await addAgency(admin, 'GSC', 'ngo');
      await postUser(admin, 'maria_s@example.org', 'Maria Santos', agency, ['analyst']);
      await postUser(admin, 'mariaxs@example.org', 'Mário Silva', agency, ['analyst']);
      const byName = (await admin.get('/api/v1/users?q=SANTOS')).json() as { email: string }[];
      expect(byName.map((u) => u.email)).toEqual(['maria_s@example.org']);
      const literal = (await admin.get('/api/v1/users?q=maria_s')).json() as { email: string }[];
      expect(literal.map((u) => u.email)).toEqual(['maria_s@example.org']);
    } finally {
      await t.close();
    }
  });
});

describe.each(databases)('account recovery on %s', (kind) => {
  it('lets an administrator clear a lost second factor, so the user enrols again', async () => {
    const t = await startTestApp(kind);
    try {
      const admin = await signInAdmin(t);
      const agency = await addAgency(admin, 'IAS', 'social_welfare');
      const worker = await addUser(t, admin, agency, ['case_worker']);
      const client = t.client();
      await client.signIn(worker.email);
      expect((await admin.post(`/api/v1/users/${worker.id}/reset-two-factor`)).json()).toMatchObject({
        twoFactorEnabled: false,
      });
      expect((await client.get('/api/v1/session')).statusCode).toBe(401);
      const again = await t.client().post('/api/v1/auth/sign-in', {
        email: worker.email,
        password: t.accounts.get(worker.email)!.password,
      });
      expect(again.json()).toMatchObject({ stage: 'two_factor_enrolment' });
      expect(await auditActions(t)).toContain('account.two_factor_disabled');
    } finally {
      await t.close();
    }
  });

  it('keeps the session of an administrator who edits their own account, but not his own roles', async () => {
    const t = await startTestApp(kind);
    try {
      const admin = await signInAdmin(t);
      const me = (await admin.get('/api/v1/session')).json() as { user: { id: string } };
      const self = (await admin.get(`/api/v1/users/${me.user.id}`)).json() as { version: number };
      const edited = await admin.patch(`/api/v1/users/${me.user.id}`, {
        version: self.version,
        name: 'Administrator Lei',
        roles: ['administrator'],
      });
      expect(edited.statusCode).toBe(200);
      expect((await admin.get('/api/v1/session')).statusCode).toBe(200);
      const granted = await admin.patch(`/api/v1/users/${me.user.id}`, {
        version: (edited.json() as { version: number }).version,
        roles: ['administrator', 'auditor'],
      });
      expect(granted.statusCode).toBe(403);
      expect(granted.json()).toMatchObject({ code: 'user.cannot_change_own_roles' });
      expect((await admin.get('/api/v1/audit?limit=1')).statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
