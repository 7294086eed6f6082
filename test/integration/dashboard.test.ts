import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import type { RoleId } from '../../src/core/permissions.js';
import { cachedDashboards } from '../../src/modules/statistics/indicators.service.js';
import type { Dashboard } from '../../src/modules/statistics/statistics.schemas.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// The dashboard reads every panel's cubes in one statement (issue 10, B3) instead of one per
// cube: each panel must still be exactly what the indicator question of that panel answers
// on its own, with and without a year, by calendar year and TIP period.

type Panel = { id: string; result: { kind: string; period: string; by: string[] } };

describe.each(databases)('statistics dashboard on %s', (kind) => {
  let t: TestApp;
  let analyst: TestClient;
  let secretariat: TestClient;
  let officer: TestClient;
  let caseId: string;
  let recording: string[] | null = null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-dashboard-'));
  /** Generates a CTDC file of `count` victims of `seed` and imports it as the secretariat. */
  const importGenerated = async (count: number, seed: number) => {
    const { ctdc } = await generate(count, seed, dir);
    const upload = await secretariat.request(
      'POST',
      '/api/v1/statistics/imports?format=ctdc',
      readFileSync(ctdc, 'utf8'),
      { 'content-type': 'text/csv' },
    );
    expect(upload.statusCode, upload.body).toBe(200);
  };

  beforeAll(async () => {
    const started = await startWithAdmin(kind, { onQuery: (sql) => recording?.push(sql) });
    t = started.t;
    const pj = await addAgency(started.admin, 'PJ');
    const signedIn = async (role: RoleId) => {
      const client = t.client();
      await client.signIn((await addUser(t, started.admin, pj, [role])).email);
      return client;
    };
    secretariat = await signedIn('secretariat');
    analyst = await signedIn('analyst');
    officer = await signedIn('agency_officer');
    // Imported victims over many years (CTDC gives years only: no TIP period), and a case of
    // Guia's own, registered in TIP2021, with a victim and a suspect.
    await importGenerated(300, 7);
    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2021-03-01',
      registrationDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = (created.json() as { id: string }).id;
    for (const role of ['victim', 'suspect'])
      expect(
        (await officer.post(`/api/v1/cases/${caseId}/people`, { role, person: { citizenship: ['PHL'] } }))
          .statusCode,
      ).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const query of ['', '?period=tip', '?year=2019', '?period=tip&year=2021'])
    it(`answers every panel as its own indicator question does (${query || 'all years'})`, async () => {
      const response = await analyst.get(`/api/v1/statistics/dashboard${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const panels = (response.json() as { panels: Panel[] }).panels;
      expect(panels.length).toBe(17);
      const year = new URLSearchParams(query.slice(1)).get('year');
      const period = new URLSearchParams(query.slice(1)).get('period') ?? 'year';
      const key = year ? (period === 'tip' ? `TIP${year}` : year) : null;
      let counted = 0;
      for (const panel of panels) {
        const { kind: recordKind, period: panelPeriod, by } = panel.result;
        const bounds = key ? `&from=${key}&to=${key}` : '';
        const alone = await analyst.get(
          `/api/v1/statistics/indicators?kind=${recordKind}&period=${panelPeriod}&by=${by.join(',')}${bounds}`,
        );
        expect(alone.statusCode, alone.body).toBe(200);
        expect(panel.result, panel.id).toEqual(alone.json());
        counted += (panel.result as unknown as { total: number }).total;
      }
      // Something was counted: the comparison is not between empty panels.
      expect(counted).toBeGreaterThan(0);
    });

  it('reads the cubes of all panels in one statement, and then answers from memory until they change', async () => {
    const statementsOf = async () => {
      recording = [];
      const response = await analyst.get('/api/v1/statistics/dashboard');
      const statements = recording;
      recording = null;
      expect(response.statusCode).toBe(200);
      return statements.filter((sql) => !/^update "sessions"/i.test(sql));
    };
    await statementsOf(); // the cubes are built on first use
    // The session with its user, the roles with their grants, the versions of the engine and the aggregates.
    const kept = await statementsOf();
    expect(kept.filter((sql) => /from "stat_cells"/.test(sql))).toHaveLength(0);
    expect(kept).toHaveLength(3);
    await addVictim();
    // ... and the cells, in one statement, once the aggregates have changed.
    const counted = await statementsOf();
    expect(counted.filter((sql) => /from "stat_cells"/.test(sql))).toHaveLength(1);
    expect(counted).toHaveLength(4);
  });

  /** Victims counted by the dashboard (every year, the one given, or by TIP period). */
  async function victims(query = '') {
    const response = await analyst.get(`/api/v1/statistics/dashboard${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return totalOf(response.json() as Dashboard);
  }
  const totalOf = (dashboard: Dashboard) =>
    dashboard.panels.find((p) => p.id === 'victimsBySex')!.result.total;
  async function addVictim() {
    const added = await officer.post(`/api/v1/cases/${caseId}/people`, {
      role: 'victim',
      person: { citizenship: ['PHL'] },
    });
    expect(added.statusCode, added.body).toBe(201);
  }

  it('counts a victim added after the answer was kept, whatever the question', async () => {
    const questions = ['', '?period=tip', '?period=tip&year=2021', '?year=2021'];
    const before = [];
    for (const q of questions) before.push(await victims(q), await victims(q)); // counted, then kept
    await addVictim();
    for (const [i, q] of questions.entries()) expect(await victims(q), q).toBe(before[2 * i]! + 1);
  });

  it('counts an imported file after the answer was kept', async () => {
    await victims();
    const before = await victims();
    await importGenerated(40, 11);
    expect(await victims()).toBe(before + 40);
  });

  it('sees a change made by another process on the same database', async () => {
    // Another Guia process: its own kept answers, the same database.
    const other = cachedDashboards();
    const before = totalOf(await other(t.database.db, { period: 'year' }));
    expect(totalOf(await other(t.database.db, { period: 'year' }))).toBe(before);
    await addVictim(); // through this process
    expect(totalOf(await other(t.database.db, { period: 'year' }))).toBe(before + 1);
  });
});
