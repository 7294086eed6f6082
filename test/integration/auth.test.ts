import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser, auditActions } from '../support/fixtures.js';
import { startWithAdmin, strongPassword, type TestApp, type TestClient } from '../support/harness.js';

describe.each(databases)('signing in on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencyId = await addAgency(admin, 'PJ');
  });
  afterAll(() => t.close());

  it('makes the first administrator change the password and enrol a second factor before anything else', async () => {
    const client = t.client();
    const session = (await client.signIn('admin@localhost')).valueOf() as {
      stage: string;
      permissions: string[];
    };
    expect(session.stage).toBe('active');
    expect(session.permissions).toContain('user.manage');
    // The initial password no longer works once changed.
    const stale = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'admin@localhost', password: 'first-start harbour 2026' });
    expect(stale.statusCode).toBe(401);
  });

  it('grants nothing until every sign-in step is done', async () => {
    const user = await addUser(t, admin, agencyId, ['case_worker']);
    const client = t.client();
    const first = await client.post('/api/v1/auth/sign-in', {
      email: user.email,
      password: t.accounts.get(user.email)!.password,
    });
    expect(first.json()).toMatchObject({ stage: 'password_change', permissions: [] });
    expect((await client.get('/api/v1/agencies')).statusCode).toBe(403);
    expect((await client.get('/api/v1/agencies')).json()).toMatchObject({ code: 'auth.step_required' });
    const changed = await client.post('/api/v1/account/password', {
      currentPassword: t.accounts.get(user.email)!.password,
      newPassword: strongPassword,
    });
    // A case worker must enrol a second factor next.
    expect(changed.json()).toMatchObject({ stage: 'two_factor_enrolment', permissions: [] });
  });

  it('refuses a wrong password, audits it, and throttles this address after five failures', async () => {
    const user = await addUser(t, admin, agencyId, ['analyst']);
    const client = t.client();
    for (let i = 0; i < 5; i++) {
      const wrong = await client.post('/api/v1/auth/sign-in', {
        email: user.email,
        password: 'not the password at all',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json()).toMatchObject({ code: 'auth.invalid_credentials' });
    }
    // Throttled from this address: even the right password is refused until the window ends.
    const right = await client.post('/api/v1/auth/sign-in', {
      email: user.email,
      password: t.accounts.get(user.email)!.password,
    });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'auth.sign_in_throttled' });
    const actions = await auditActions(t);
    expect(actions.filter((a) => a === 'auth.sign_in_failed').length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain('auth.locked');
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const response = await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'nobody@example.org', password: 'whatever it is here' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'auth.invalid_credentials' });
  });

  it('asks for the second factor, refuses a wrong code, and accepts a recovery code once', async () => {
    const user = await addUser(t, admin, agencyId, ['secretariat']);
    const setupClient = t.client();
    await setupClient.post('/api/v1/auth/sign-in', {
      email: user.email,
      password: t.accounts.get(user.email)!.password,
    });
    await setupClient.post('/api/v1/account/password', {
      currentPassword: t.accounts.get(user.email)!.password,
      newPassword: strongPassword,
    });
    t.accounts.get(user.email)!.password = strongPassword;
    const setup = (await setupClient.post('/api/v1/account/two-factor/setup')).json() as {
      secret: string;
      qrCodeDataUrl: string;
      otpauthUri: string;
    };
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.otpauthUri).toContain('otpauth://totp/Guia');
    t.accounts.get(user.email)!.secret = setup.secret;
    const confirm = await setupClient.post('/api/v1/account/two-factor/confirm', {
      code: await setupClient.totp(user.email),
    });
    const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);

    const client = t.client();
    const signIn = await client.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    expect(signIn.json()).toMatchObject({ stage: 'second_factor', permissions: [] });
    const wrong = await client.post('/api/v1/auth/second-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.invalid_second_factor' });
    const recovered = await client.post('/api/v1/auth/second-factor', { code: recoveryCodes[0] });
    expect(recovered.json()).toMatchObject({ stage: 'active' });

    const again = t.client();
    await again.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    expect((await again.post('/api/v1/auth/second-factor', { code: recoveryCodes[0] })).statusCode).toBe(401);
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining([
        'auth.second_factor_failed',
        'account.recovery_code_used',
        'account.two_factor_enrolled',
      ]),
    );
  });

  it('refuses a TOTP code replayed within its time window', async () => {
    const user = await addUser(t, admin, agencyId, ['auditor']);
    const client = t.client();
    await client.signIn(user.email);
    await client.post('/api/v1/account/two-factor/setup').then(async (r) => {
      t.accounts.get(user.email)!.secret = (r.json() as { secret: string }).secret;
    });
    const code = await client.totp(user.email);
    expect((await client.post('/api/v1/account/two-factor/confirm', { code })).statusCode).toBe(200);
    const replay = t.client();
    await replay.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    expect((await replay.post('/api/v1/auth/second-factor', { code })).statusCode).toBe(401);
  });
});

describe.each(databases)('sessions on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
  });
  afterAll(() => t.close());

  it('answers 401 without a session and with a tampered cookie, auditing the tampering', async () => {
    const anonymous = await t.client().get('/api/v1/agencies');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'auth.required' });
    const tampered = t.client();
    tampered.cookie = `${admin.cookie!.slice(0, -2)}xx`;
    expect((await tampered.get('/api/v1/agencies')).statusCode).toBe(401);
    expect(await auditActions(t)).toContain('auth.session_rejected');
  });

  it('ends a session idle for longer than the idle timeout, and one past its absolute end', async () => {
    const idle = t.client();
    await idle.signIn('admin@localhost');
    const idleId = (
      await t.database.db
        .selectFrom('sessions')
        .select(['id', 'last_seen_at'])
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', idleId)
      .execute();
    const response = await idle.get('/api/v1/agencies');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'auth.session_expired' });

    const old = t.client();
    await old.signIn('admin@localhost');
    const oldId = (
      await t.database.db
        .selectFrom('sessions')
        .select('id')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', oldId)
      .execute();
    expect((await old.get('/api/v1/agencies')).json()).toMatchObject({ code: 'auth.session_expired' });
    expect(
      await t.database.db.selectFrom('sessions').select('id').where('id', 'in', [idleId, oldId]).execute(),
    ).toEqual([]);
  });

  it('stores only a hash of the session token', async () => {
    const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(admin.cookie);
  });

  it('refuses a write with a forged or missing CSRF token, audits it and changes nothing', async () => {
    const forged = await admin.request(
      'POST',
      '/api/v1/agencies',
      { code: 'CSRF', kind: 'police', names: { en: 'a', 'zh-Hant': 'b', pt: 'c' } },
      { 'x-csrf-token': 'forged-token-value' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'auth.csrf_failed' });
    const csrf = admin.csrf;
    admin.csrf = undefined;
    const missing = await admin.post('/api/v1/agencies', {
      code: 'CSRF',
      kind: 'police',
      names: { en: 'a', 'zh-Hant': 'b', pt: 'c' },
    });
    admin.csrf = csrf;
    expect(missing.statusCode).toBe(403);
    expect(
      await t.database.db.selectFrom('agencies').select('code').where('code', '=', 'CSRF').execute(),
    ).toEqual([]);
    expect((await auditActions(t)).filter((a) => a === 'auth.csrf_failed')).toHaveLength(2);
  });

  it('signs out one session, and everywhere', async () => {
    const a = t.client();
    const b = t.client();
    await a.signIn('admin@localhost');
    await b.signIn('admin@localhost');
    expect((await a.post('/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect((await a.get('/api/v1/session')).statusCode).toBe(401);
    expect((await b.get('/api/v1/session')).statusCode).toBe(200);
    expect((await b.post('/api/v1/auth/sign-out-everywhere')).statusCode).toBe(204);
    expect((await admin.get('/api/v1/session')).statusCode).toBe(401);
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(['auth.signed_out', 'auth.signed_out_everywhere']),
    );
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 once a client exceeds the attempts allowed per minute', async () => {
    const { startTestApp: start } = await import('../support/harness.js');
    const t = await start('sqlite', { signInRateLimitPerMinute: 3 });
    try {
      const client = t.client();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await client.post('/api/v1/auth/sign-in', {
              email: 'x@example.org',
              password: 'wrong password here',
            })
          ).statusCode,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});
