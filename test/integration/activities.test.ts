import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { coordinationAgencies, rowCount, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Totals = {
  inspections: { venues: number; labour: number; employmentAgencies: number };
  trainings: { sessions: number; trained: Record<string, number>; trainedTotal: number };
  campaigns: { count: number; reach: number; byKind: Record<string, number>; languages: string[] };
  hotline: { calls: number; helpRequests: number; referrals: number };
  budget: number;
};
type Grid = {
  period: { kind: string; key: string };
  editable: boolean;
  rows: {
    agency: { id: string; code: string };
    quarters: number;
    version: number | null;
    totals: Totals;
    canReport: boolean;
  }[];
  total: Totals;
};
type Problem = { code: string; errors?: { path: string; code: string }[] };

const figures = (n: number, extra: Record<string, unknown> = {}) => ({
  inspections: { venues: n, labour: 2 * n, employmentAgencies: 1 },
  trainings: { sessions: 1, trained: { police: 10 * n, social_work: 5 } },
  campaigns: [{ kind: 'online', languages: ['zh-Hant', 'tl'], reach: 1000 * n }],
  hotline: { calls: 3 * n, helpRequests: n, referrals: 1 },
  budget: 50_000,
  ...extra,
});

describe.each(databases)('activity figures on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let dsal: string;
  let pjOfficer: TestClient;
  let dsalOfficer: TestClient;
  let secretariat: TestClient;
  let analyst: TestClient;

  const reportCount = () => rowCount(t, 'activity_reports');

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    ({ pj, dsal, pjOfficer, dsalOfficer, secretariat } = await coordinationAgencies(t, admin));
    analyst = await signedInClient(t, admin, pj, ['analyst']);
  });
  afterAll(() => t.close());

  it('an officer reports their own agency’s quarter and corrects it with the version read', async () => {
    const first = await pjOfficer.put(`/api/v1/activities/reports/2024-Q1/${pj}`, figures(4));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ period: '2024-Q1', version: 1, inspections: { venues: 4 } });
    const again = await pjOfficer.put(`/api/v1/activities/reports/2024-Q1/${pj}`, figures(5));
    expect(again.statusCode).toBe(409);
    const fixed = await pjOfficer.put(`/api/v1/activities/reports/2024-Q1/${pj}`, {
      ...figures(5),
      version: 1,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const read = (await analyst.get(`/api/v1/activities/reports/2024-Q1/${pj}`)).json() as {
      version: number;
      inspections: { venues: number };
      trainings: { trained: Record<string, number> };
      campaigns: unknown[];
    };
    expect(read).toMatchObject({
      version: 2,
      inspections: { venues: 5 },
      trainings: { trained: { police: 50 } },
    });
    expect(read.campaigns).toEqual([{ kind: 'online', languages: ['zh-Hant', 'tl'], reach: 5000 }]);
  });

  it('attack: an officer cannot write another agency’s figures, and nothing is written', async () => {
    const before = await reportCount();
    const response = await pjOfficer.put(`/api/v1/activities/reports/2024-Q1/${dsal}`, figures(9));
    expect(response.statusCode).toBe(403);
    expect(await reportCount()).toBe(before);
    const denied = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'auth.permission_denied')
      .execute();
    expect(denied.some((r) => r.summary.includes('activity.report'))).toBe(true);
  });

  it('attack: an analyst, who only reads figures, cannot report any', async () => {
    const response = await analyst.put(`/api/v1/activities/reports/2024-Q1/${pj}`, figures(1));
    expect(response.statusCode).toBe(403);
  });

  it('refuses a negative count naming the field, and writes nothing', async () => {
    const before = await reportCount();
    const response = await dsalOfficer.put(
      `/api/v1/activities/reports/2024-Q2/${dsal}`,
      figures(1, { inspections: { venues: 1, labour: -3, employmentAgencies: 0 } }),
    );
    expect(response.statusCode).toBe(400);
    expect((response.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'inspections.labour', code: 'too_small' }),
    ]);
    const trained = await dsalOfficer.put(
      `/api/v1/activities/reports/2024-Q2/${dsal}`,
      figures(1, { trainings: { sessions: 1, trained: { police: -1 } } }),
    );
    expect((trained.json() as Problem).errors?.[0]?.path).toBe('trainings.trained.police');
    expect(await reportCount()).toBe(before);
  });

  it('refuses a period that is not a quarter, and a quarter not yet begun', async () => {
    const year = await dsalOfficer.put(`/api/v1/activities/reports/2024/${dsal}`, figures(1));
    expect((year.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'period', code: 'quarter_required' }),
    ]);
    const future = await dsalOfficer.put(`/api/v1/activities/reports/2999-Q1/${dsal}`, figures(1));
    expect((future.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'period', code: 'future_period' }),
    ]);
  });

  it('the secretariat enters figures for any agency', async () => {
    const response = await secretariat.put(`/api/v1/activities/reports/2024-Q2/${dsal}`, figures(2));
    expect(response.statusCode, response.body).toBe(200);
    await dsalOfficer.put(`/api/v1/activities/reports/2024-Q3/${dsal}`, figures(1));
    await pjOfficer.put(`/api/v1/activities/reports/2025-Q1/${pj}`, figures(7));
  });

  it('the grid of a quarter shows each agency’s figures, who may write them, and the total', async () => {
    const grid = (await pjOfficer.get('/api/v1/activities/grid?period=2024-Q1')).json() as Grid;
    expect(grid.editable).toBe(true);
    const pjRow = grid.rows.find((r) => r.agency.code === 'PJ')!;
    const dsalRow = grid.rows.find((r) => r.agency.code === 'DSAL')!;
    expect(pjRow).toMatchObject({ canReport: true, version: 2, quarters: 1 });
    expect(dsalRow).toMatchObject({ canReport: false, version: null, quarters: 0 });
    expect(dsalRow.totals.inspections.venues).toBe(0);
    expect(grid.total.inspections.venues).toBe(5);
  });

  it('a year sums its quarters per agency and in total; a TIP period runs April to March', async () => {
    const year = (await analyst.get('/api/v1/activities/grid?period=2024')).json() as Grid;
    expect(year.editable).toBe(false);
    const dsalYear = year.rows.find((r) => r.agency.code === 'DSAL')!;
    expect(dsalYear.quarters).toBe(2);
    expect(dsalYear.totals.inspections.venues).toBe(3);
    expect(dsalYear.totals.trainings.trained).toMatchObject({ police: 30, social_work: 10 });
    expect(dsalYear.totals.trainings.trainedTotal).toBe(40);
    expect(year.total.inspections.venues).toBe(8);
    expect(year.total.hotline.calls).toBe(24);
    expect(year.total.budget).toBe(150_000);
    expect(year.total.campaigns).toMatchObject({ count: 3, reach: 8000, languages: ['tl', 'zh-Hant'] });
    // TIP 2025 = 2024-04-01 … 2025-03-31: DSAL Q2+Q3 2024 and PJ Q1 2025, not PJ Q1 2024.
    const tip = (await analyst.get('/api/v1/activities/grid?period=TIP2025')).json() as Grid;
    expect(tip.total.inspections.venues).toBe(2 + 1 + 7);
  });

  it('totals per period and agency over a range, for the statistics', async () => {
    const response = await analyst.get('/api/v1/activities/totals?kind=year&from=2023-01-01&to=2025-12-31');
    expect(response.statusCode, response.body).toBe(200);
    const { periods } = response.json() as {
      periods: {
        period: { key: string };
        total: Totals;
        agencies: { agency: { code: string }; totals: Totals }[];
      }[];
    };
    expect(periods.map((p) => p.period.key)).toEqual(['2023', '2024', '2025']);
    expect(periods[0]!.agencies).toEqual([]);
    expect(periods[1]!.agencies.map((a) => [a.agency.code, a.totals.inspections.venues])).toEqual([
      ['DSAL', 3],
      ['PJ', 5],
    ]);
    expect(periods[2]!.total.inspections.venues).toBe(7);
    const one = (
      await analyst.get(
        `/api/v1/activities/totals?kind=quarter&from=2024-01-01&to=2024-06-30&agencyId=${dsal}`,
      )
    ).json() as { periods: { period: { key: string }; total: Totals }[] };
    expect(one.periods.map((p) => [p.period.key, p.total.inspections.venues])).toEqual([
      ['2024-Q1', 0],
      ['2024-Q2', 2],
    ]);
    const month = await analyst.get('/api/v1/activities/totals?kind=month&from=2024-01-01&to=2024-03-31');
    expect((month.json() as Problem).errors).toEqual([
      expect.objectContaining({ path: 'kind', code: 'finer_than_quarter' }),
    ]);
  });

  it('audits each report with ids and codes only', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'activity.reported')
      .execute();
    expect(rows.length).toBe(5);
    expect(JSON.parse(rows[0]!.summary)).toEqual({ agencyId: pj, period: '2024-Q1', first: true });
  });
});
