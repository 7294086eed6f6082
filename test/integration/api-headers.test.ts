import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

// ASVS 14.4.2 (src/http/api-headers.ts): a browser that opens an API URL directly is handed a
// download, never a document it could render, whether the answer is data or a refusal; files
// keep the name and disposition their route gives them.

const disposition = 'attachment; filename="api.json"';

describe.each(databases)('API answers as downloads on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterAll(() => t.close());

  it('offers JSON data as a download a browser does not render', async () => {
    const listed = await admin.get('/api/v1/agencies');
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(listed.headers['content-disposition']).toBe(disposition);
  });

  it('offers refusals (problem+json) as a download too, signed in or not', async () => {
    const invalid = await admin.post('/api/v1/agencies', { code: '<script>' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(invalid.headers['content-disposition']).toBe(disposition);
    const anonymous = await t.client().get('/api/v1/cases?q=<img src=x onerror=alert(1)>');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-disposition']).toBe(disposition);
    const unknown = await admin.get('/api/v1/no-such-route');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-disposition']).toBe(disposition);
  });

  it('keeps the disposition and file name an export gives itself', async () => {
    const auditor = t.client();
    await auditor.signIn((await addUser(t, admin, await addAgency(admin, 'AUD'), ['auditor'])).email);
    const exported = await auditor.get('/api/v1/audit/export?format=csv');
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-trail-\d{4}-\d\d-\d\d\.csv"$/,
    );
  });

  it('leaves answers outside the API alone', async () => {
    const page = await admin.get('/not-an-api-path.js');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-disposition']).toBeUndefined();
  });
});
