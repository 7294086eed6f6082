import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser, signedInClient } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

// The SQL of the requests a committee makes all day, per database, kept in snapshots: a
// change that adds a statement, drops a filter or turns one query into many shows up here
// for review (issue 13). Values are parameters, so the statements do not depend on the data.
// Design every query for 1,000,000 victim records: read a new statement here with that in mind.

describe.each(databases)('hot queries on %s', (kind) => {
  let t: TestApp;
  let officer: TestClient;
  let worker: TestClient;
  let caseId: string;
  let victimPath: string;
  let ias: string;
  let recording: string[] | null = null;

  /** The statements one request runs, in order. */
  async function statementsOf(request: () => Promise<{ statusCode: number; body: string }>, status = 200) {
    recording = [];
    const response = await request();
    const statements = recording;
    recording = null;
    expect(response.statusCode, response.body).toBe(status);
    // The session's last-seen stamp is written at most once a minute, as the clock decides:
    // it is left out so the snapshot does not depend on when the test runs.
    return statements.filter((sql) => !/^update "sessions"/i.test(sql));
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { onQuery: (sql) => recording?.push(sql) });
    const admin = await signInAdmin(t);
    const pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    const workerUser = await addUser(t, admin, pj, ['case_worker']);
    worker = t.client();
    await worker.signIn(workerUser.email);

    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2021-03-01',
      registrationDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
      summary: 'Raid on a flat in the Rua da Felicidade',
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = (created.json() as { id: string }).id;
    const victim = await officer.post(`/api/v1/cases/${caseId}/people`, {
      role: 'victim',
      person: {
        givenNames: 'Maria Clara',
        familyName: 'Dela Cruz',
        birthDate: '1990-01-01',
        citizenship: ['PHL'],
      },
    });
    expect(victim.statusCode, victim.body).toBe(201);
    victimPath = `/api/v1/cases/${caseId}/people/${(victim.json() as { id: string }).id}`;
    const member = await officer.post(`/api/v1/cases/${caseId}/members`, { userId: workerUser.id });
    expect(member.statusCode, member.body).toBe(200);
    const consent = await officer.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
      givenOn: '2021-03-05',
    });
    expect(consent.statusCode, consent.body).toBe(201);
  });
  afterAll(() => t.close());

  /**
   * One snapshot file per request and database, so a run on one database alone (CI's pass on
   * Debian's PostgreSQL) finds no other database's snapshots obsolete.
   */
  async function expectStatements(name: string, statements: string[]) {
    await expect(statements.join(';\n\n') + ';\n').toMatchFileSnapshot(
      `./__snapshots__/hot-queries/${kind}/${name}.sql`,
    );
  }

  it('lists a case worker’s cases', async () => {
    await expectStatements('case-list', await statementsOf(() => worker.get('/api/v1/cases')));
  });

  it('shows a case to one of its members', async () => {
    await expectStatements('case', await statementsOf(() => worker.get(`/api/v1/cases/${caseId}`)));
  });

  it('resolves a person grant for a person’s page', async () => {
    await expectStatements('person', await statementsOf(() => worker.get(victimPath)));
  });

  it('sends a referral', async () => {
    const send = () =>
      officer.post(`${victimPath}/referrals`, {
        toAgencyId: ias,
        serviceKind: 'shelter',
        reason: 'additional_services_required',
        sentOn: '2021-03-10',
      });
    await expectStatements('send-referral', await statementsOf(send, 201));
  });
});
