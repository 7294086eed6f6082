import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBand } from '../../src/core/vocabularies/person.codes.js';
import { databases } from '../support/databases.js';
import { addAgency, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// The indicator engine's figures must equal a recount from the records. The recount below is a
// second, deliberately plain implementation of the counting rules over the raw rows (the case
// tables, and the CSV text of the imported file), compared cell by cell after creates, updates,
// stage changes and an import.

type Result = {
  total: number;
  denominators: Record<string, number>;
  cells: { period: string | null; values: (string | null)[]; count: number; sum: number }[];
};
type Report = {
  dataset: string;
  rows: number;
  imported: number;
  alreadyImported: boolean;
  problems: { row: number | null; column: string | null; problem: string }[];
};
type Rec = {
  kind: string;
  date: string | null;
  year: number | null;
  dims: Record<string, (string | null)[]>;
};

const CTDC_HEADER =
  'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther';
const ctdcRows = [
  '2019,Woman,18--20,PHL,MAC,0--12,1,,,1,,,,,,1,,,,,,1,,,1,,',
  '2019,Man,30--38,VNM,MAC,13--24,,1,,,,,1,,1,,,,1,,,,,,,,1',
  '2020,Woman,9--17,IDN,MAC,,,,1,,,,,,,1,1,,,,,,1,,,1,',
  '2021,,,,,,,,,,,,,,,,,,,,,,,,,,',
  '2021,Trans/Transgender/NonConforming,48+,CHN,CHN,25+,,,,,1,1,,1,1,,,,,1,,,,1,,,',
];
const ctdcFile = `${CTDC_HEADER}\n${ctdcRows.join('\n')}\n`;
const HTCDS_HEADER =
  'cas_IncomingReferralDate,prs_Gender,prs_Citizenship,vic_AgeWhenTrafficked,vic_TraffickingStatus,vic_MethodOfRecruitment,vic_MethodsOfControl,vic_TypeOfExploitation,vic_ForcedLabourIndustry,vic_TypeOfSexExploitation,vic_RelationshipToTrafficker,cas_Status';
const htcdsRows = [
  '2022-05-04,Feminine,PHL;CHN,16,ActualVictimOfTrafficking,ThroughOnlineSocialNetworks,DebtBondage;WithholdsDocuments,SexualExploitation,,Prostitution,Unaquainted,Active',
  '2023-01-20,Masculine,NPL,34,PossibleVictimOfTrafficking,AtWork,ExcessiveWorkingHours,ForcedLabour,F_Construction,,Familial,Closed',
];

const ctdcGender: Record<string, string> = {
  Woman: 'female',
  Man: 'male',
  'Trans/Transgender/NonConforming': 'non_conforming',
};
const ctdcAge: Record<string, string> = {
  '18--20': 'age_18_20',
  '30--38': 'age_30_38',
  '9--17': 'age_9_17',
  '48+': 'age_48_plus',
};

/** The imported CTDC file's victims, read from its text with nothing of Guia's code. */
function ctdcRecords(dataset: string): (Rec & { source: string })[] {
  const header = CTDC_HEADER.split(',');
  return ctdcRows.map((line) => {
    const c = Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v]));
    const forms = [
      c.isForcedLabour === '1' ? 'forced_labour' : null,
      c.isSexualExploit === '1' ? 'sexual_exploitation' : null,
      c.isOtherExploit === '1' ? 'other' : null,
    ].filter((x): x is string => x !== null);
    return {
      kind: 'victim',
      source: dataset,
      date: null,
      year: c.yearOfRegistration ? Number(c.yearOfRegistration) : null,
      dims: {
        sex: c.gender ? [ctdcGender[c.gender]!] : [],
        ageBand: c.ageBroad ? [ctdcAge[c.ageBroad]!] : [],
        nationality: c.citizenship ? [c.citizenship] : [],
        form: forms,
        stage: [],
      },
    };
  });
}

const tip = (date: string) => `TIP${Number(date.slice(0, 4)) + (date.slice(5, 7) >= '04' ? 1 : 0)}`;
const groupOf = (band: string | null) =>
  band === null ? null : ['age_0_8', 'age_9_17'].includes(band) ? 'child' : 'adult';

/** Counts records by period and dimensions the plain way: one per value held, null when none. */
function recount(records: Rec[], period: 'all' | 'year' | 'tip', by: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const p =
      period === 'all'
        ? null
        : period === 'year'
          ? (r.date?.slice(0, 4) ?? (r.year ? String(r.year) : null))
          : r.date
            ? tip(r.date)
            : null;
    let combos: (string | null)[][] = [[]];
    for (const d of by) {
      const held = d === 'ageGroup' ? (r.dims.ageBand ?? []).map(groupOf) : (r.dims[d] ?? []);
      const values = held.length ? [...new Set(held)] : [null];
      combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
    }
    for (const combo of combos) {
      const k = JSON.stringify([p, ...combo]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

const asMap = (r: Result) => new Map(r.cells.map((c) => [JSON.stringify([c.period, ...c.values]), c.count]));

describe.each(databases)('statistics on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  let analyst: TestClient;
  let secretariat: TestClient;
  let worker: TestClient;
  let ias: string;
  const victims: { path: string; version: number }[] = [];
  const cases: { id: string; version: number }[] = [];
  let imported: (Rec & { source: string })[] = [];

  /** Guia's victims, suspects and prosecutions, read from the raw tables. */
  async function guiaRecords(): Promise<Rec[]> {
    const rows = await t.database.db
      .selectFrom('case_persons')
      .innerJoin('persons', 'persons.id', 'case_persons.person_id')
      .innerJoin('cases', 'cases.id', 'case_persons.case_id')
      .select([
        'case_persons.role',
        'case_persons.exploitation_types as personForms',
        'case_persons.age_when_trafficked as age',
        'case_persons.charges',
        'persons.gender',
        'persons.citizenship',
        'cases.registration_date as date',
        'cases.exploitation_types as caseForms',
        'cases.stage',
      ])
      .execute();
    return rows.flatMap((r) => {
      const personForms = JSON.parse(r.personForms) as string[];
      const dims = {
        sex: r.gender && r.gender !== 'unknown' ? [r.gender] : [],
        ageBand: r.age === null ? [] : [ageBand(r.age)],
        nationality: JSON.parse(r.citizenship) as string[],
        form: personForms.length ? personForms : (JSON.parse(r.caseForms) as string[]),
        stage: [r.stage],
      };
      const recs: Rec[] = [{ kind: r.role, date: r.date, year: null, dims }];
      if (r.role === 'suspect' && (JSON.parse(r.charges) as string[]).length > 0)
        recs.push({ kind: 'prosecution', date: r.date, year: null, dims });
      return recs;
    });
  }

  async function expectRecount(): Promise<void> {
    const records = [...(await guiaRecords()), ...imported];
    const questions: { kind: string; period: 'all' | 'year' | 'tip'; by: string[] }[] = [
      { kind: 'victim', period: 'all', by: [] },
      { kind: 'victim', period: 'all', by: ['sex'] },
      { kind: 'victim', period: 'year', by: ['form'] },
      { kind: 'victim', period: 'tip', by: ['stage'] },
      { kind: 'victim', period: 'all', by: ['nationality', 'sex'] },
      { kind: 'victim', period: 'all', by: ['sex', 'ageGroup'] },
      { kind: 'victim', period: 'year', by: ['sex', 'nationality'] },
      { kind: 'suspect', period: 'year', by: ['sex'] },
      { kind: 'prosecution', period: 'tip', by: [] },
    ];
    for (const q of questions) {
      const response = await analyst.get(
        `/api/v1/statistics/indicators?kind=${q.kind}&period=${q.period}&by=${q.by.join(',')}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json() as Result;
      const mine = records.filter((r) => r.kind === q.kind);
      expect(asMap(result), JSON.stringify(q)).toEqual(recount(mine, q.period, q.by));
      expect(result.total, JSON.stringify(q)).toBe(mine.length);
      if (q.by.includes('nationality'))
        expect(result.denominators.nationality).toBe(
          mine.filter((r) => (r.dims.nationality ?? []).length > 0).length,
        );
    }
  }

  async function addCase(date: string, forms: string[]) {
    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: date,
      registrationDate: date,
      exploitationTypes: forms,
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json() as { id: string; version: number };
    cases.push(c);
    return c.id;
  }
  async function addPerson(caseId: string, body: Record<string, unknown>) {
    const r = await officer.post(`/api/v1/cases/${caseId}/people`, body);
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json() as { id: string; version: number };
    return { path: `/api/v1/cases/${caseId}/people/${p.id}`, version: p.version };
  }

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    analyst = await signedInClient(t, admin, pj, ['analyst']);
    secretariat = await signedInClient(t, admin, ias, ['secretariat']);
    worker = await signedInClient(t, admin, ias, ['case_worker']);

    const a = await addCase('2020-05-01', ['forced_labour']);
    const b = await addCase('2021-02-10', ['sexual_exploitation', 'forced_labour']);
    await addCase('2022-07-01', []);
    victims.push(
      await addPerson(a, {
        role: 'victim',
        person: { gender: 'female', citizenship: ['PHL'] },
        victim: { ageWhenTrafficked: 16 },
      }),
      await addPerson(a, { role: 'victim', person: { gender: 'male', citizenship: ['PHL', 'PRT'] } }),
      await addPerson(b, {
        role: 'victim',
        person: { citizenship: ['VNM'] },
        victim: { exploitationTypes: ['sexual_exploitation'], ageWhenTrafficked: 25 },
      }),
    );
    await addPerson(b, {
      role: 'suspect',
      person: { gender: 'male', citizenship: ['CHN'] },
      suspect: { charges: ['mo_pc_153a'] },
    });
    await addPerson(b, { role: 'suspect', person: { gender: 'female', citizenship: ['MAC'] } });
  });
  afterAll(() => t.close());

  it('counts every indicator as a recount of the records does', async () => {
    await expectRecount();
  });

  it('follows updates of a victim and a change of stage, in the same transaction as the change', async () => {
    const v = victims[1]!;
    const updated = await officer.patch(v.path, {
      version: v.version,
      gender: 'female',
      citizenship: ['IDN'],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const c = cases[0]!;
    const moved = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: c.version,
      to: 'under_investigation',
      decidedOn: '2020-06-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await expectRecount();
  });

  it('imports a CTDC file whole, tags its rows with the dataset, and counts them with the cases', async () => {
    const response = await secretariat.request('POST', '/api/v1/statistics/imports?format=ctdc', ctdcFile, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as Report;
    expect(report).toMatchObject({ rows: 5, imported: 5, alreadyImported: false, problems: [] });
    imported = ctdcRecords(report.dataset);
    await expectRecount();
    const bySource = (
      await analyst.get(
        `/api/v1/statistics/indicators?kind=victim&by=sex&source=${encodeURIComponent(report.dataset)}`,
      )
    ).json() as Result;
    expect(bySource.total).toBe(5);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await t.database.db
      .selectFrom('stat_cells')
      .selectAll()
      .orderBy(['kind', 'cube', 'source', 'period', 'key'])
      .execute();
    const again = await secretariat.request('POST', '/api/v1/statistics/imports?format=ctdc', ctdcFile, {
      'content-type': 'text/csv',
    });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Report).alreadyImported).toBe(true);
    const after = await t.database.db
      .selectFrom('stat_cells')
      .selectAll()
      .orderBy(['kind', 'cube', 'source', 'period', 'key'])
      .execute();
    expect(after).toEqual(before);
  });

  it.each([
    ['a wrong header', CTDC_HEADER.replace('gender', 'sex'), 1, 'sex', 'unknown_column'],
    ['an unknown code', ctdcRows[0]!.replace('Woman', 'Female'), 2, 'gender', 'unknown_code'],
    ['a year 3020', ctdcRows[0]!.replace('2019', '3020'), 2, 'yearOfRegistration', 'year_out_of_range'],
    [
      'a negative flag',
      ctdcRows[0]!.replace('PHL,MAC,0--12,1', 'PHL,MAC,0--12,-1'),
      2,
      'meansDebtBondageEarnings',
      'invalid_flag',
    ],
    [
      'a formula in a cell',
      ctdcRows[0]!.replace('PHL', '=HYPERLINK("http://x")'),
      2,
      'citizenship',
      'formula',
    ],
    ['a truncated file', `${ctdcRows[0]!}\n2020,"Wom`, 3, null, 'truncated'],
  ])(
    'refuses a file with %s, naming where, and imports nothing',
    async (_what, line, row, column, problem) => {
      const file = row === 1 ? `${line}\n${ctdcRows[0]}\n` : `${CTDC_HEADER}\n${line}\n`;
      const before = await t.database.db.selectFrom('stat_import_rows').select('row_no').execute();
      const datasets = await t.database.db.selectFrom('stat_datasets').select('name').execute();
      const response = await secretariat.request('POST', '/api/v1/statistics/imports?format=ctdc', file, {
        'content-type': 'text/csv',
      });
      expect(response.statusCode, response.body).toBe(400);
      expect((response.json() as Report).problems).toContainEqual(
        expect.objectContaining({ row, column, problem }),
      );
      expect(await t.database.db.selectFrom('stat_import_rows').select('row_no').execute()).toHaveLength(
        before.length,
      );
      expect(await t.database.db.selectFrom('stat_datasets').select('name').execute()).toHaveLength(
        datasets.length,
      );
    },
  );

  it('exports the imported CTDC rows as they came (CTDC → Guia → CTDC)', async () => {
    const response = await secretariat.get(
      `/api/v1/statistics/exports/ctdc?source=${encodeURIComponent(imported[0]!.source)}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([CTDC_HEADER, ...ctdcRows]);
  });

  it('round-trips an HTCDS file (HTCDS → Guia → HTCDS), reading either spelling of a picklist', async () => {
    const file = `${HTCDS_HEADER}\n${htcdsRows.join('\n')}\n`;
    const respelt = file.replace('Unaquainted', 'Unacquainted').replace('ForcedLabour,', 'forced labour,');
    const response = await secretariat.request(
      'POST',
      '/api/v1/statistics/imports?format=htcds&dataset=htcds-test',
      respelt,
      {
        'content-type': 'text/csv',
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    const exported = await secretariat.get('/api/v1/statistics/exports/htcds?source=htcds-test');
    expect(
      exported.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toEqual([HTCDS_HEADER, ...htcdsRows]);
  });

  async function workbook(rows: (string | number | { formula: string })[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('HTCDS');
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('imports an HTCDS spreadsheet, and refuses one with a formula in a cell', async () => {
    const header = HTCDS_HEADER.split(',');
    const good = await workbook([header, htcdsRows[1]!.split(',').map((v) => (v === '34' ? 34 : v))]);
    const upload = (file: Buffer, name: string) =>
      secretariat.request('POST', `/api/v1/statistics/imports?format=htcds&type=xlsx&dataset=${name}`, file, {
        'content-type': 'application/octet-stream',
      });
    const ok = await upload(good, 'htcds-xlsx');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Report).imported).toBe(1);
    const exported = await secretariat.get('/api/v1/statistics/exports/htcds?source=htcds-xlsx');
    expect(
      exported.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')[1],
    ).toBe(htcdsRows[1]);
    const bad = await workbook([header, ['2023-01-20', { formula: 'HYPERLINK("http://x","Masculine")' }]]);
    const refused = await upload(bad, 'htcds-formula');
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as Report).problems).toContainEqual(
      expect.objectContaining({ row: 2, column: 'prs_Gender', problem: 'formula' }),
    );
  });

  it('refuses an HTCDS file carrying identity', async () => {
    const response = await secretariat.request(
      'POST',
      '/api/v1/statistics/imports?format=htcds',
      `prs_FirstName,prs_Gender\nMaria,Feminine\n`,
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(400);
    expect((response.json() as Report).problems).toContainEqual(
      expect.objectContaining({ row: 1, column: 'prs_FirstName', problem: 'identity_not_accepted' }),
    );
  });

  it('gives the standard dashboard, and the GLOTIP table to an analyst', async () => {
    const dashboard = await analyst.get('/api/v1/statistics/dashboard');
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    const panels = (dashboard.json() as { panels: { id: string; result: Result }[] }).panels;
    const victimsTotal = panels.find((p) => p.id === 'victimsBySex')!.result.total;
    expect(victimsTotal).toBe(3 + 5 + 2 + 1);
    const glotip = await analyst.get('/api/v1/statistics/exports/glotip');
    expect(glotip.statusCode, glotip.body).toBe(200);
    expect(glotip.body).toContain('Detected trafficking victims');
  });

  it('refuses statistics to a case worker, imports and record-level exports to an analyst', async () => {
    expect((await worker.get('/api/v1/statistics/indicators?kind=victim')).statusCode).toBe(403);
    const upload = await analyst.request('POST', '/api/v1/statistics/imports?format=ctdc', ctdcFile, {
      'content-type': 'text/csv',
    });
    expect(upload.statusCode).toBe(403);
    expect((await analyst.get('/api/v1/statistics/exports/ctdc')).statusCode).toBe(403);
    expect((await analyst.get('/api/v1/statistics/exports/htcds')).statusCode).toBe(403);
  });

  it('refuses a dimension a kind does not have, naming it', async () => {
    const response = await analyst.get('/api/v1/statistics/indicators?kind=service&by=sex');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [expect.objectContaining({ path: 'by.0' })] });
  });
});
