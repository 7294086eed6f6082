import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { adminEmail, startTestApp, type TestApp } from '../support/harness.js';

// Issue 11 (OWASP ASVS 4.0 L2), the authentication gaps: each test is the attack or the
// promise, asserting what the user or the attacker sees.

describe.each(databases)('authentication hardening on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    // Behind a trusted proxy (as in production), so a request can come "over HTTPS".
    t = await startTestApp(kind, { trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

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
});
