import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, todayIn } from '../../src/config.js';
import { tasksQueue } from '../../src/modules/coordination/tasks.queue.js';
import { seedMacaoDemo } from '../../src/profiles/macao/demo.js';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';
import {
  addAgency,
  addUser,
  auditActions,
  rowCount,
  screeningTask2025,
  secretariatAgencyId,
} from '../support/fixtures.js';
import { startTestApp, startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Problem = { code: string; errors?: { path: string; code: string; message: string }[] };
type Task = {
  id: string;
  title: string;
  status: string;
  reason: { code: string; params: Record<string, string | number> };
  latest: { value: number; asOf: string } | null;
  version: number;
  leadAgency: { code: string };
};
type Progress = { id: string; status: string; version: number; comment: string | null; value: number | null };

const today = todayIn(loadConfig({ GUIA_DATA_DIR: os.tmpdir() }).timeZone);
const daysBefore = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

const header =
  'objective,pillar,task,lead_agency,supporting_agencies,start,due,indicator,unit,baseline,target';
const goodCsv = [
  header,
  'Train frontline officers to identify victims,prevention,Train labour inspectors,DSAL,PJ;IAS,2025-01-01,2025-12-31,Inspectors trained,people,0,120',
  'Train frontline officers to identify victims,prevention,Publish an identification guide,PJ,,2025-01-01,2025-06-30,,,,',
  '"Prosecute traffickers, including officials",prosecution,Set up a joint investigation team,PJ,DSAL,2025-03-01,2026-02-28,Joint operations,operations,0,6',
].join('\n');

/** A workbook with these rows under the contract's header. */
async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(header.split(','));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(databases)('the action plan on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let secretariat: TestClient;
  let pj: TestClient;
  let dsal: TestClient;
  let dual: TestClient;
  let analyst: TestClient;
  let agencies: Record<string, string>;
  let objectiveId: string;
  let planId: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencies = {
      PJ: await addAgency(admin, 'PJ', 'police'),
      DSAL: await addAgency(admin, 'DSAL', 'labour'),
      IAS: await addAgency(admin, 'IAS', 'social_welfare'),
    };
    const secretariatAgency = await secretariatAgencyId(t);
    const sign = async (agencyId: string, roles: Parameters<typeof addUser>[3]) => {
      const user = await addUser(t, admin, agencyId, roles);
      const client = t.client();
      await client.signIn(user.email);
      return client;
    };
    secretariat = await sign(secretariatAgency, ['secretariat']);
    pj = await sign(agencies.PJ!, ['agency_officer']);
    dsal = await sign(agencies.DSAL!, ['agency_officer']);
    dual = await sign(agencies.PJ!, ['agency_officer', 'secretariat']);
    analyst = await sign(secretariatAgency, ['analyst']);
    const plan = await secretariat.post('/api/v1/plans', {
      name: 'Action plan 2024–2027',
      startDate: '2024-01-01',
      endDate: '2027-12-31',
    });
    expect(plan.statusCode).toBe(201);
    planId = (plan.json() as { id: string }).id;
    const objective = await secretariat.post(`/api/v1/plans/${planId}/objectives`, {
      title: 'Identify victims early',
      pillar: 'protection',
    });
    objectiveId = (objective.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  const newTask = (client: TestClient, overrides: Record<string, unknown> = {}) =>
    client.post('/api/v1/tasks', {
      objectiveId,
      title: 'Screen every person found in venue inspections',
      leadAgencyId: agencies.PJ,
      supportingAgencyIds: [agencies.IAS],
      ...screeningTask2025,
      ...overrides,
    });
  const countTasks = () => rowCount(t, 'tasks');
  // A milestone: a task that no indicator measures, done when its report says so.
  const milestone = { indicator: null, unit: null, baseline: null, target: null } as const;

  it('refuses a target without a unit, a due date before the start, a negative baseline, and changes nothing', async () => {
    const before = await countTasks();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ unit: null }, 'unit', 'required_with_target'],
      [{ dueDate: '2024-12-31' }, 'dueDate', 'before_start'],
      [{ baseline: -5 }, 'baseline', 'negative'],
      [{ leadAgencyId: '01890000-0000-7000-8000-000000000000' }, 'leadAgencyId', 'unknown'],
      [{ dueDate: '2028-03-31' }, 'dueDate', 'outside_plan'],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await newTask(secretariat, overrides);
      expect(response.statusCode, field).toBe(400);
      expect((response.json() as Problem).errors).toContainEqual(
        expect.objectContaining({ path: field, code }),
      );
    }
    expect(await countTasks()).toBe(before);
  });

  it('lets only the secretariat keep the plan', async () => {
    expect((await newTask(pj)).statusCode).toBe(403);
    expect(
      (await pj.post('/api/v1/plans', { name: 'Mine', startDate: '2025-01-01', endDate: '2025-12-31' }))
        .statusCode,
    ).toBe(403);
    expect((await analyst.get(`/api/v1/plans/${planId}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/plans/${planId}`)).statusCode).toBe(403);
  });

  it('derives status on the due date, the day after, and inside the 30-day window', async () => {
    const dueToday = (
      await newTask(secretariat, {
        title: 'Due today',
        startDate: '2024-01-01',
        dueDate: today,
        ...milestone,
      })
    ).json() as Task;
    expect(dueToday).toMatchObject({ status: 'at_risk', reason: { code: 'due_soon', params: { days: 0 } } });
    const yesterday = daysBefore(today, 1);
    const late = (
      await newTask(secretariat, {
        title: 'Due yesterday',
        startDate: '2024-01-01',
        dueDate: yesterday,
        ...milestone,
      })
    ).json() as Task;
    expect(late).toMatchObject({ status: 'overdue', reason: { code: 'overdue', params: { days: 1 } } });
    const overdue = (await secretariat.get(`/api/v1/tasks/overdue?at=${today}`)).json() as {
      task: string;
      daysOverdue: number;
    }[];
    expect(overdue.find((o) => o.task === late.id)?.daysOverdue).toBe(1);
    expect(overdue.some((o) => o.task === dueToday.id)).toBe(false);
    const board = (await dsal.get('/api/v1/tasks?status=overdue&agency=PJ')).json() as Task[];
    expect(board.map((b) => b.id)).toContain(late.id);
    expect(board.every((b) => b.status === 'overdue' && b.leadAgency.code === 'PJ')).toBe(true);
  });

  it('takes an agency report from draft to validated, and the validated figure moves the task', async () => {
    const task = (await newTask(secretariat)).json() as Task;
    // All of 2025 is past: the task is overdue until a validated figure reaches its target.
    expect(task).toMatchObject({ status: 'overdue', reason: { code: 'overdue' } });
    const draft = await pj.post(`/api/v1/tasks/${task.id}/progress`, {
      period: '2025-Q4',
      value: 100,
      narrative: 'All screened.',
    });
    expect(draft.statusCode).toBe(201);
    const report = draft.json() as Progress;
    expect(report.status).toBe('draft');
    // A draft is its agency's own: another agency and the secretariat do not see it.
    expect((await dsal.get(`/api/v1/progress/${report.id}`)).statusCode).toBe(404);
    expect((await secretariat.get(`/api/v1/progress/${report.id}`)).statusCode).toBe(404);
    const seenByDsal = (await dsal.get(`/api/v1/tasks/${task.id}`)).json() as { progress: unknown[] };
    expect(seenByDsal.progress).toEqual([]);
    // Nobody validates a draft.
    expect(
      (await secretariat.post(`/api/v1/progress/${report.id}/validate`, { version: report.version }))
        .statusCode,
    ).toBe(404);
    const submitted = (
      await pj.post(`/api/v1/progress/${report.id}/submit`, { version: report.version })
    ).json() as Progress;
    expect(submitted.status).toBe('submitted');
    expect((await dsal.get(`/api/v1/progress/${report.id}`)).statusCode).toBe(200);
    const pending = (await secretariat.get('/api/v1/progress/pending')).json() as Progress[];
    expect(pending.map((p) => p.id)).toContain(report.id);
    const validated = await secretariat.post(`/api/v1/progress/${report.id}/validate`, {
      version: submitted.version,
    });
    expect(validated.json()).toMatchObject({ status: 'validated' });
    const after = (await pj.get(`/api/v1/tasks/${task.id}`)).json() as Task & { progress: Progress[] };
    expect(after).toMatchObject({
      status: 'done',
      reason: { code: 'target_reached' },
      latest: { value: 100, asOf: '2025-12-31' },
    });
    expect(after.progress[0]).toMatchObject({ id: report.id, status: 'validated' });
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(['progress.drafted', 'progress.submitted', 'progress.validated']),
    );
    // The secretariat was told of the submission, the agency of the validation.
    const notices = await t.database.db.selectFrom('notifications').select(['kind', 'params']).execute();
    expect(notices.filter((n) => n.params.includes(report.id)).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['progress.submitted', 'progress.validated']),
    );
  });

  it('tells the lead agency of a task assigned to it, and no other agency', async () => {
    const task = (await newTask(secretariat, { title: 'Assigned task' })).json() as Task;
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['recipient_id', 'kind'])
      .where('params', 'like', `%${task.id}%`)
      .execute();
    const userOf = async (client: typeof pj) =>
      ((await client.get('/api/v1/session')).json() as { user: { id: string } }).user.id;
    expect(notices).toContainEqual({ recipient_id: await userOf(pj), kind: 'task.assigned' });
    expect(notices.map((n) => n.recipient_id)).not.toContain(await userOf(dsal));
    expect(notices.map((n) => n.recipient_id)).not.toContain(await userOf(secretariat));
  });

  it('returns a report with a comment; the agency corrects and submits it again', async () => {
    const task = (await newTask(secretariat, { title: 'Returned task' })).json() as Task;
    const report = (
      await pj.post(`/api/v1/tasks/${task.id}/progress`, { period: '2025-Q1', value: 10, narrative: 'Ten.' })
    ).json() as Progress;
    const submitted = (
      await pj.post(`/api/v1/progress/${report.id}/submit`, { version: report.version })
    ).json() as Progress;
    expect(
      (await secretariat.post(`/api/v1/progress/${report.id}/return`, { version: submitted.version }))
        .statusCode,
    ).toBe(400);
    const returned = (
      await secretariat.post(`/api/v1/progress/${report.id}/return`, {
        version: submitted.version,
        comment: 'Attach the inspection list.',
      })
    ).json() as Progress;
    expect(returned).toMatchObject({ status: 'returned', comment: 'Attach the inspection list.' });
    const queue = await tasksQueue(
      t.database.db,
      { userId: 'x', agencyId: agencies.PJ!, grants: { 'progress.report': 'agency' } },
      today,
    );
    expect(queue).toContainEqual(
      expect.objectContaining({ kind: 'progress_returned', progressId: report.id }),
    );
    const evidence = await pj.post(`/api/v1/progress/${report.id}/evidence`, {
      fileName: 'inspections.csv',
      mediaType: 'text/csv',
      contentBase64: Buffer.from('venue,date\nA,2025-02-01\n').toString('base64'),
    });
    expect(evidence.statusCode).toBe(201);
    const withFile = evidence.json() as Progress & { evidence: { id: string }[] };
    const file = await dsal.get(`/api/v1/progress/${report.id}/evidence/${withFile.evidence[0]!.id}`);
    // Once submitted, a report and its evidence are the committee's to read.
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('venue,date');
    const again = (
      await pj.patch(`/api/v1/progress/${report.id}`, { value: 12, version: returned.version })
    ).json() as Progress;
    expect(
      (await pj.post(`/api/v1/progress/${report.id}/submit`, { version: again.version })).json(),
    ).toMatchObject({ status: 'submitted', value: 12 });
  });

  it("refuses an officer reporting on a task of another agency, and editing another agency's report", async () => {
    const task = (await newTask(secretariat, { title: 'PJ only' })).json() as Task;
    const attack = await dsal.post(`/api/v1/tasks/${task.id}/progress`, {
      period: '2025-Q1',
      value: 5,
      narrative: 'Not ours.',
    });
    expect(attack.statusCode).toBe(403);
    const report = (
      await pj.post(`/api/v1/tasks/${task.id}/progress`, { period: '2025-Q2', value: 5, narrative: 'Ours.' })
    ).json() as Progress;
    const submitted = (
      await pj.post(`/api/v1/progress/${report.id}/submit`, { version: report.version })
    ).json() as Progress;
    expect(
      (await dsal.post(`/api/v1/progress/${report.id}/validate`, { version: submitted.version })).statusCode,
    ).toBe(403);
    expect(
      (await dsal.patch(`/api/v1/progress/${report.id}`, { value: 99, version: submitted.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (await pj.post(`/api/v1/progress/${report.id}/validate`, { version: submitted.version })).statusCode,
    ).toBe(403);
    const rows = await t.database.db
      .selectFrom('progress_updates')
      .select(['value', 'status'])
      .where('id', '=', report.id)
      .execute();
    expect(rows).toEqual([{ value: 5, status: 'submitted' }]);
  });

  it("refuses validating one's own report, even holding both roles", async () => {
    const task = (await newTask(secretariat, { title: 'Dual' })).json() as Task;
    const report = (
      await dual.post(`/api/v1/tasks/${task.id}/progress`, {
        period: '2025-Q1',
        value: 30,
        narrative: 'Mine.',
      })
    ).json() as Progress;
    const submitted = (
      await dual.post(`/api/v1/progress/${report.id}/submit`, { version: report.version })
    ).json() as Progress;
    const own = await dual.post(`/api/v1/progress/${report.id}/validate`, { version: submitted.version });
    expect(own.statusCode).toBe(403);
    expect((own.json() as Problem).code).toBe('progress.own_report');
    expect(
      (await secretariat.post(`/api/v1/progress/${report.id}/validate`, { version: submitted.version }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a period outside the task, of another periodicity, a negative value, a duplicate period', async () => {
    const task = (
      await newTask(secretariat, { title: 'Bad input', startDate: '2025-04-01', dueDate: '2025-09-30' })
    ).json() as Task;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ period: '2025-Q1', value: 1 }, 'period', 'outside_task'],
      [{ period: '2025-Q4', value: 1 }, 'period', 'outside_task'],
      [{ period: '2025-05', value: 1 }, 'period', 'not_task_periodicity'],
      [{ period: '2025-Q2', value: -1 }, 'value', 'negative'],
      [{ period: '2025-Q2' }, 'value', 'value_required'],
    ];
    for (const [body, field, code] of cases) {
      const response = await pj.post(`/api/v1/tasks/${task.id}/progress`, { narrative: 'x', ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect((response.json() as Problem).errors).toContainEqual(
        expect.objectContaining({ path: field, code }),
      );
    }
    const reportQ2 = (value: number, narrative: string) =>
      pj.post(`/api/v1/tasks/${task.id}/progress`, { period: '2025-Q2', value, narrative });
    expect((await reportQ2(1, 'x')).statusCode).toBe(201);
    expect((await reportQ2(2, 'y')).statusCode).toBe(409);
    const rows = await t.database.db
      .selectFrom('progress_updates')
      .select('id')
      .where('task_id', '=', task.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('completes a milestone task when its report is validated', async () => {
    const task = (await newTask(secretariat, { title: 'Guide', ...milestone })).json() as Task;
    const report = (
      await pj.post(`/api/v1/tasks/${task.id}/progress`, {
        period: '2025-Q2',
        complete: true,
        narrative: 'Published.',
      })
    ).json() as Progress;
    const submitted = (
      await pj.post(`/api/v1/progress/${report.id}/submit`, { version: report.version })
    ).json() as Progress;
    await secretariat.post(`/api/v1/progress/${report.id}/validate`, { version: submitted.version });
    expect((await pj.get(`/api/v1/tasks/${task.id}`)).json()).toMatchObject({
      status: 'done',
      completedOn: '2025-06-30',
    });
  });

  it('imports a plan from CSV and from XLSX, whole file or nothing', async () => {
    const csv = await secretariat.post('/api/v1/plans/import', {
      name: 'Imported CSV',
      format: 'csv',
      contentBase64: Buffer.from(goodCsv).toString('base64'),
    });
    expect(csv.statusCode).toBe(201);
    expect(csv.json()).toMatchObject({ objectives: 2, tasks: 3 });
    const tree = (await analyst.get(`/api/v1/plans/${(csv.json() as { planId: string }).planId}`)).json() as {
      startDate: string;
      endDate: string;
      objectives: { pillar: string; title: string; tasks: Task[] }[];
    };
    expect(tree).toMatchObject({ startDate: '2025-01-01', endDate: '2026-02-28' });
    expect(tree.objectives.map((o) => [o.pillar, o.tasks.length])).toEqual([
      ['prevention', 2],
      ['prosecution', 1],
    ]);
    expect(tree.objectives[1]!.title).toBe('Prosecute traffickers, including officials');

    const good = await xlsx([
      [
        'Protect victims',
        'protection',
        'Open a shelter for men',
        'IAS',
        'DSAL',
        new Date(Date.UTC(2025, 0, 1)),
        '2025-12-31',
        'Places',
        'beds',
        0,
        20,
      ],
    ]);
    const imported = await secretariat.post('/api/v1/plans/import', {
      name: 'Imported XLSX',
      format: 'xlsx',
      contentBase64: good.toString('base64'),
    });
    expect(imported.json()).toMatchObject({ objectives: 1, tasks: 1 });

    const plansBefore = (await secretariat.get('/api/v1/plans')).json() as unknown[];
    const tasksBefore = await countTasks();
    const bad = await xlsx([
      [
        'Protect victims',
        'protection',
        'Open a shelter',
        'IAS',
        '',
        '2025-01-01',
        '2025-12-31',
        'Places',
        'beds',
        0,
        20,
      ],
      [
        'Protect victims',
        'protection',
        'Hotline',
        'NOPE',
        '',
        '2025-01-01',
        '2025-12-31',
        'Calls',
        '',
        0,
        20,
      ],
    ]);
    const refused = await secretariat.post('/api/v1/plans/import', {
      name: 'Bad XLSX',
      format: 'xlsx',
      contentBase64: bad.toString('base64'),
    });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as Problem).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'row.3.lead_agency', code: 'unknown' }),
        expect.objectContaining({ path: 'row.3.unit', code: 'required_with_target' }),
      ]),
    );
    expect((await secretariat.get('/api/v1/plans')).json()).toHaveLength(plansBefore.length);
    expect(await countTasks()).toBe(tasksBefore);
  });
});

/** Runs `guia …` in this process with the given environment. */
const guia = (env: Record<string, string>, args: string[]) => runGuia(args, { env });

describe.each(databases)('guia plan import and guia tasks overdue on %s', (kind) => {
  let env: Record<string, string>;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'guia-plan-cli-'));
    env = {
      GUIA_DATA_DIR: dir,
      ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
    };
    cleanup = async () => {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    };
    for (const [code, agencyKind] of [
      ['PJ', 'police'],
      ['DSAL', 'labour'],
      ['IAS', 'social_welfare'],
    ] as const) {
      const added = await guia(env, [
        'agency',
        'add',
        '--code',
        code,
        '--kind',
        agencyKind,
        '--name-en',
        code,
        '--name-zh-hant',
        code,
        '--name-pt',
        code,
      ]);
      expect(added.code).toBe(0);
    }
  });
  afterAll(() => cleanup());

  it('refuses a bad row naming row and column, imports nothing, then imports the good file', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(
      bad,
      goodCsv
        .replace('Publish an identification guide,PJ,', 'Publish an identification guide,PSPX,')
        .replace('2025-03-01,2026-02-28', '2026-03-01,2026-02-28'),
    );
    const refused = await guia(env, ['plan', 'import', bad, '--name', 'Plan 2025']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('row 3, column lead_agency: Unknown value. (PSPX)');
    expect(refused.stderr).toContain('row 4, column due: Cannot be before the start date.');
    expect(refused.stderr).toContain('Nothing was imported.');
    const xlsxFile = path.join(dir, 'bad.xlsx');
    writeFileSync(
      xlsxFile,
      await xlsx([
        ['Protect', 'protection', 'Shelter', 'IAS', '', '2025-01-01', '2025-12-31', 'Beds', 'beds', -1, 20],
      ]),
    );
    const refusedXlsx = await guia(env, ['plan', 'import', xlsxFile, '--name', 'Plan 2025']);
    expect(refusedXlsx.code).not.toBe(0);
    expect(refusedXlsx.stderr).toContain('row 2, column baseline: Cannot be negative.');
    expect((await guia(env, ['tasks', 'overdue', '--json', '--at', '2026-01-10'])).stdout.trim()).toBe('[]');

    const good = path.join(dir, 'good.csv');
    writeFileSync(good, goodCsv);
    const imported = await guia(env, ['plan', 'import', good, '--name', 'Plan 2025']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain('2 objectives, 3 tasks');
    const goodXlsx = path.join(dir, 'good.xlsx');
    writeFileSync(
      goodXlsx,
      await xlsx([
        [
          'Protect',
          'protection',
          'Shelter',
          'IAS',
          'DSAL',
          '2025-01-01',
          '2025-12-31',
          'Beds',
          'beds',
          0,
          20,
        ],
      ]),
    );
    expect((await guia(env, ['plan', 'import', goodXlsx, '--name', 'Plan XLSX'])).code).toBe(0);
  });

  it('prints the overdue tasks as the exact JSON of the contract, longest overdue first', async () => {
    const run = await guia(env, ['tasks', 'overdue', '--json', '--at', '2026-01-10']);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as {
      task: string;
      title: string;
      agency: string;
      due: string;
      daysOverdue: number;
    }[];
    expect(items.map(({ task: _task, ...rest }) => rest)).toEqual(
      [
        { title: 'Publish an identification guide', agency: 'PJ', due: '2025-06-30', daysOverdue: 194 },
        { title: 'Train labour inspectors', agency: 'DSAL', due: '2025-12-31', daysOverdue: 10 },
        { title: 'Shelter', agency: 'IAS', due: '2025-12-31', daysOverdue: 10 },
      ].sort((a, b) => b.daysOverdue - a.daysOverdue),
    );
    for (const item of items) {
      expect(Object.keys(item)).toEqual(['task', 'title', 'agency', 'due', 'daysOverdue']);
      expect(item.task).toMatch(/^[0-9a-f-]{36}$/);
    }
    // On the due date a task is not overdue; the day after it is, by one day.
    const onDue = JSON.parse(
      (await guia(env, ['tasks', 'overdue', '--json', '--at', '2025-06-30'])).stdout,
    ) as unknown[];
    expect(onDue).toEqual([]);
    const dayAfter = JSON.parse(
      (await guia(env, ['tasks', 'overdue', '--json', '--at', '2025-07-01'])).stdout,
    ) as { daysOverdue: number }[];
    expect(dayAfter).toEqual([
      expect.objectContaining({ title: 'Publish an identification guide', daysOverdue: 1 }),
    ]);
    const badDate = await guia(env, ['tasks', 'overdue', '--json', '--at', '2026-13-01']);
    expect(badDate.code).not.toBe(0);
  });
});

describe.each(databases)('the demo action plan on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('loads a Macao plan across the 4P with tasks done, on track, at risk and overdue', async () => {
    await t.database.db.transaction().execute((tx) => seedMacaoDemo(tx));
    const { tasksService, taskSummaries } = await import('../../src/modules/coordination/tasks.service.js');
    // Meetings' decisions may add tasks outside the plan; the plan's own are those with a plan.
    const tasks = (await taskSummaries(t.database.db, '2026-12-02', {})).filter(
      (task) => task.planId !== null,
    );
    expect(new Set(tasks.map((task) => task.pillar))).toEqual(
      new Set(['prevention', 'protection', 'prosecution', 'partnership']),
    );
    expect(new Set(tasks.map((task) => task.status))).toEqual(
      new Set(['done', 'on_track', 'at_risk', 'overdue']),
    );
    const late = await tasksService.overdue(t.database.db, '2026-12-02');
    expect(late.map((item) => item.agency)).toEqual(expect.arrayContaining(['IAS', 'MP']));
  });
});
