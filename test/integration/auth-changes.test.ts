import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuiaError } from '../../src/core/errors.js';
import { authNotices } from '../../src/modules/access/auth-notices.js';
import { usersService } from '../../src/modules/access/users.service.js';
import { systemActor } from '../../src/modules/audit/audit.service.js';
import type { MailMessage, MailTransport } from '../../src/modules/notifications/mail.transport.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import {
  adminEmail,
  signInAdmin,
  startTestApp,
  strongPassword,
  type TestApp,
  type TestClient,
} from '../support/harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const words = 'harbour lantern ferry monsoon typhoon '.repeat(4);

/** The kinds of the user's own notifications, as the notifications page lists them. */
async function noticeKinds(client: TestClient): Promise<string[]> {
  const response = await client.get('/api/v1/notifications?limit=100');
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: { kind: string }[] }).items.map((item) => item.kind);
}

// Issue 11 (OWASP ASVS 4.0 L2), the authentication gaps: each test is the attack or the
// promise, asserting what the user or the attacker sees.

describe.each(databases)('authentication hardening on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    // Behind a trusted proxy (as in production), so a request can come "over HTTPS".
    t = await startTestApp(kind, { trustProxy: ['127.0.0.1'] });
    admin = await signInAdmin(t);
    agencyId = await addAgency(admin, 'DSAL');
  });
  afterAll(() => t.close());

  /** A new analyst (no second factor required), signed in with their own password. */
  async function analyst() {
    const user = await addUser(t, admin, agencyId, ['analyst']);
    const client = t.client();
    await client.signIn(user.email);
    return { ...user, client };
  }

  describe('password length (ASVS 2.1.2)', () => {
    it('refuses a new password of 129 characters with a 400 naming the field, and keeps the old one', async () => {
      const user = await analyst();
      const response = await user.client.post('/api/v1/account/password', {
        currentPassword: strongPassword,
        newPassword: words.slice(0, 129),
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        code: 'password.too_long',
        errors: [{ path: 'newPassword', code: 'password.too_long' }],
      });
      const again = await t
        .client()
        .post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
      expect(again.statusCode).toBe(200);
    });

    it('accepts a new password of 128 characters', async () => {
      const user = await analyst();
      const response = await user.client.post('/api/v1/account/password', {
        currentPassword: strongPassword,
        newPassword: words.slice(0, 128),
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it('refuses 129 characters when an administrator sets a first password or a reset one', async () => {
      const user = await analyst();
      const tooLong = words.slice(0, 129);
      const actor = systemActor('cli');
      const reset = t.database.db
        .transaction()
        .execute((tx) => usersService.resetPassword(tx, actor, user.id, tooLong));
      await expect(reset).rejects.toMatchObject({
        code: 'password.too_long',
        fieldErrors: [{ path: 'password' }],
      });
      const create = t.database.db.transaction().execute((tx) =>
        usersService.create(tx, actor, {
          email: 'long.password@example.org',
          name: 'Long Password',
          language: 'en',
          agencyId,
          roles: ['analyst'],
          password: tooLong,
        }),
      );
      await expect(create).rejects.toBeInstanceOf(GuiaError);
      expect(
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'long.password@example.org')
          .execute(),
      ).toEqual([]);
    });
  });

  describe('the session cookie (ASVS 3.4.4)', () => {
    const signIn = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers,
        payload: { email: adminEmail, password: t.accounts.get(adminEmail)!.password },
      });

    it('is __Host-guia_session, Secure, path / and without a domain over HTTPS', async () => {
      const response = await signIn({ 'x-forwarded-proto': 'https' });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.map((c) => c.name)).toEqual(['__Host-guia_session']);
      const cookie = response.cookies[0]!;
      expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'Strict' });
      expect(cookie.domain).toBeUndefined();
      const session = await t.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { 'x-forwarded-proto': 'https', cookie: `__Host-guia_session=${cookie.value}` },
      });
      expect(session.statusCode).toBe(200);
    });

    it('ignores a planted guia_session cookie over HTTPS: only the prefixed one counts', async () => {
      const plain = await signIn({});
      const token = plain.cookies.find((c) => c.name === 'guia_session')!.value;
      const planted = await t.app.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { 'x-forwarded-proto': 'https', cookie: `guia_session=${token}` },
      });
      expect(planted.statusCode).toBe(401);
    });

    it('stays guia_session, not Secure, over plain HTTP (development, the browser tests)', async () => {
      const response = await signIn({});
      expect(response.cookies.map((c) => c.name)).toEqual(['guia_session']);
      expect(response.cookies[0]!.secure).toBeFalsy();
    });

    it('is cleared under its prefixed name, Secure, when signing out over HTTPS', async () => {
      const token = (await signIn({ 'x-forwarded-proto': 'https' })).cookies[0]!.value;
      const headers = { 'x-forwarded-proto': 'https', cookie: `__Host-guia_session=${token}` };
      const session = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers });
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        headers: { ...headers, 'x-csrf-token': (session.json() as { csrfToken: string }).csrfToken },
      });
      expect(out.statusCode).toBe(204);
      expect(out.cookies).toMatchObject([{ name: '__Host-guia_session', value: '', secure: true }]);
    });
  });

  describe('telling the user when their sign-in changes (ASVS 2.2.3, 2.5.5)', () => {
    it('tells the user, and nobody else, that their password was changed', async () => {
      const user = await analyst();
      const bystander = await analyst();
      const next = 'monsoon typhoon harbour 61';
      const change = await user.client.post('/api/v1/account/password', {
        currentPassword: strongPassword,
        newPassword: next,
      });
      expect(change.statusCode).toBe(200);
      expect(await noticeKinds(user.client)).toEqual(['account.password_changed']);
      const response = await user.client.get('/api/v1/notifications');
      expect(response.body).not.toContain(next);
      expect((response.json() as { items: { link: string }[] }).items[0]!.link).toBe('/account');
      expect(await noticeKinds(bystander.client)).toEqual([]);
    });

    it('does not count setting up an account at first sign-in as news: first own password, required second factor', async () => {
      const worker = await addUser(t, admin, agencyId, ['case_worker']);
      const client = t.client();
      await client.signIn(worker.email);
      expect(t.accounts.get(worker.email)!.secret).toBeDefined();
      expect(await noticeKinds(client)).toEqual([]);
    });

    it('tells the user that an administrator reset their password, without the password', async () => {
      const user = await analyst();
      const bystander = await analyst();
      const reset = await admin.post(`/api/v1/users/${user.id}/reset-password`);
      const { oneTimePassword } = reset.json() as { oneTimePassword: string };
      t.accounts.get(user.email)!.password = oneTimePassword;
      await user.client.signIn(user.email);
      expect(await noticeKinds(user.client)).toContain('account.password_reset');
      expect((await user.client.get('/api/v1/notifications')).body).not.toContain(oneTimePassword);
      const rows = await t.database.db.selectFrom('notifications').select('params').execute();
      expect(JSON.stringify(rows)).not.toContain(oneTimePassword);
      expect(await noticeKinds(bystander.client)).not.toContain('account.password_reset');
      expect(await noticeKinds(admin)).not.toContain('account.password_reset');
    });

    it('tells the user that two-factor sign-in was set up and later reset by an administrator', async () => {
      const user = await analyst();
      const bystander = await analyst();
      const setup = (await user.client.post('/api/v1/account/two-factor/setup')).json() as { secret: string };
      t.accounts.get(user.email)!.secret = setup.secret;
      const confirm = await user.client.post('/api/v1/account/two-factor/confirm', {
        code: await user.client.totp(user.email),
      });
      expect(confirm.statusCode).toBe(200);
      const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
      expect(await noticeKinds(user.client)).toEqual(['account.two_factor_enrolled']);
      expect((await user.client.get('/api/v1/notifications')).body).not.toContain(recoveryCodes[0]);
      expect((await admin.post(`/api/v1/users/${user.id}/reset-two-factor`)).statusCode).toBe(200);
      const again = t.client();
      await again.signIn(user.email);
      expect(await noticeKinds(again)).toEqual(['account.two_factor_reset', 'account.two_factor_enrolled']);
      expect(await noticeKinds(bystander.client)).toEqual([]);
      expect(await noticeKinds(admin)).not.toContain('account.two_factor_reset');
    });

    it('mails the news in the user language when SMTP is configured, and nothing otherwise', async () => {
      const user = await addUser(t, admin, agencyId, ['analyst']);
      await t.database.db
        .updateTable('users')
        .set({ language: 'zh-Hant' })
        .where('id', '=', user.id)
        .execute();
      const sent: MailMessage[] = [];
      const smtp: MailTransport = { kind: 'smtp', send: async (m) => void sent.push(m), close() {} };
      const at = { now: '2026-12-02T08:30:00.000Z', timeZone: 'Asia/Macau' };
      expect(await authNotices.mail(t.database.db, smtp, user.id, 'password_reset', at)).toBe(true);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        to: user.email,
        language: 'zh-Hant',
        subject: 'Guia：你的登入方式已變更',
      });
      expect(sent[0]!.text).toContain('管理員已重設你的密碼');
      expect(sent[0]!.text).toContain('2026年12月2日 下午4:30');
      expect(sent[0]!.text).not.toContain(t.accounts.get(user.email)!.password);
      const log: MailTransport = { kind: 'log', send: async (m) => void sent.push(m), close() {} };
      expect(await authNotices.mail(t.database.db, log, user.id, 'password_reset', at)).toBe(false);
      expect(await authNotices.mail(t.database.db, undefined, user.id, 'password_reset', at)).toBe(false);
      expect(sent).toHaveLength(1);
    });
  });

  describe('recovery codes (ASVS 2.6.2, 2.6.3)', () => {
    async function enrolledWorker() {
      const worker = await addUser(t, admin, agencyId, ['case_worker']);
      await t.client().signIn(worker.email);
      return { ...worker, codes: [...t.accounts.get(worker.email)!.recoveryCodes!] };
    }
    async function secondFactorWith(email: string, code: string) {
      const client = t.client();
      await client.post('/api/v1/auth/sign-in', { email, password: t.accounts.get(email)!.password });
      return client.post('/api/v1/auth/second-factor', { code });
    }

    it('stores each code salted and slowly hashed, never as its SHA-256', async () => {
      const worker = await enrolledWorker();
      const stored = await t.database.db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('user_id', '=', worker.id)
        .execute();
      expect(stored).toHaveLength(10);
      for (const { code_hash } of stored) expect(code_hash).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
      const hashes = new Set(stored.map((row) => row.code_hash));
      for (const code of worker.codes) expect(hashes.has(sha256(code))).toBe(false);
      // Each has its own salt: no two stored values share one.
      expect(new Set(stored.map((row) => row.code_hash.split('$')[4])).size).toBe(10);
    });

    it('accepts a code once, in any case, and refuses it the second time and a wrong one always', async () => {
      const worker = await enrolledWorker();
      const code = worker.codes[3]!;
      expect((await secondFactorWith(worker.email, code.toUpperCase())).json()).toMatchObject({
        stage: 'active',
      });
      expect((await secondFactorWith(worker.email, code)).statusCode).toBe(401);
      expect((await secondFactorWith(worker.email, 'abcde-12345')).statusCode).toBe(401);
      expect((await secondFactorWith(worker.email, worker.codes[4]!)).statusCode).toBe(200);
    });

    it('still accepts a code stored before (unsalted SHA-256) once, then it is spent', async () => {
      const worker = await enrolledWorker();
      const legacy = 'a1b2c-3d4e5';
      await t.database.db
        .insertInto('recovery_codes')
        .values({ id: uuidv7(), user_id: worker.id, code_hash: sha256(legacy), used_at: null })
        .execute();
      expect((await secondFactorWith(worker.email, legacy)).json()).toMatchObject({ stage: 'active' });
      expect((await secondFactorWith(worker.email, legacy)).statusCode).toBe(401);
    });
  });
});
