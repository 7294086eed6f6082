import { settingsRepo } from '../../src/modules/access/access.repo.js';
import { keyCheckSetting } from '../../src/startup/instance.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { startTestApp, startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

describe.each(databases)('HTTP conventions on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const response = await t.client().get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: kind });
  });

  it('says it is ready only while the database answers at this schema version with the right data key', async () => {
    const ready = await t.client().get('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', dataKey: 'ok' },
    });
    // A data key that is not the one the data was sealed with: alive, but not to be sent traffic.
    const stored = await settingsRepo.get(t.database.db, keyCheckSetting);
    await settingsRepo.set(t.database.db, keyCheckSetting, 'not-this-key');
    try {
      const wrongKey = await t.client().get('/api/health/ready');
      expect(wrongKey.statusCode).toBe(503);
      expect(wrongKey.json()).toMatchObject({
        status: 'not_ready',
        checks: { dataKey: 'failed', database: 'ok' },
      });
      expect((await t.client().get('/api/health')).statusCode).toBe(200);
    } finally {
      await settingsRepo.set(t.database.db, keyCheckSetting, stored!);
    }
  });

  it('sends security headers, and no HSTS over plain HTTP, whatever an untrusted client claims', async () => {
    const response = await t
      .client()
      .request('GET', '/api/health', undefined, { 'x-forwarded-proto': 'https' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sets the session cookie httpOnly and SameSite=Strict', async () => {
    const client = t.client();
    const response = await client.post('/api/v1/auth/sign-in', {
      email: 'admin@localhost',
      password: 'wrong password given',
    });
    expect(response.statusCode).toBe(401);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@localhost', password: t.accounts.get('admin@localhost')!.password },
    });
    const cookie = signedIn.cookies.find((c) => c.name === 'guia_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('refuses an oversized body with 413 and a problem document', async () => {
    const response = await admin.post('/api/v1/agencies', {
      code: 'BIG',
      kind: 'police',
      names: { en: 'x'.repeat(2 * 1024 * 1024), 'zh-Hant': 'x', pt: 'x' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'request.too_large', status: 413 });
  });

  it('refuses a body that is not JSON', async () => {
    const response = await admin.request('POST', '/api/v1/agencies', '{"code":', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers errors in the language asked for', async () => {
    const client = t.client();
    client.language = 'zh-MO,zh;q=0.9';
    const zh = (await client.get('/api/v1/agencies')).json() as { title: string; code: string };
    client.language = 'pt-PT';
    const pt = (await client.get('/api/v1/agencies')).json() as { title: string };
    client.language = 'en';
    const en = (await client.get('/api/v1/agencies')).json() as { title: string };
    expect(zh.code).toBe('auth.required');
    expect(new Set([zh.title, pt.title, en.title]).size).toBe(3);
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const response = await t.client().get('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'resource.not_found' });
  });

  it('documents every API route in the OpenAPI document', async () => {
    const document = (await t.client().get('/api/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = t.routes.filter(
      (r) => r.includes(' /api/') && !r.startsWith('HEAD ') && !r.endsWith('/api/openapi.json'),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      expect(documented, route).toContain(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  });
});

describe('behind a TLS-terminating proxy', () => {
  it('sends HSTS when the trusted proxy says the request came over TLS, and not over HTTP', async () => {
    const t = await startTestApp('sqlite', { trustProxy: ['127.0.0.1'] });
    try {
      const health = (proto: string) =>
        t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': proto } });
      expect((await health('https')).headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect((await health('http')).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('serving the web app', () => {
  it('answers client routes with index.html, missing assets with 404, and caches hashed assets for good', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const webRoot = mkdtempSync(join(tmpdir(), 'guia-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Guia</title>');
    writeFileSync(join(webRoot, 'assets', 'main-abc123.js'), 'console.log(1)');
    const t = await startTestApp('sqlite', { webRoot });
    try {
      const route = await t.app.inject({ method: 'GET', url: '/cases/0190a000-0000-7000-8000-000000000000' });
      expect(route.statusCode).toBe(200);
      expect(route.body).toContain('<title>Guia</title>');
      expect(route.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect((await t.app.inject({ method: 'HEAD', url: '/users' })).statusCode).toBe(200);
      const asset = await t.app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
      expect(asset.headers['cache-control']).toContain('immutable');
      expect((await t.app.inject({ method: 'GET', url: '/assets/main-old999.js' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
