import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

describe.each(databases)('case file on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let officer: TestClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t);
    pj = await addAgency(admin, 'PJ');
    const user = await addUser(t, admin, pj, ['agency_officer']);
    officer = t.client();
    await officer.signIn(user.email);
  });
  afterAll(() => t.close());

  it('registers a case with a reference number of its lead agency', async () => {
    const response = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2020-03-02',
      registrationDate: '2020-03-03',
      exploitationTypes: ['sexual_exploitation'],
      qualifications: ['mo_pc_153a'],
      places: [{ country: 'MAC', locality: 'NAPE' }],
      summary: 'Raid on a massage parlour.',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ reference: 'PJ-2020-0001', stage: 'reported', isMember: true, summary: 'Raid on a massage parlour.' });
  });
});
