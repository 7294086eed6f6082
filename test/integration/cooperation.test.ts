import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { coordinationAgencies, rowCount, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type LinkedCase = { readable: boolean; id: string | null; reference: string | null };
type Exchange = {
  id: string;
  agency: { code: string };
  kind: string;
  cases: LinkedCase[];
  tasks: { id: string; title: string }[];
  version: number;
  canEdit: boolean;
};
type Problem = { code: string; errors?: { path: string; code: string }[] };

describe.each(databases)('cooperation log on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let pjOfficer: TestClient;
  let dsalOfficer: TestClient;
  let secretariat: TestClient;
  let analyst: TestClient;
  let pjCase: { id: string; reference: string };
  let dsalCase: { id: string; reference: string };
  let exchangeId: string;

  const exchangeCount = () => rowCount(t, 'cooperation_exchanges');
  const newCase = (client: TestClient) =>
    openCase(client, { reportDate: '2024-03-01', exploitationTypes: ['forced_labour'] });
  const body = (extra: Record<string, unknown> = {}) => ({
    kind: 'information_request_sent',
    counterpartKind: 'hong_kong',
    counterpart: 'Hong Kong Police Force',
    subject: 'Identity of a recruiter using a Hong Kong mobile number',
    startedOn: '2024-03-05',
    ...extra,
  });

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    let sec: string;
    ({ pj, sec, pjOfficer, dsalOfficer, secretariat } = await coordinationAgencies(t, admin));
    analyst = await signedInClient(t, admin, sec, ['analyst']);
    pjCase = await newCase(pjOfficer);
    dsalCase = await newCase(dsalOfficer);
  });
  afterAll(() => t.close());

  it('an officer records an exchange of their agency with a case they work, and sees its reference', async () => {
    const response = await pjOfficer.post('/api/v1/cooperation/exchanges', body({ caseIds: [pjCase.id] }));
    expect(response.statusCode, response.body).toBe(201);
    const exchange = response.json() as Exchange;
    exchangeId = exchange.id;
    expect(exchange).toMatchObject({ agency: { code: 'PJ' }, canEdit: true });
    expect(exchange.cases).toEqual([{ readable: true, id: pjCase.id, reference: pjCase.reference }]);
  });

  it('attack: linking a case one cannot read is refused, and nothing is written', async () => {
    const before = await exchangeCount();
    const response = await dsalOfficer.post(
      '/api/v1/cooperation/exchanges',
      body({ caseIds: [dsalCase.id, pjCase.id] }),
    );
    expect(response.statusCode).toBe(403);
    expect(await exchangeCount()).toBe(before);
    // A case that does not exist is refused the same way: no oracle for ids.
    const unknown = await dsalOfficer.post(
      '/api/v1/cooperation/exchanges',
      body({ caseIds: ['01890000-0000-7000-8000-000000000000'] }),
    );
    expect(unknown.statusCode).toBe(403);
    expect(unknown.body).toBe(response.body.replace(pjCase.id, '01890000-0000-7000-8000-000000000000'));
  });

  it('attack: a reader who cannot read a linked case sees that one is linked, never which', async () => {
    for (const url of ['/api/v1/cooperation/exchanges', `/api/v1/cooperation/exchanges/${exchangeId}`]) {
      const response = await dsalOfficer.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(pjCase.id);
      expect(response.body).not.toContain(pjCase.reference);
    }
    const exchange = (
      await dsalOfficer.get(`/api/v1/cooperation/exchanges/${exchangeId}`)
    ).json() as Exchange;
    expect(exchange.cases).toEqual([{ readable: false, id: null, reference: null }]);
    expect(exchange.canEdit).toBe(false);
    // The analyst reads every case (structured facts): the reference is shown.
    const seen = (await analyst.get(`/api/v1/cooperation/exchanges/${exchangeId}`)).json() as Exchange;
    expect(seen.cases[0]?.reference).toBe(pjCase.reference);
  });

  it('attack: an officer cannot change another agency’s exchange nor record one in its name', async () => {
    const patch = await dsalOfficer.patch(`/api/v1/cooperation/exchanges/${exchangeId}`, {
      outcome: 'Closed',
      version: 1,
    });
    expect(patch.statusCode).toBe(403);
    const forPj = await dsalOfficer.post('/api/v1/cooperation/exchanges', body({ agencyId: pj }));
    expect(forPj.statusCode).toBe(403);
    const asAnalyst = await analyst.post('/api/v1/cooperation/exchanges', body());
    expect(asAnalyst.statusCode).toBe(403);
  });

  it('a writer who cannot read a linked case keeps that link when changing the ones they see', async () => {
    // The secretariat reads every case and adds the DSAL case to PJ's exchange.
    const added = await secretariat.patch(`/api/v1/cooperation/exchanges/${exchangeId}`, {
      caseIds: [pjCase.id, dsalCase.id],
      version: 1,
    });
    expect(added.statusCode, added.body).toBe(200);
    const asPj = (await pjOfficer.get(`/api/v1/cooperation/exchanges/${exchangeId}`)).json() as Exchange;
    expect(asPj.cases).toContainEqual({ readable: false, id: null, reference: null });
    // PJ removes its own case; the DSAL case it cannot see stays linked.
    const removed = await pjOfficer.patch(`/api/v1/cooperation/exchanges/${exchangeId}`, {
      caseIds: [],
      outcome: 'Recruiter identified; information passed to the Public Prosecutions Office',
      endedOn: '2024-04-10',
      version: 2,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Exchange).cases).toEqual([{ readable: false, id: null, reference: null }]);
    const links = await t.database.db
      .selectFrom('cooperation_exchange_cases')
      .select('case_id')
      .where('exchange_id', '=', exchangeId)
      .execute();
    expect(links.map((l) => l.case_id)).toEqual([dsalCase.id]);
  });

  it('refuses an end before the start and an unknown task, naming the field', async () => {
    const ended = await pjOfficer.post('/api/v1/cooperation/exchanges', body({ endedOn: '2024-03-01' }));
    expect((ended.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'endedOn', code: 'before_start' }),
    ]);
    const task = await pjOfficer.post(
      '/api/v1/cooperation/exchanges',
      body({ taskIds: ['01890000-0000-7000-8000-000000000000'] }),
    );
    expect((task.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'taskIds.0', code: 'unknown' }),
    ]);
    const kind = await pjOfficer.post('/api/v1/cooperation/exchanges', body({ kind: 'lunch' }));
    expect((kind.json() as Problem).errors?.[0]?.path).toBe('kind');
  });

  it('links the plan’s tasks an exchange concerns, and filters the log by kind', async () => {
    const group = await secretariat.post('/api/v1/meeting-groups', { kind: 'plenary', name: 'Plenary' });
    const meeting = await secretariat.post('/api/v1/meetings', {
      groupId: (group.json() as { id: string }).id,
      title: 'Plenary 1/2024',
      heldOn: '2024-02-01',
      language: 'en',
    });
    const decision = await secretariat.post(
      `/api/v1/meetings/${(meeting.json() as { id: string }).id}/decisions`,
      {
        text: 'Sign a memorandum with IOM on return assistance',
      },
    );
    const task = await secretariat.post(`/api/v1/decisions/${(decision.json() as { id: string }).id}/tasks`, {
      title: 'Memorandum with IOM',
      leadAgencyId: pj,
      startDate: '2024-02-01',
      dueDate: '2024-12-31',
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = (task.json() as { id: string }).id;
    const mou = await secretariat.post(
      '/api/v1/cooperation/exchanges',
      body({
        kind: 'agreement',
        counterpartKind: 'international_organisation',
        counterpart: 'IOM',
        taskIds: [taskId],
      }),
    );
    expect(mou.statusCode, mou.body).toBe(201);
    expect((mou.json() as Exchange).tasks).toEqual([
      { id: taskId, title: 'Memorandum with IOM', dueDate: '2024-12-31' },
    ]);
    const agreements = (
      await analyst.get('/api/v1/cooperation/exchanges?kind=agreement')
    ).json() as Exchange[];
    expect(agreements.map((e) => e.kind)).toEqual(['agreement']);
  });

  it('audits links with the case id, never its reference', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'cooperation.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'cooperation.recorded',
      'cooperation.case_linked',
      'cooperation.updated',
      'cooperation.case_linked',
      'cooperation.updated',
      'cooperation.recorded',
    ]);
    expect(rows.every((r) => !r.summary.includes(pjCase.reference))).toBe(true);
  });
});
