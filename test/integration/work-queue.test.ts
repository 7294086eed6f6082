import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/config.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Queue = {
  today: string;
  counts: {
    notifications: number;
    referrals: number | null;
    tasks: number | null;
    validations: number | null;
    decisions: number | null;
  };
  referrals: { id: string; pseudonym: string; caseReference: string; fromAgency: string }[] | null;
  cases: {
    items: {
      id: string;
      reference: string;
      lastChange: { action: string; byOthers: boolean } | null;
      recent: boolean;
    }[];
    total: number;
  };
  tasks: { kind: string; taskId: string; title: string; status?: string; daysLeft?: number }[] | null;
  decisions: unknown[] | null;
};

const details = 'She fears the employer who kept her passport in Rua do Campo';
const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz' };

/** The day `days` after `date` (YYYY-MM-DD). */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('work queue on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  let member: TestClient;
  let iasWorker: TestClient;
  let pjAnalyst: TestClient;
  let ngoWorker: TestClient;
  let secretariat: TestClient;
  let iasOfficer: TestClient;
  let caseId: string;
  let caseReference: string;
  let pseudonym: string;
  let taskId: string;
  const today = todayIn('Asia/Macau');

  const queue = async (client: TestClient) => {
    const response = await client.get('/api/v1/work-queue');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Queue;
  };

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    const ngo = await addAgency(admin, 'NGO', 'ngo');
    const client = async (agency: string, role: Parameters<typeof addUser>[3][number]) => {
      const user = await addUser(t, admin, agency, [role]);
      const c = t.client();
      await c.signIn(user.email);
      return { client: c, id: user.id };
    };
    officer = (await client(pj, 'agency_officer')).client;
    const memberUser = await client(pj, 'case_worker');
    member = memberUser.client;
    iasWorker = (await client(ias, 'case_worker')).client;
    iasOfficer = (await client(ias, 'agency_officer')).client;
    pjAnalyst = (await client(pj, 'analyst')).client;
    ngoWorker = (await client(ngo, 'case_worker')).client;
    secretariat = (await client(ias, 'secretariat')).client;

    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2021-03-01',
      registrationDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
    });
    ({ id: caseId, reference: caseReference } = created.json() as { id: string; reference: string });
    const victim = (
      await officer.post(`/api/v1/cases/${caseId}/people`, { role: 'victim', person: victimName })
    ).json() as { id: string; person: { pseudonym: string } };
    pseudonym = victim.person.pseudonym;
    const victimPath = `/api/v1/cases/${caseId}/people/${victim.id}`;
    await officer.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use', 'right_to_access', 'retention_period', 'how_to_withdraw'],
      givenOn: '2021-03-05',
    });
    const referral = await officer.post(`${victimPath}/referrals`, {
      toAgencyId: ias,
      serviceKind: 'shelter',
      reason: 'additional_services_required',
      details,
      sentOn: '2021-03-10',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    // The officer adds a colleague: the colleague's case was changed by someone else.
    expect(
      (await officer.post(`/api/v1/cases/${caseId}/members`, { userId: memberUser.id })).statusCode,
    ).toBe(200);

    const plan = await secretariat.post('/api/v1/plans', {
      name: 'Action plan 2026–2027',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = (plan.json() as { id: string }).id;
    const objective = await secretariat.post(`/api/v1/plans/${planId}/objectives`, {
      title: 'Identify more victims',
      pillar: 'protection',
    });
    const task = await secretariat.post('/api/v1/tasks', {
      objectiveId: (objective.json() as { id: string }).id,
      title: 'Train front-line inspectors',
      leadAgencyId: pj,
      startDate: plusDays(today, -200),
      dueDate: plusDays(today, 10),
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = (task.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  it('shows the receiving agency its waiting referral, counted for the menu, without the sender’s details', async () => {
    const response = await iasWorker.get('/api/v1/work-queue');
    const mine = response.json() as Queue;
    expect(mine.referrals).toEqual([expect.objectContaining({ pseudonym, caseReference, fromAgency: 'PJ' })]);
    expect(mine.counts).toMatchObject({ referrals: 1, notifications: 1 });
    for (const secret of [details, victimName.familyName]) expect(response.body).not.toContain(secret);
    const counts = (await iasWorker.get('/api/v1/work-queue/counts')).json() as Queue['counts'];
    expect(counts).toEqual(mine.counts);
  });

  it('shows no referral section to those who cannot answer referrals, and no other agency’s referrals (attack)', async () => {
    expect((await queue(pjAnalyst)).referrals).toBeNull();
    expect((await queue(pjAnalyst)).counts.referrals).toBeNull();
    const ngo = await queue(ngoWorker);
    expect(ngo.referrals).toEqual([]);
    expect(ngo.counts.referrals).toBe(0);
    expect(ngo.cases).toEqual({ items: [], total: 0 });
  });

  it('lists the cases one works on, with the last change and whether someone else made it', async () => {
    const own = await queue(officer);
    expect(own.cases.total).toBe(1);
    expect(own.cases.items[0]).toMatchObject({
      id: caseId,
      reference: caseReference,
      lastChange: { action: 'case.member_added', byOthers: false },
      recent: false,
    });
    const colleague = await queue(member);
    expect(colleague.cases.items[0]).toMatchObject({
      id: caseId,
      lastChange: { action: 'case.member_added', byOthers: true },
      recent: true,
    });
  });

  it('never lists a case to a reader who is not a member, even of its agency (attack)', async () => {
    for (const outsider of [pjAnalyst, iasWorker, iasOfficer]) {
      const response = await outsider.get('/api/v1/work-queue');
      expect((response.json() as Queue).cases).toEqual({ items: [], total: 0 });
    }
    expect((await iasWorker.get('/api/v1/work-queue')).body).not.toContain(caseId);
  });

  it('shows the lead agency its task due within 30 days, and not another agency', async () => {
    const pj = await queue(officer);
    expect(pj.tasks).toEqual([
      expect.objectContaining({
        kind: 'task_due',
        taskId,
        title: 'Train front-line inspectors',
        status: 'at_risk',
        daysLeft: 10,
      }),
    ]);
    expect(pj.counts.tasks).toBe(1);
    expect((await queue(iasOfficer)).tasks).toEqual([]);
    // A case worker does not follow the plan: no task section at all.
    expect((await queue(iasWorker)).tasks).toBeNull();
  });

  it('shows the secretariat the progress waiting for validation', async () => {
    const draft = await officer.post(`/api/v1/tasks/${taskId}/progress`, {
      period: `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
      complete: false,
      narrative: 'Two sessions held',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const { id, version } = draft.json() as { id: string; version: number };
    expect((await officer.post(`/api/v1/progress/${id}/submit`, { version })).statusCode).toBe(200);
    const validating = await queue(secretariat);
    expect(validating.tasks).toContainEqual(
      expect.objectContaining({ kind: 'progress_to_validate', taskId }),
    );
    expect(validating.counts.validations).toBe(1);
    expect((await queue(officer)).counts.validations).toBeNull();

    // Once validated, the agency sees it on its home page; the secretariat has nothing left to do.
    const submitted = (await officer.get(`/api/v1/tasks/${taskId}`)).json() as {
      progress: { id: string; version: number }[];
    };
    const current = submitted.progress.find((p) => p.id === id)!;
    const validated = await secretariat.post(`/api/v1/progress/${id}/validate`, { version: current.version });
    expect(validated.statusCode, validated.body).toBe(200);
    const agencyQueue = await queue(officer);
    expect(agencyQueue.tasks).toContainEqual(expect.objectContaining({ kind: 'progress_validated', taskId }));
    expect(agencyQueue.counts.tasks).toBe(
      agencyQueue.tasks!.filter((item) => item.kind === 'task_due' || item.kind === 'progress_returned')
        .length,
    );
    expect((await queue(secretariat)).counts.validations).toBe(0);
  });

  it('answers only a signed-in person', async () => {
    expect((await t.client().get('/api/v1/work-queue')).statusCode).toBe(401);
  });
});
