import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { addCasePerson, openCase } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addAgency, auditActions, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';
import { seedTipHistory } from '../../src/modules/assessments/tip-history.seed.js';
import { macaoTipHistory } from '../../src/profiles/macao/tip-history.js';

type Problem = { code: string; errors?: { path: string; code: string }[] };
type Claim = { id: string; kind: string; subject: string; value: number | null; period: { key: string } };
type Assessment = {
  id: string;
  version: number;
  tier: string | null;
  period: { key: string; start: string; end: string };
  recommendations: { id: string; text: string }[];
  claims: Claim[];
  warnings: string[];
};
type Split = {
  layout: string;
  sections: unknown[];
  recommendations: { text: string }[];
  claims: Record<string, unknown>[];
  warnings: string[];
};
type Check = {
  outcome: string;
  guia: number | null;
  claim: Claim;
  records: { caseId: string; reference: string }[];
  hiddenRecords: number;
};

const narrative = readFileSync(
  new URL('../fixtures/assessments/macau-2020-prioritized.txt', import.meta.url),
  'utf8',
);
const api = '/api/v1/assessments';

describe.each(databases)('external assessments on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let secretariat: TestClient;
  let pjOfficer: TestClient;
  let dsalOfficer: TestClient;
  let analyst: TestClient;
  let caseWorker: TestClient;
  let pj: string;
  let dsal: string;
  let tip: string;
  let caseId: string;
  let caseReference: string;
  let report2020: Assessment;

  const problem = (body: string) => JSON.parse(body) as Problem;
  const paths = (body: string) => (problem(body).errors ?? []).map((e) => `${e.path}:${e.code}`);
  /** The secretariat records what the TIP Report says of a jurisdiction in a year. */
  const recordTipYear = (jurisdiction: string, fields: { year: number; tier: string; waiver?: boolean }) =>
    secretariat.post(api, { sourceId: tip, jurisdiction, ...fields });

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    pj = await addAgency(admin, 'PJ');
    dsal = await addAgency(admin, 'DSAL', 'labour');
    const secretariatAgency = await addAgency(admin, 'SEC', 'secretariat');
    const sign = (agency: string, role: RoleId) => signedInClient(t, admin, agency, [role]);
    secretariat = await sign(secretariatAgency, 'secretariat');
    pjOfficer = await sign(pj, 'agency_officer');
    dsalOfficer = await sign(dsal, 'agency_officer');
    analyst = await sign(secretariatAgency, 'analyst');
    caseWorker = await sign(pj, 'case_worker');

    // Guia's records for TIP2020 (1 April 2019 – 31 March 2020): one victim identified, one investigation.
    ({ id: caseId, reference: caseReference } = await openCase(pjOfficer, {
      reportDate: '2019-06-01',
      exploitationTypes: ['sexual_exploitation'],
    }));
    await addCasePerson(pjOfficer, caseId, {
      role: 'victim',
      person: { givenNames: 'Mei', familyName: 'Ho', citizenship: ['CHN'] },
      victim: { traffickingStatus: 'possible_victim', statusDecidedOn: '2019-07-01' },
    });
    const moved = await pjOfficer.post(`/api/v1/cases/${caseId}/transitions`, {
      version: 1,
      to: 'under_investigation',
      decidedOn: '2019-08-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const source = await secretariat.post(`${api}/sources`, { kind: 'tip', name: 'TIP Report' });
    expect(source.statusCode, source.body).toBe(201);
    tip = (source.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  describe('years, tiers and the tier rules', () => {
    it('records a TIP year with its tier and its reporting period, 1 April to 31 March', async () => {
      const response = await recordTipYear('MAC', { year: 2020, tier: 'T2WL' });
      expect(response.statusCode, response.body).toBe(201);
      report2020 = response.json() as Assessment;
      expect(report2020.period).toEqual({ key: 'TIP2020', start: '2019-04-01', end: '2020-03-31' });
      expect(report2020.tier).toBe('T2WL');
    });

    it('refuses a tier that does not exist, a year outside the report and a waiver off the watch list, writing nothing', async () => {
      const before = ((await secretariat.get(api)).json() as unknown[]).length;
      const bad = [
        [{ year: 2021, tier: 'T4' }, 'tier'],
        [{ year: 2000, tier: 'T2' }, 'year:year_out_of_range'],
        [{ year: 2999, tier: 'T2' }, 'year:year_out_of_range'],
        [{ year: 2021, tier: 'T2', waiver: true }, 'waiver:waiver_without_watch_list'],
      ] as const;
      for (const [body, expected] of bad) {
        const response = await recordTipYear('MAC', body);
        expect(response.statusCode, response.body).toBe(400);
        expect(paths(response.body).some((p) => p.startsWith(expected))).toBe(true);
      }
      expect(((await secretariat.get(api)).json() as unknown[]).length).toBe(before);
    });

    it('refuses a waiver where the rules allow none (no run of two watch-list years before it)', async () => {
      const response = await recordTipYear('HKG', { year: 2016, tier: 'T2WL', waiver: true });
      expect(response.statusCode, response.body).toBe(400);
      expect(paths(response.body)[0]).toMatch(/^waiver:/);
    });

    it('keeps Hong Kong’s waiver year and forecasts the next report from the history', async () => {
      for (const [year, tier, waiver] of [
        [2016, 'T2WL', false],
        [2017, 'T2WL', false],
        [2018, 'T2WL', true],
      ] as const) {
        const r = await recordTipYear('HKG', { year, tier, waiver });
        expect(r.statusCode, r.body).toBe(201);
      }
      const view = (await analyst.get(`${api}/tiers?jurisdiction=HKG`)).json() as {
        waiverYears: number[];
        violations: unknown[];
        forecast: { year: number; outcomes: { assessed: string; tier: string; autoDowngrade: boolean }[] };
      };
      expect(view.waiverYears).toEqual([2018]);
      expect(view.violations).toEqual([]);
      expect(view.forecast.year).toBe(2019);
      // Three watch-list years, one waiver used, limit 1 from 2019: a fourth is Tier 3.
      expect(view.forecast.outcomes.find((o) => o.assessed === 'T2WL')).toMatchObject({
        tier: 'T3',
        autoDowngrade: true,
      });
    });
  });

  it('loads the Macao profile’s placements of Macau and Hong Kong, keeping the years already recorded', async () => {
    const added = await t.database.db
      .transaction()
      .execute((tx) => seedTipHistory(tx, macaoTipHistory, new Date().toISOString()));
    // Hong Kong 2016–2018 were recorded above: the profile adds the rest.
    expect(added).toBe(macaoTipHistory.MAC.length + macaoTipHistory.HKG.length - 3 - 1);
    const hkg = (await analyst.get(`${api}/tiers?jurisdiction=HKG`)).json() as {
      waiverYears: number[];
      violations: unknown[];
      forecast: { year: number; outcomes: { assessed: string; tier: string; waiverAvailable: boolean }[] };
    };
    expect(hkg.waiverYears).toEqual([2018, 2022]);
    expect(hkg.violations).toEqual([]);
    // 2024 and 2025 on the watch list: the 2026 report must give Tier 2 or better, a waiver, or Tier 3.
    expect(hkg.forecast.year).toBe(2026);
    expect(hkg.forecast.outcomes.filter((o) => o.assessed === 'T2WL').map((o) => o.tier)).toEqual([
      'T3',
      'T2WL',
    ]);
    const mac = (await analyst.get(`${api}/tiers?jurisdiction=MAC`)).json() as {
      history: { year: number }[];
    };
    expect(mac.history.map((p) => p.year)).toEqual(macaoTipHistory.MAC.map((p) => p.year));
  });

  describe('the narrative split', () => {
    it('proposes sections, recommendations and claims, and saves the reviewed split as sent', async () => {
      const proposal = (await secretariat.post(`${api}/split`, { narrative, year: 2020 })).json() as Split;
      expect(proposal.layout).toBe('prioritized');
      expect(proposal.recommendations.length).toBe(7);
      expect(proposal.claims.some((c) => c.subject === 'investigations' && c.value === 2)).toBe(true);
      // The reviewer drops the last recommendation and keeps the rest as proposed.
      const saved = await secretariat.put(`${api}/${report2020.id}/split`, {
        version: report2020.version,
        sections: proposal.sections,
        recommendations: proposal.recommendations.slice(0, 6),
        claims: proposal.claims,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      report2020 = saved.json() as Assessment;
      expect(report2020.recommendations.map((r) => r.text)).toEqual(
        proposal.recommendations.slice(0, 6).map((r) => r.text),
      );
      expect(report2020.claims).toHaveLength(proposal.claims.length);
      expect(await auditActions(t)).toContain('assessment.split_saved');
    });

    it('warns on a narrative in which nothing can be found', async () => {
      const proposal = (
        await secretariat.post(`${api}/split`, { narrative: 'Lorem ipsum dolor.' })
      ).json() as Split;
      expect(proposal.warnings.length).toBeGreaterThan(0);
      expect(proposal.recommendations).toEqual([]);
    });

    it('refuses a claim linked to a period that does not exist or after the report, and loses nothing', async () => {
      for (const [periodKey, code] of [
        ['TIP2020-13', 'invalid_period'],
        ['TIP2021', 'period_after_report'],
      ]) {
        const response = await secretariat.put(`${api}/${report2020.id}/split`, {
          version: report2020.version,
          sections: [],
          recommendations: report2020.recommendations.map(({ id, text }) => ({ id, text })),
          claims: [
            { kind: 'numeric', text: 'Seven victims.', subject: 'victims_identified', value: 7, periodKey },
          ],
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(paths(response.body)).toEqual([`claims.0.periodKey:${code}`]);
      }
      const after = (await secretariat.get(`${api}/${report2020.id}`)).json() as Assessment;
      expect(after.claims).toHaveLength(report2020.claims.length);
      expect(after.version).toBe(report2020.version);
    });
  });

  describe('the claim check', () => {
    const checkAs = async (client: TestClient) =>
      (await client.get(`${api}/${report2020.id}/claim-check`)).json() as {
        numeric: Check[];
        figuresSource: string;
      };
    const find = (checks: Check[], subject: string, periodKey: string) =>
      checks.find((c) => c.claim.subject === subject && c.claim.period.key === periodKey)!;

    it('sets each numeric claim beside Guia’s figure for the same TIP period', async () => {
      const { numeric, figuresSource } = await checkAs(pjOfficer);
      expect(figuresSource).toBe('assessments');
      const identified = numeric.filter(
        (c) => c.claim.subject === 'victims_identified' && c.claim.value === 1,
      );
      expect(identified[0]).toMatchObject({ outcome: 'consistent', guia: 1 });
      expect(find(numeric, 'victims_identified', 'TIP2019')).toMatchObject({ outcome: 'different', guia: 0 });
      expect(find(numeric, 'prosecutions', 'TIP2020')).toMatchObject({ outcome: 'different', guia: 0 });
      expect(numeric.find((c) => c.claim.subject === 'other')).toMatchObject({
        outcome: 'not_measurable',
        guia: null,
      });
    });

    it('links a discrepancy to the records behind Guia’s figure only for a reader who may read them', async () => {
      const asOfficer = find((await checkAs(pjOfficer)).numeric, 'investigations', 'TIP2020');
      expect(asOfficer).toMatchObject({ outcome: 'different', guia: 1, hiddenRecords: 0 });
      expect(asOfficer.records).toEqual([expect.objectContaining({ caseId, reference: caseReference })]);
      // An officer of an agency that takes no part in PJ's case: the figure stands, the reference does not show.
      for (const reader of [dsalOfficer]) {
        const check = find((await checkAs(reader)).numeric, 'investigations', 'TIP2020');
        expect(check).toMatchObject({ guia: 1, records: [], hiddenRecords: 1 });
      }
    });

    it('lists the discrepancies per year', async () => {
      const list = (await analyst.get(`${api}/discrepancies?jurisdiction=MAC`)).json() as {
        year: number;
        discrepancies: Check[];
      }[];
      expect(list.map((d) => d.year)).toEqual([2020]);
      expect(list[0]!.discrepancies.every((d) => d.outcome === 'different')).toBe(true);
    });
  });

  describe('recommendations follow-up', () => {
    let recommendationId: string;
    let version: number;

    it('gives a recommendation agencies and refuses a task that does not exist', async () => {
      recommendationId = report2020.recommendations[1]!.id;
      const unknownTask = await secretariat.patch(`${api}/recommendations/${recommendationId}`, {
        version: 1,
        taskIds: ['01890000-0000-7000-8000-000000000000'],
      });
      expect(unknownTask.statusCode, unknownTask.body).toBe(400);
      expect(paths(unknownTask.body)).toEqual(['taskIds.0:unknown_task']);
      const response = await secretariat.patch(`${api}/recommendations/${recommendationId}`, {
        version: 1,
        agencyIds: [pj],
      });
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as { agencies: { code: string }[]; version: number };
      expect(view.agencies.map((a) => a.code)).toEqual(['PJ']);
      version = view.version;
    });

    it('requires a reason to not accept, and keeps every status in the history', async () => {
      const bare = await secretariat.post(`${api}/recommendations/${recommendationId}/status`, {
        version,
        status: 'not_accepted',
      });
      expect(paths(bare.body)).toEqual(['reason:required']);
      await secretariat.post(`${api}/recommendations/${recommendationId}/status`, {
        version,
        status: 'in_progress',
      });
      const refused = await secretariat.post(`${api}/recommendations/${recommendationId}/status`, {
        version: version + 1,
        status: 'not_accepted',
        reason: 'Sentencing is for the courts.',
      });
      expect(refused.statusCode, refused.body).toBe(200);
      const view = refused.json() as { history: { status: string; reason: string | null }[]; status: string };
      expect(view.history.map((h) => h.status)).toEqual(['in_progress', 'not_accepted']);
      expect(view.history[1]!.reason).toBe('Sentencing is for the courts.');
    });

    it('lets the responsible agency link its case as evidence, and hides it from readers of other agencies', async () => {
      const added = await pjOfficer.post(`${api}/recommendations/${recommendationId}/evidence`, {
        kind: 'case',
        caseId,
        category: 'B',
        description: 'Investigation opened after a venue inspection.',
      });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ case: { id: caseId, reference: caseReference } });
      const seenBy = async (client: TestClient) =>
        (
          (await client.get(`${api}/recommendations/${recommendationId}`)).json() as {
            evidenceItems: unknown[];
          }
        ).evidenceItems;
      expect(await seenBy(pjOfficer)).toHaveLength(1);
      expect(await seenBy(dsalOfficer)).toEqual([]);
      expect(JSON.stringify(await seenBy(analyst))).toContain(caseReference);
    });

    it('refuses evidence from an agency not responsible, and a case the linker cannot read', async () => {
      const other = await dsalOfficer.post(`${api}/recommendations/${recommendationId}/evidence`, {
        kind: 'other',
        category: 'H',
        description: 'Labour inspections.',
      });
      expect(other.statusCode).toBe(403);
      // DSAL is responsible for another recommendation, but does not read PJ's case.
      const dsalOwn = report2020.recommendations[2]!.id;
      await secretariat.patch(`${api}/recommendations/${dsalOwn}`, { version: 1, agencyIds: [dsal] });
      const unreadable = await dsalOfficer.post(`${api}/recommendations/${dsalOwn}/evidence`, {
        kind: 'case',
        caseId,
        category: 'B',
        description: 'A case DSAL does not read.',
      });
      expect(paths(unreadable.body)).toEqual(['caseId:case_unknown']);
    });

    it('suggests and links a repeat in a later year, so the board shows how long it has been open', async () => {
      // The 2021 report came with the profile's placements.
      const list = (await secretariat.get(`${api}?jurisdiction=MAC`)).json() as {
        id: string;
        year: number;
      }[];
      const later = (
        await secretariat.get(`${api}/${list.find((a) => a.year === 2021)!.id}`)
      ).json() as Assessment;
      const saved = (
        await secretariat.put(`${api}/${later.id}/split`, {
          version: later.version,
          sections: [],
          recommendations: [
            { text: 'Vigorously investigate, prosecute and convict sex and labor traffickers in casinos' },
          ],
          claims: [],
        })
      ).json() as Assessment;
      const repeat = saved.recommendations[0]!.id;
      const suggestions = (await secretariat.get(`${api}/recommendations/${repeat}/suggestions`)).json() as {
        id: string;
      }[];
      expect(suggestions[0]!.id).toBe(recommendationId);
      const linked = await secretariat.patch(`${api}/recommendations/${repeat}`, {
        version: 1,
        previousId: recommendationId,
      });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json()).toMatchObject({
        firstYear: 2020,
        yearsOpen: 2,
        previous: { id: recommendationId },
      });
      const backwards = await secretariat.patch(`${api}/recommendations/${recommendationId}`, {
        version: (linked.json() as { previous: { id: string } }) && 2,
        previousId: repeat,
      });
      expect(paths(backwards.body)).toEqual(['previousId:not_earlier']);
      const board = (await analyst.get(`${api}/recommendations?jurisdiction=MAC&agencyId=${pj}`)).json() as {
        id: string;
      }[];
      expect(board.map((c) => c.id)).toEqual([recommendationId]);
    });
  });

  describe('submissions and self-assessment', () => {
    it('records a data request, what was submitted, and keeps the file', async () => {
      const recorded = await secretariat.post(`${api}/submissions`, {
        sourceId: tip,
        year: 2020,
        receivedOn: '2019-10-01',
        requestedBy: 'US Consulate General',
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const submission = recorded.json() as { id: string; outstanding: boolean; version: number };
      expect(submission.outstanding).toBe(true);
      const answered = await secretariat.patch(`${api}/submissions/${submission.id}`, {
        version: submission.version,
        submittedOn: '2019-09-01',
      });
      expect(paths(answered.body)).toEqual(['submittedOn:before_received']);
      await secretariat.patch(`${api}/submissions/${submission.id}`, {
        version: submission.version,
        submittedOn: '2020-01-15',
        submittedTo: 'Consulate',
      });
      const file = await secretariat.post(`${api}/submissions/${submission.id}/files`, {
        fileName: 'figures.csv',
        mediaType: 'text/csv',
        content: Buffer.from('cases,1\n').toString('base64'),
      });
      expect(file.statusCode, file.body).toBe(201);
      const view = file.json() as { outstanding: boolean; files: { id: string; size: number }[] };
      expect(view.outstanding).toBe(false);
      const download = await analyst.get(`${api}/submissions/${submission.id}/files/${view.files[0]!.id}`);
      expect(download.body).toBe('cases,1\n');
    });

    it('flags an indicium without evidence, and tags evidence with its concrete-action category', async () => {
      const added = await secretariat.post(`${api}/${report2020.id}/self-assessment/1/evidence`, {
        kind: 'statistic',
        category: 'B',
        reference: 'investigations-2019',
        description: 'Two investigations opened.',
      });
      expect(added.statusCode, added.body).toBe(201);
      const view = (await analyst.get(`${api}/${report2020.id}/self-assessment`)).json() as {
        indicia: { indicium: number; flagged: boolean; categories: string[] }[];
      };
      expect(view.indicia).toHaveLength(12);
      expect(view.indicia[0]).toMatchObject({ indicium: 1, flagged: false, categories: ['B'] });
      expect(view.indicia.slice(1).every((i) => i.flagged)).toBe(true);
    });
  });

  describe('the response document', () => {
    it('previews one point per recommendation and per discrepant claim, small figures suppressed', async () => {
      const preview = (await secretariat.get(`${api}/${report2020.id}/response?language=en`)).json() as {
        points: { kind: string; figures: { value: number | null; suppressed: boolean }[] }[];
        publication: { threshold: number };
      };
      expect(preview.points.filter((p) => p.kind === 'recommendation')).toHaveLength(6);
      expect(preview.points.filter((p) => p.kind === 'claim').length).toBeGreaterThan(0);
      expect(preview.publication.threshold).toBe(5);
      const figures = preview.points.flatMap((p) => p.figures);
      expect(figures.filter((f) => f.value === 1)).toEqual([]);
      expect(figures.some((f) => f.suppressed)).toBe(true);
    });

    it('writes the answer in DOCX and PDF in English, Traditional Chinese and Portuguese', async () => {
      const target = report2020.recommendations[0]!.id;
      const texts = {
        en: 'Proactive screening started.',
        'zh-Hant': '已開始主動甄別被害人。',
        pt: 'Iniciou-se a triagem.',
      };
      for (const [language, text] of Object.entries(texts)) {
        const saved = await secretariat.put(`${api}/${report2020.id}/response/points/${target}`, {
          language,
          text,
        });
        expect(saved.statusCode, saved.body).toBe(200);
      }
      const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-response-'));
      const expected = { en: 'Recommendation 1', 'zh-Hant': '建議', pt: 'Recomendação 1' };
      for (const [language, text] of Object.entries(texts)) {
        const pdf = await analyst.get(`${api}/${report2020.id}/response.pdf?language=${language}`);
        expect(pdf.statusCode).toBe(200);
        const file = path.join(dir, `${language}.pdf`);
        writeFileSync(file, pdf.rawPayload);
        const extracted = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        expect(extracted).toContain(text);
        expect(extracted).toContain(expected[language as keyof typeof expected]);
        const docx = await analyst.get(`${api}/${report2020.id}/response.docx?language=${language}`);
        expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      }
    }, 60_000);
  });

  describe('access', () => {
    it('refuses writes to readers and every assessment route to a case worker', async () => {
      expect(
        (await analyst.post(api, { sourceId: tip, jurisdiction: 'MAC', year: 2019, tier: 'T2' })).statusCode,
      ).toBe(403);
      expect(
        (
          await pjOfficer.put(`${api}/${report2020.id}/split`, {
            version: 1,
            sections: [],
            recommendations: [],
            claims: [],
          })
        ).statusCode,
      ).toBe(403);
      expect((await caseWorker.get(api)).statusCode).toBe(403);
      expect((await caseWorker.get(`${api}/${report2020.id}/claim-check`)).statusCode).toBe(403);
    });
  });
});
