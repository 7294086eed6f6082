import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { addCasePerson, openCase, sendShelterReferral } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addAgency, screeningTask2025, secretariatAgencyId, signedInClient } from '../support/fixtures.js';
import {
  adminInitialPassword,
  startWithAdmin,
  strongPassword,
  type TestApp,
  type TestClient,
} from '../support/harness.js';

// The security review's tests (issue 11, docs/security.md): script smuggled into stored text
// and into URLs, hostile uploads, formulas in spreadsheets, and secrets or personal data in the
// logs — each tried as an attacker would, and what comes back read as a browser would.

const scriptTag = '<script>alert(document.cookie)</script>';
const imgTag = '"><img src=x onerror=alert(1)>';
const repo = path.resolve(import.meta.dirname, '../..');

/** Every TypeScript file under a directory of the repository, tests excluded. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repo, dir))) {
    const relative = path.join(dir, entry);
    if (statSync(path.join(repo, relative)).isDirectory()) out.push(...sources(relative));
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(relative);
  }
  return out;
}

describe.each(databases)('security review on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let secretariat: TestClient;
  let officer: TestClient;
  let webRoot: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    webRoot = mkdtempSync(path.join(os.tmpdir(), 'guia-web-'));
    writeFileSync(
      path.join(webRoot, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    ({ t, admin } = await startWithAdmin(kind, { webRoot, logger: { level: 'info', stream } }));
    const secretariatAgency = await secretariatAgencyId(t);
    const pj = await addAgency(admin, 'PJ');
    const signedIn = (agency: string, role: RoleId) => signedInClient(t, admin, agency, [role]);
    secretariat = await signedIn(secretariatAgency, 'secretariat');
    officer = await signedIn(pj, 'agency_officer');
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  /** A plan task led by PJ with a draft progress report of the officer's, for the upload tests. */
  async function draftProgress(): Promise<string> {
    const pj = (await admin.get('/api/v1/agencies')).json() as { id: string; code: string }[];
    const plan = await secretariat.post('/api/v1/plans', {
      name: `Plan ${scriptTag}`,
      startDate: '2024-01-01',
      endDate: '2027-12-31',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const objective = await secretariat.post(
      `/api/v1/plans/${(plan.json() as { id: string }).id}/objectives`,
      {
        title: `Objective ${imgTag}`,
        pillar: 'protection',
      },
    );
    const task = await secretariat.post('/api/v1/tasks', {
      objectiveId: (objective.json() as { id: string }).id,
      title: `Task ${scriptTag}${imgTag}`,
      leadAgencyId: pj.find((a) => a.code === 'PJ')!.id,
      ...screeningTask2025,
    });
    expect(task.statusCode, task.body).toBe(201);
    const progress = await officer.post(`/api/v1/tasks/${(task.json() as { id: string }).id}/progress`, {
      period: '2025-Q1',
      value: 10,
      narrative: `Ten ${scriptTag}`,
    });
    expect(progress.statusCode, progress.body).toBe(201);
    return (progress.json() as { id: string }).id;
  }

  describe('cross-site scripting', () => {
    it('returns script smuggled into stored text as JSON data, never as a page', async () => {
      const created = await admin.post('/api/v1/agencies', {
        code: 'XSS',
        kind: 'ngo',
        names: { en: scriptTag, 'zh-Hant': imgTag, pt: `${scriptTag}${imgTag}` },
      });
      expect(created.statusCode, created.body).toBe(201);
      const listed = await admin.get('/api/v1/agencies');
      expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(listed.headers['x-content-type-options']).toBe('nosniff');
      const agency = (listed.json() as { code: string; names: Record<string, string> }[]).find(
        (a) => a.code === 'XSS',
      );
      // Stored exactly as typed: escaping is the reader's (React's) job, and JSON is not HTML.
      expect(agency?.names).toEqual({ en: scriptTag, 'zh-Hant': imgTag, pt: `${scriptTag}${imgTag}` });
    });

    it('serves the web app with a script policy no injected script passes, and reflects no URL into it', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/cases/${encodeURIComponent(scriptTag)}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toBe(readFileSync(path.join(webRoot, 'index.html'), 'utf8'));
      const policy = Object.fromEntries(
        String(page.headers['content-security-policy'])
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['base-uri']).toEqual(["'self'"]);
      expect(policy['script-src-attr']).toEqual(["'none'"]);
      expect(page.headers['x-frame-options']).toBe('DENY');
    });

    it('answers script in query strings and paths with a problem document that does not repeat it', async () => {
      const attempts = [
        `/api/v1/cases?stage=${encodeURIComponent(scriptTag)}`,
        `/api/v1/tasks?status=${encodeURIComponent(imgTag)}`,
        `/api/v1/audit?action=${encodeURIComponent(scriptTag)}`,
        `/api/v1/${encodeURIComponent(scriptTag)}`,
        `/api/v1/cases/${encodeURIComponent(imgTag)}`,
      ];
      for (const url of attempts) {
        const response = await admin.get(url);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.headers['content-type'], url).toBe('application/problem+json; charset=utf-8');
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
        expect(response.body, url).not.toContain('<script');
        expect(response.body, url).not.toContain('onerror');
      }
    });

    it('has no way in the web app to write HTML from data: React escapes every value it renders', () => {
      const sinks =
        /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
      const offenders = sources('web/src').filter((file) =>
        sinks.test(readFileSync(path.join(repo, file), 'utf8')),
      );
      expect(offenders).toEqual([]);
    });
  });

  describe('uploads', () => {
    let progressId: string;
    const upload = (mediaType: string, content: Buffer, fileName = 'evidence.pdf') =>
      officer.post(`/api/v1/progress/${progressId}/evidence`, {
        fileName,
        mediaType,
        contentBase64: content.toString('base64'),
      });
    const evidenceCount = async () =>
      (await officer.get(`/api/v1/progress/${progressId}`)).json() as { evidence: unknown[] };

    beforeAll(async () => {
      progressId = await draftProgress();
    });

    it('takes an allowed kind of file and gives it back only as a download that is never sniffed', async () => {
      const pdf = Buffer.from('%PDF-1.4\n% evidence\n');
      const added = await upload('application/pdf', pdf, `${imgTag}.pdf`);
      expect(added.statusCode, added.body).toBe(201);
      const evidence = (added.json() as { evidence: { id: string }[] }).evidence;
      const file = await officer.get(`/api/v1/progress/${progressId}/evidence/${evidence[0]!.id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(file.headers['content-disposition']).not.toContain('"><img');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses files that would run as a page in Guia’s origin, naming the field, keeping nothing', async () => {
      const before = (await evidenceCount()).evidence.length;
      for (const mediaType of [
        'text/html',
        'image/svg+xml',
        'application/xhtml+xml',
        'text/javascript',
        'text/xml',
      ]) {
        const refused = await upload(mediaType, Buffer.from(`<html>${scriptTag}</html>`), 'page.html');
        expect(refused.statusCode, mediaType).toBe(400);
        expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect((refused.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
          'mediaType',
        ]);
      }
      expect((await evidenceCount()).evidence.length).toBe(before);
    });

    it('refuses a file over the evidence limit (400, naming it) and a body over the request limit (413)', async () => {
      const before = (await evidenceCount()).evidence.length;
      const large = await upload('application/pdf', Buffer.alloc(512 * 1024 + 1, 0x41));
      expect(large.statusCode).toBe(400);
      expect((large.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        'contentBase64',
      ]);
      const huge = await upload('application/pdf', Buffer.alloc(1024 * 1024, 0x41));
      expect(huge.statusCode).toBe(413);
      expect(huge.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect((await evidenceCount()).evidence.length).toBe(before);
    });

    it('refuses a body that is not JSON on a JSON route (415), whatever it claims to be', async () => {
      const response = await officer.request(
        'POST',
        `/api/v1/progress/${progressId}/evidence`,
        '<html></html>',
        {
          'content-type': 'text/html',
        },
      );
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    });
  });

  describe('formula injection', () => {
    // Every route that sends a spreadsheet (CSV or XLSX), with the test that reads it back with
    // a cell crafted as a formula. A new export route fails this test until it is listed here.
    const spreadsheetRoutes: Record<string, string> = {
      'GET /api/v1/cases/export': 'exports.test.ts › case list',
      'GET /api/v1/referrals/inbox/export': 'exports.test.ts › referral inbox',
      'GET /api/v1/audit/export': 'exports.test.ts › exports the trail to auditors with formulas neutralised',
      'GET /api/v1/statistics/exports/:layout': 'src/documents/tabular.test.ts (codes and counts only)',
      'GET /api/v1/statistics/report/:format': 'src/documents/tabular.test.ts (published counts only)',
    };

    it('lists every spreadsheet route, each tested with a formula-crafted cell', () => {
      const candidates = t.routes.filter(
        (route) =>
          route.startsWith('GET ') &&
          /\/export\b|\/exports\/|report\/:format|\.:format|\/csv|\/xlsx/.test(route),
      );
      // Document-only routes (PDF, DOCX) cannot carry a formula.
      const documentOnly = [
        'GET /api/v1/meetings/:meetingId/minutes.:format',
        'GET /api/v1/assessments/:id/response.:format',
      ];
      expect(candidates.filter((route) => !documentOnly.includes(route)).sort()).toEqual(
        Object.keys(spreadsheetRoutes).sort(),
      );
    });

    it('writes every spreadsheet through the shared writers, which neutralise = + - @ cells', () => {
      const writers = sources('src').filter((file) => !file.startsWith(`src${path.sep}documents`));
      for (const file of writers) {
        const text = readFileSync(path.join(repo, file), 'utf8');
        // Reading workbooks (imports) is fine; writing one is the shared writers' job alone.
        expect(text, file).not.toMatch(/xlsx\.write|from 'csv-stringify/);
        // Whatever answers with the CSV type (the sign of a generated spreadsheet) writes it with them.
        if (text.includes("'text/csv; charset=utf-8'")) expect(text, file).toMatch(/documents\/index\.js'/);
      }
    });
  });

  it('logs no password, second factor, token, e-mail, name, note or referral detail of a whole flow', async () => {
    const victim = { givenNames: 'Leonor Celestina', familyName: 'Wong-Pacheco' };
    const summary = 'Met the recruiter at the Lotus ferry pier';
    const details = 'Sleeps at her cousin’s flat in Fai Chi Kei';
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    const { id: caseId } = await openCase(officer, {
      reportDate: '2024-05-02',
      registrationDate: '2024-05-03',
      exploitationTypes: ['forced_labour'],
      summary,
    });
    const { path: victimPath } = await addCasePerson(officer, caseId, {
      role: 'victim',
      person: { ...victim, gender: 'female', citizenship: ['PHL'] },
    });
    expect((await officer.post(`${victimPath}/reveal`, { purpose: 'casework' })).statusCode).toBe(200);
    await officer.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use'],
      givenOn: '2024-05-04',
    });
    await sendShelterReferral(officer, victimPath, ias, '2024-05-05', { details });
    // A failed sign-in with a near-miss password, and a second factor typed in a fresh sign-in.
    await t
      .client()
      .post('/api/v1/auth/sign-in', { email: 'admin@localhost', password: `${strongPassword}!` });
    const again = t.client();
    await again.signIn('admin@localhost');

    const log = logLines.join('');
    expect(log).toContain('"route":"/api/v1/cases/:id/people/:casePersonId/reveal"');
    // Each line names its request, so one request's lines can be followed through the log.
    expect(log).toMatch(/"reqId":"req-[0-9a-z]+"/);
    const account = t.accounts.get('admin@localhost')!;
    const secrets = [
      adminInitialPassword,
      strongPassword,
      account.secret!,
      ...(account.recoveryCodes ?? []),
      ...[...t.accounts.values()].map((a) => a.password),
      admin.cookie!,
      admin.csrf!,
      officer.cookie!,
      again.cookie!,
      'admin@localhost',
      ...[...t.accounts.keys()],
      victim.givenNames,
      victim.familyName,
      summary,
      details,
      'Lotus',
      'Fai Chi Kei',
    ];
    for (const secret of secrets) expect(log.includes(secret), `log holds ${secret}`).toBe(false);
  });
});
