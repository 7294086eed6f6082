import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

describe.each(databases)('foundation on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const response = await t.client().get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: kind });
  });

  it('lets the administrator add an agency', async () => {
    const response = await admin.post('/api/v1/agencies', {
      code: 'pj',
      kind: 'police',
      names: { en: 'Judiciary Police', 'zh-Hant': '司法警察局', pt: 'Polícia Judiciária' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ code: 'PJ', kind: 'police', active: true, version: 1 });
  });
});
