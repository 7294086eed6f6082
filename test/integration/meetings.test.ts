import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditService } from '../../src/modules/audit/audit.service.js';
import { seedMacaoDemo } from '../../src/profiles/macao/demo.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { startTestApp, startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Decision = {
  id: string;
  number: number;
  text: string;
  status: string;
  closedOn: string | null;
  tasks: { id: string; title: string; status: string }[];
  version: number;
};
type Meeting = {
  id: string;
  version: number;
  decisions: Decision[];
  attendance: { user: { id: string }; status: string }[];
};
type Queue = { id: string; number: number; overdue: boolean }[];
type Problem = { code: string; errors?: { path: string; code: string }[] };

const chineseMinutes = '警察總局報告本年度共偵破三宗人口販賣案件。\n\n社會工作局表示庇護中心床位充足。';

describe.each(databases)('meetings on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let ias: string;
  let secretariat: TestClient;
  let pjOfficer: TestClient;
  let iasOfficer: TestClient;
  let pjUser: { id: string; email: string };
  let iasUser: { id: string; email: string };
  let chairUser: { id: string };
  let groupId: string;
  let plenaryId: string;
  let first: Meeting;
  let tmp: string;

  const download = async (client: TestClient, url: string) => {
    const response = await client.request('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.rawPayload;
  };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'guia-minutes-'));
    ({ t, admin } = await startWithAdmin(kind));
    pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    const sec = await addAgency(admin, 'CCTP', 'secretariat');
    const secUser = await addUser(t, admin, sec, ['secretariat']);
    secretariat = t.client();
    await secretariat.signIn(secUser.email);
    chairUser = secUser;
    pjUser = await addUser(t, admin, pj, ['agency_officer']);
    pjOfficer = t.client();
    await pjOfficer.signIn(pjUser.email);
    iasUser = await addUser(t, admin, ias, ['agency_officer']);
    iasOfficer = t.client();
    await iasOfficer.signIn(iasUser.email);
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  it('the secretariat forms a working group; its chair is one of its members', async () => {
    const response = await secretariat.post('/api/v1/meeting-groups', {
      kind: 'working_group',
      name: 'Victim protection working group',
      chairUserId: chairUser.id,
      memberIds: [pjUser.id, iasUser.id],
    });
    expect(response.statusCode, response.body).toBe(201);
    const group = response.json() as { id: string; chair: { id: string }; members: { id: string }[] };
    groupId = group.id;
    expect(group.chair.id).toBe(chairUser.id);
    expect(group.members.map((m) => m.id).sort()).toEqual([chairUser.id, pjUser.id, iasUser.id].sort());
    const plenary = await secretariat.post('/api/v1/meeting-groups', { kind: 'plenary', name: 'Plenary' });
    plenaryId = (plenary.json() as { id: string }).id;
    const unknown = await secretariat.post('/api/v1/meeting-groups', {
      kind: 'working_group',
      name: 'Ghosts',
      memberIds: ['01890000-0000-7000-8000-000000000000'],
    });
    expect((unknown.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'memberIds.0', code: 'unknown' }),
    ]);
  });

  it('attack: an agency officer reads meetings but cannot form groups or hold meetings', async () => {
    expect((await pjOfficer.get('/api/v1/meeting-groups')).statusCode).toBe(200);
    expect(
      (await pjOfficer.post('/api/v1/meeting-groups', { kind: 'plenary', name: 'Mine' })).statusCode,
    ).toBe(403);
    const meeting = await pjOfficer.post('/api/v1/meetings', {
      groupId,
      title: 'Unofficial',
      heldOn: '2025-01-10',
      language: 'en',
    });
    expect(meeting.statusCode).toBe(403);
  });

  it('a meeting has an agenda, attendance, minutes and numbered decisions', async () => {
    const created = await secretariat.post('/api/v1/meetings', {
      groupId,
      title: '第一次工作小組會議',
      heldOn: '2025-01-15',
      location: '社會工作局',
      language: 'zh-Hant',
      agenda: [{ title: '案件統計' }, { title: '庇護資源' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json() as Meeting;
    const updated = await secretariat.patch(`/api/v1/meetings/${meeting.id}`, {
      minutes: chineseMinutes,
      attendance: [
        { userId: pjUser.id, status: 'present' },
        { userId: iasUser.id, status: 'excused' },
      ],
      version: meeting.version,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const stale = await secretariat.patch(`/api/v1/meetings/${meeting.id}`, {
      minutes: 'x',
      version: meeting.version,
    });
    expect(stale.statusCode).toBe(409);
    const d1 = await secretariat.post(`/api/v1/meetings/${meeting.id}/decisions`, {
      text: '由社會工作局增設兩個庇護床位',
      assigneeAgencyId: ias,
      dueOn: '2025-03-31',
    });
    const d2 = await secretariat.post(`/api/v1/meetings/${meeting.id}/decisions`, {
      text: '警察總局提交季度案件報告',
      assigneeUserId: pjUser.id,
      dueOn: '2025-01-31',
    });
    const d3 = await secretariat.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: '更新轉介指引' });
    expect([d1, d2, d3].map((d) => (d.json() as Decision).number)).toEqual([1, 2, 3]);
    first = (await pjOfficer.get(`/api/v1/meetings/${meeting.id}`)).json() as Meeting;
    expect(first.decisions.map((d) => d.status)).toEqual(['open', 'open', 'open']);
    expect(first.attendance.find((a) => a.user.id === iasUser.id)?.status).toBe('excused');
  });

  it('a decision assigned to a person or an agency is in that work queue only', async () => {
    const mine = (await pjOfficer.get('/api/v1/decisions/mine')).json() as Queue;
    expect(mine.map((d) => d.number)).toEqual([2]);
    const ias = (await iasOfficer.get('/api/v1/decisions/mine')).json() as Queue;
    expect(ias.map((d) => d.number)).toEqual([1]);
    expect((await secretariat.get('/api/v1/decisions/mine')).json()).toEqual([]);
  });

  it('a decision becomes a task of the action plan, shown with its status', async () => {
    const decision = first.decisions[0]!;
    // A task led by the agency, from 15 January to 31 March 2025 unless the dates say otherwise.
    const makeTask = (client: TestClient, title: string, leadAgencyId: string, dates = {}) =>
      client.post(`/api/v1/decisions/${decision.id}/tasks`, {
        title,
        leadAgencyId,
        startDate: '2025-01-15',
        dueDate: '2025-03-31',
        ...dates,
      });
    const response = await makeTask(secretariat, 'Two more shelter beds', ias);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ decisionId: decision.id, title: 'Two more shelter beds' });
    const meeting = (await pjOfficer.get(`/api/v1/meetings/${first.id}`)).json() as Meeting;
    expect(meeting.decisions[0]!.tasks).toEqual([
      expect.objectContaining({ title: 'Two more shelter beds', status: expect.any(String) }),
    ]);
    const bad = await makeTask(secretariat, 'Backwards', ias, {
      startDate: '2025-03-31',
      dueDate: '2025-01-15',
    });
    expect(bad.statusCode).toBe(400);
    const officer = await makeTask(pjOfficer, 'Mine', pj);
    expect(officer.statusCode).toBe(403);
  });

  it('an assignee closes their own decision, and may change nothing else; others may not', async () => {
    const decision = first.decisions[1]!;
    const reword = await pjOfficer.patch(`/api/v1/decisions/${decision.id}`, { text: 'Nothing', version: 1 });
    expect(reword.statusCode).toBe(403);
    const other = await iasOfficer.patch(`/api/v1/decisions/${decision.id}`, { status: 'done', version: 1 });
    expect(other.statusCode).toBe(403);
    const done = await pjOfficer.patch(`/api/v1/decisions/${decision.id}`, { status: 'done', version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', closedOn: expect.any(String) });
    expect((await pjOfficer.get('/api/v1/decisions/mine')).json()).toEqual([]);
  });

  it('the next meeting of the group opens with what is still open since the last one', async () => {
    const plenary = await secretariat.post('/api/v1/meetings', {
      groupId: plenaryId,
      title: 'Plenary',
      heldOn: '2025-02-01',
      language: 'en',
    });
    await secretariat.post(`/api/v1/meetings/${(plenary.json() as Meeting).id}/decisions`, {
      text: 'Other body',
    });
    const next = await secretariat.post('/api/v1/meetings', {
      groupId,
      title: '第二次工作小組會議',
      heldOn: '2025-04-10',
      language: 'zh-Hant',
    });
    const id = (next.json() as Meeting).id;
    const items = (await pjOfficer.get(`/api/v1/meetings/${id}/open-items`)).json() as {
      previous: { id: string } | null;
      decisions: Decision[];
      tasks: { title: string; decisionId: string }[];
    };
    expect(items.previous?.id).toBe(first.id);
    // Decision 2 is done; the plenary's decision belongs to another body.
    expect(items.decisions.map((d) => d.number)).toEqual([1, 3]);
    expect(items.tasks).toEqual([
      expect.objectContaining({ title: 'Two more shelter beds', decisionId: first.decisions[0]!.id }),
    ]);
    const firstItems = (await pjOfficer.get(`/api/v1/meetings/${first.id}/open-items`)).json() as {
      previous: null;
      decisions: [];
    };
    expect(firstItems).toMatchObject({ previous: null, decisions: [] });
  });

  it('minutes of a Chinese meeting are a PDF whose text is Chinese, whatever the reader’s language', async () => {
    const pdf = await download(pjOfficer, `/api/v1/meetings/${first.id}/minutes.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'minutes.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      '',
    );
    for (const expected of [
      '第一次工作小組會議',
      '會議紀錄',
      '出席情況',
      '警察總局報告本年度共偵破三宗人口販賣案件。',
      '由社會工作局增設兩個庇護床位',
      '決議',
      '請假',
      '2025年1月15日',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Minutes');
  });

  it('minutes are also a Word document in the meeting’s language', async () => {
    const docx = await download(pjOfficer, `/api/v1/meetings/${first.id}/minutes.docx`);
    const file = path.join(tmp, 'minutes.docx');
    writeFileSync(file, docx);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('社會工作局表示庇護中心床位充足。');
    expect(xml).toContain('議程');
  });

  it('audits meetings and decisions with ids and codes only', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', [
        'meeting.created',
        'meeting.updated',
        'decision.recorded',
        'decision.task_created',
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => !/[\u4e00-\u9fff]/.test(r.summary))).toBe(true);
  });
});

describe.each(databases)('the demo dataset’s committee work on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.database.db.transaction().execute((tx) => seedMacaoDemo(tx));
  });
  afterAll(() => t.close());

  it('holds meetings with open and closed decisions, a decision’s task, figures for 2023–2025 and exchanges', async () => {
    const db = t.database.db;
    const decisions = await db.selectFrom('meeting_decisions').select('status').execute();
    expect(decisions.map((d) => d.status).sort()).toEqual(['done', 'open', 'open', 'open']);
    expect(
      await db.selectFrom('tasks').select('id').where('decision_id', 'is not', null).execute(),
    ).toHaveLength(1);
    const quarters = await db.selectFrom('activity_reports').select('period_key').distinct().execute();
    expect(quarters.map((q) => q.period_key).sort()).toEqual(
      ['2023', '2024', '2025'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`)),
    );
    expect(await db.selectFrom('cooperation_exchanges').select('id').execute()).toHaveLength(4);
    expect(await auditService.verify(db)).toMatchObject({ ok: true });
  });
});
