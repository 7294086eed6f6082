import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// One rule for dates (issue #12): dates are the committee's calendar dates, and "since" on
// the stage card is the date of the decision, not the moment somebody recorded it.

type CaseView = {
  id: string;
  version: number;
  stage: string;
  allowedNextStages: string[];
  stageChangedAt: string;
  stageDecidedOn: string;
};

describe.each(databases)('dates on %s', (kind) => {
  let t: TestApp;
  let officer: TestClient;

  beforeAll(async () => {
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
  });
  afterAll(() => t.close());

  it('gives the web the committee time zone with the session', async () => {
    const session = (await officer.get('/api/v1/session')).json() as { timeZone: string };
    // The harness starts Guia without GUIA_TIME_ZONE: the default, Macao's.
    expect(session.timeZone).toBe('Asia/Macau');
    expect(() => new Intl.DateTimeFormat('en', { timeZone: session.timeZone })).not.toThrow();
  });

  it('dates a stage by its decision, for a case recorded years after it was judged', async () => {
    const created = await officer.post('/api/v1/cases', {
      origin: 'hotline',
      reportDate: '2019-03-02',
      registrationDate: '2019-03-03',
    });
    expect(created.statusCode, created.body).toBe(201);
    let kase = created.json() as CaseView;
    expect(kase.stageDecidedOn).toBe('2019-03-02');

    const to = kase.allowedNextStages[0]!;
    const moved = await officer.post(`/api/v1/cases/${kase.id}/transitions`, {
      version: kase.version,
      to,
      decidedOn: '2021-04-05',
      authority: 'Ministério Público',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    kase = (await officer.get(`/api/v1/cases/${kase.id}`)).json() as CaseView;
    expect(kase.stage).toBe(to);
    expect(kase.stageDecidedOn).toBe('2021-04-05');
    // Recorded today, decided in 2021: the two are kept apart.
    expect(kase.stageChangedAt.slice(0, 4)).not.toBe('2021');
  });
});
