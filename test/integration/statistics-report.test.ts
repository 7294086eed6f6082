import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, auditActions, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// The secretariat's yearly report: the figures of one calendar year or TIP period, equal to what
// the indicator engine answers for the same period, and the same figures in a PDF (read back
// with pdftotext, in Chinese and Portuguese), a workbook and a CSV.

type Section = {
  id: string;
  dimension: string | null;
  total: number;
  recordsWithValue: number | null;
  measure: number | null;
  rows: { value: string | null; count: number }[];
};
type Report = { key: string; start: string; end: string; sections: Section[] };

const HTCDS =
  'cas_IncomingReferralDate,prs_Gender,prs_Citizenship,vic_AgeWhenTrafficked,vic_TraffickingStatus,vic_MethodOfRecruitment,vic_MethodsOfControl,vic_TypeOfExploitation,vic_ForcedLabourIndustry,vic_TypeOfSexExploitation,vic_RelationshipToTrafficker,cas_Status\n' +
  '2022-05-04,Feminine,PHL;CHN,16,ActualVictimOfTrafficking,ThroughOnlineSocialNetworks,DebtBondage,SexualExploitation,,Prostitution,Unaquainted,Active\n' +
  '2023-01-20,Masculine,NPL,34,PossibleVictimOfTrafficking,AtWork,ExcessiveWorkingHours,ForcedLabour,F_Construction,,Familial,Closed\n' +
  '2023-06-20,Feminine,VNM,22,PossibleVictimOfTrafficking,AtWork,ExcessiveWorkingHours,ForcedLabour,F_Construction,,Familial,Closed\n';

const dir = mkdtempSync(join(tmpdir(), 'guia-report-'));
function pdfText(body: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// One directory for both databases' runs, removed when the file is done.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databases)('yearly report on %s', (kind) => {
  let t: TestApp;
  let secretariat: TestClient;
  let worker: TestClient;

  beforeAll(async () => {
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    const officer = await signedInClient(t, admin, pj, ['agency_officer']);
    secretariat = await signedInClient(t, admin, ias, ['secretariat']);
    worker = await signedInClient(t, admin, ias, ['case_worker']);

    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2023-02-01',
      registrationDate: '2023-02-01',
      exploitationTypes: ['sexual_exploitation'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = (created.json() as { id: string }).id;
    for (const body of [
      {
        role: 'victim',
        person: { gender: 'female', citizenship: ['MAC'] },
        victim: { ageWhenTrafficked: 15 },
      },
      {
        role: 'suspect',
        person: { gender: 'male', citizenship: ['CHN'] },
        suspect: { charges: ['mo_pc_153a'] },
      },
    ]) {
      const r = await officer.post(`/api/v1/cases/${caseId}/people`, body);
      expect(r.statusCode, r.body).toBe(201);
    }
    const imported = await secretariat.request(
      'POST',
      '/api/v1/statistics/imports?format=htcds&dataset=report-test',
      HTCDS,
      { 'content-type': 'text/csv' },
    );
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(() => t.close());

  const section = (r: Report, id: string) => r.sections.find((s) => s.id === id)!;

  it('gathers a calendar year: its cases, victims by sex, age and nationality, and its prosecutions', async () => {
    const response = await secretariat.get('/api/v1/statistics/report?period=year&year=2023');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as Report;
    expect(report).toMatchObject({ key: '2023', start: '2023-01-01', end: '2023-12-31' });
    expect(section(report, 'cases').total).toBe(1);
    // The case's victim (2023-02-01) and the two imported rows of 2023; the 2022 row is not counted.
    expect(section(report, 'victims').total).toBe(3);
    expect(section(report, 'victimsBySex').rows).toEqual([
      { value: 'female', count: 2 },
      { value: 'male', count: 1 },
    ]);
    expect(section(report, 'victimsByAgeGroup').rows).toEqual([
      { value: 'adult', count: 2 },
      { value: 'child', count: 1 },
    ]);
    expect(new Set(section(report, 'victimsByNationality').rows.map((r) => r.value))).toEqual(
      new Set(['MAC', 'NPL', 'VNM']),
    );
    expect(section(report, 'prosecutionsBySex').rows).toEqual([{ value: 'male', count: 1 }]);
    // Each figure is the indicator engine's answer for the same period.
    const indicator = (
      await secretariat.get('/api/v1/statistics/indicators?kind=victim&period=year&by=sex&from=2023&to=2023')
    ).json() as { total: number };
    expect(indicator.total).toBe(section(report, 'victims').total);
  });

  it('gathers a TIP period from 1 April to 31 March', async () => {
    const report = (await secretariat.get('/api/v1/statistics/report?period=tip&year=2023')).json() as Report;
    expect(report).toMatchObject({ key: 'TIP2023', start: '2022-04-01', end: '2023-03-31' });
    // 2022-05-04 and 2023-01-20 imported, and the case's victim of 2023-02-01; not 2023-06-20.
    expect(section(report, 'victims').total).toBe(3);
    const nationality = section(report, 'victimsByNationality');
    expect(nationality.recordsWithValue).toBe(3);
    expect(nationality.rows.reduce((n, r) => n + r.count, 0)).toBe(4); // PHL and CHN for one victim
  });

  it("prints the report as a PDF in the reader's language, with names instead of codes", async () => {
    const zh = await secretariat.get('/api/v1/statistics/report/pdf?period=year&year=2023&lang=zh-Hant');
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    const text = pdfText(zh.rawPayload);
    for (const words of [
      '年度統計報告',
      '按國籍劃分的被害人',
      '中國澳門',
      '尼泊爾',
      '越南',
      '女性',
      '按性別劃分的被起訴人',
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/\bNPL\b|\bMAC\b|\bfemale\b/);
    const pt = pdfText(
      (await secretariat.get('/api/v1/statistics/report/pdf?period=tip&year=2023&lang=pt')).rawPayload,
    );
    for (const words of [
      'Relatório estatístico anual',
      'Período de relatório TIP 2023',
      'Macau, China',
      'Filipinas',
      'Feminino',
    ])
      expect(pt).toContain(words);
  });

  it('downloads the same figures as a workbook and as CSV, by section, value and count', async () => {
    const xlsx = await secretariat.get('/api/v1/statistics/report/xlsx?period=year&year=2023&lang=en');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Section', 'Value', 'Count']);
    expect(rows).toContainEqual(['Victims by nationality', 'Macao, China', 1]);
    expect(rows).toContainEqual(['Victims identified', 'Total', 3]);
    const csv = await secretariat.get('/api/v1/statistics/report/csv?period=year&year=2023&lang=en');
    expect(csv.body).toContain('Victims by sex,Female,2\r\n');
  });

  /** GLOTIP CSV rows as records of its columns. */
  const glotip = (body: string) =>
    parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

  it('exports GLOTIP for publication only through a rule set: small counts <5, none recoverable, audited', async () => {
    const before = (await auditActions(t)).filter((a) => a === 'statistics.exported').length;
    const response = await secretariat.get(
      '/api/v1/statistics/exports/glotip?year=2023&ruleSet=unodc-under-5',
    );
    expect(response.statusCode, response.body).toBe(200);
    const rows = glotip(response.body);
    expect(rows.length).toBeGreaterThan(0);
    // Every figure of 2023 is 1, 2 or 3: each is hidden, published as <5 or x, never as itself.
    for (const row of rows) expect(['<5', 'x', '0'], JSON.stringify(row)).toContain(row.txtVALUE);
    expect(rows.some((r) => r.txtVALUE === '<5')).toBe(true);
    expect(new Set(rows.map((r) => r.Source))).toEqual(new Set(['Guia (unodc-under-5 v1)']));
    // Margins are published too (the auditor assumes the reader has them).
    expect(rows.some((r) => r.Sex === 'Total' && r.Category === 'Total')).toBe(true);
    expect((await auditActions(t)).filter((a) => a === 'statistics.exported').length).toBe(before + 1);
    // The unprotected export stays, for internal use: the true small counts.
    const internal = glotip((await secretariat.get('/api/v1/statistics/exports/glotip?year=2023')).body);
    expect(internal.some((r) => r.Indicator === 'Detected trafficking victims' && r.txtVALUE === '1')).toBe(
      true,
    );
    // A rule set that does not exist is refused, naming the field; nothing is exported.
    const unknown = await secretariat.get('/api/v1/statistics/exports/glotip?year=2023&ruleSet=none-such');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('ruleSet');
  });

  it('refuses the report to a case worker, and a year that is not one', async () => {
    expect((await worker.get('/api/v1/statistics/report?period=year&year=2023')).statusCode).toBe(403);
    expect((await worker.get('/api/v1/statistics/report/pdf?period=year&year=2023')).statusCode).toBe(403);
    expect(
      (await worker.get('/api/v1/statistics/exports/glotip?year=2023&ruleSet=unodc-under-5')).statusCode,
    ).toBe(403);
    const bad = await secretariat.get('/api/v1/statistics/report?period=year&year=20233');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('year');
  });
});
