import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRelease } from '../../src/core/statistics/audit.js';
import { setTableSource, type SourceTable } from '../../src/modules/statistics/publication.tables.js';
import type { TableQuery } from '../../src/modules/statistics/publication.schemas.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser, auditActions } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Published = {
  table: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
};
type Release = {
  id: string;
  threshold: number;
  published: Published;
  rowLabels: (string | null)[];
  colLabels: (string | null)[];
  ruleSet: { name: string; version: number };
  query: TableQuery;
  releasedBy?: { id: string; name: string };
  epsilon?: string | null;
  noise: boolean;
};
type RuleSet = { id: string; name: string; version: number; threshold: number };

// Victims by sex × nationality, as the indicator engine would give them: one small cell (3).
const victims: SourceTable = {
  rowLabels: ['female', 'male'],
  colLabels: ['CN', 'PH', 'VN'],
  counts: [
    [3, 20, 30],
    [15, 25, 35],
  ],
};
const seen: TableQuery[] = [];
const query: TableQuery = {
  kind: 'victim',
  rows: 'sex',
  cols: 'nationality',
  period: 'year',
  periodKey: '2024',
};
const title = {
  en: 'Victims by sex and nationality',
  'zh-Hant': '按性別及國籍劃分的被害人',
  pt: 'Vítimas por sexo',
};

describe.each(databases)('publication on %s', (kind) => {
  let t: TestApp;
  let secretariat: TestClient;
  let analyst: TestClient;
  let officer: TestClient;
  let secretariatUser: { id: string; email: string };
  let ruleSets: RuleSet[];

  beforeAll(async () => {
    setTableSource(async (_db, q) => {
      seen.push(q);
      return victims;
    });
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const sec = await addAgency(admin, 'CCTP', 'secretariat');
    const pj = await addAgency(admin, 'PJ');
    secretariatUser = await addUser(t, admin, sec, ['secretariat']);
    secretariat = t.client();
    await secretariat.signIn(secretariatUser.email);
    const analystUser = await addUser(t, admin, sec, ['analyst']);
    analyst = t.client();
    await analyst.signIn(analystUser.email);
    const officerUser = await addUser(t, admin, pj, ['agency_officer']);
    officer = t.client();
    await officer.signIn(officerUser.email);
    ruleSets = (await secretariat.get('/api/v1/statistics/rule-sets')).json() as RuleSet[];
  });

  afterAll(async () => {
    setTableSource(null);
    await t?.close();
  });

  const under5 = () => ruleSets.find((r) => r.name === 'unodc-under-5')!;

  it('ships named, versioned rule sets', () => {
    expect(ruleSets.map((r) => [r.name, r.version, r.threshold])).toEqual([
      ['ons-under-10', 1, 10],
      ['round-5', 1, 5],
      ['unodc-under-5', 1, 5],
    ]);
  });

  it('releases a table with its small cell hidden, and the public reads it without signing in', async () => {
    const response = await secretariat.post('/api/v1/statistics/releases', {
      ruleSetId: under5().id,
      query,
      title,
    });
    expect(response.statusCode, response.body).toBe(201);
    const release = response.json() as Release;
    expect(seen.at(-1)).toEqual(query);
    expect(release.published.table[0]![0]).toBeNull();
    expect(release.releasedBy).toEqual({ id: secretariatUser.id, name: expect.any(String) });
    expect(release.ruleSet).toEqual({ name: 'unodc-under-5', version: 1 });

    const anonymous = t.client();
    const list = await anonymous.get('/api/v1/public/statistics/releases');
    expect(list.statusCode).toBe(200);
    const [shown] = list.json() as Release[];
    expect(shown!.id).toBe(release.id);
    expect(shown!.threshold).toBe(5);
    expect(shown!.published).toEqual(release.published);
    expect(shown!.rowLabels).toEqual(['female', 'male']);
    // The public learns nothing of who released it, and nothing of the hidden values.
    expect(list.body).not.toContain(secretariatUser.id);
    expect(shown).not.toHaveProperty('releasedBy');
    expect(auditRelease(shown!.published).passed).toBe(true);
    expect(await auditActions(t)).toContain('publication.released');
  });

  it('keeps every released table clear of the auditor, whatever the rule set', async () => {
    for (const ruleSet of ruleSets) {
      const response = await secretariat.post('/api/v1/statistics/releases', {
        ruleSetId: ruleSet.id,
        query,
        title,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const released = (await secretariat.get('/api/v1/statistics/releases')).json() as Release[];
    expect(released.length).toBeGreaterThanOrEqual(ruleSets.length);
    for (const release of released.filter((r) => r.ruleSet.name !== 'round-5'))
      expect(auditRelease(release.published).passed).toBe(true);
    // Rounded figures are not exact, so the auditor is run on them before rounding (the
    // service refuses otherwise); what goes out is rounded to base 5 everywhere.
    const rounded = released.find((r) => r.ruleSet.name === 'round-5')!;
    for (const v of [...rounded.published.table.flat(), ...rounded.published.rowTotals])
      if (v !== null) expect(v % 5).toBe(0);
  });

  it('refuses to release for anyone without statistics.release, writing nothing', async () => {
    const before = (await secretariat.get('/api/v1/statistics/releases')).json() as Release[];
    for (const client of [analyst, officer]) {
      const attempt = await client.post('/api/v1/statistics/releases', {
        ruleSetId: under5().id,
        query,
        title,
      });
      expect(attempt.statusCode).toBe(403);
      expect(
        (await client.post('/api/v1/statistics/rule-sets', { name: 'lax', threshold: 1 })).statusCode,
      ).toBe(403);
      expect((await client.get('/api/v1/statistics/releases')).statusCode).toBe(403);
    }
    const anonymous = t.client();
    expect(
      (await anonymous.post('/api/v1/statistics/releases', { ruleSetId: under5().id, query, title }))
        .statusCode,
    ).toBe(401);
    const after = (await secretariat.get('/api/v1/statistics/releases')).json() as Release[];
    expect(after.length).toBe(before.length);
  });

  it('versions a rule set instead of changing it', async () => {
    const first = await secretariat.post('/api/v1/statistics/rule-sets', {
      name: 'dsec-under-3',
      threshold: 3,
    });
    const second = await secretariat.post('/api/v1/statistics/rule-sets', {
      name: 'dsec-under-3',
      threshold: 4,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect((first.json() as RuleSet).version).toBe(1);
    expect((second.json() as RuleSet).version).toBe(2);
    const all = (await secretariat.get('/api/v1/statistics/rule-sets')).json() as RuleSet[];
    expect(all.filter((r) => r.name === 'dsec-under-3').map((r) => r.threshold)).toEqual([3, 4]);
    expect(await auditActions(t)).toContain('publication.rule_set_created');
  });

  it('previews what would go out, with the range an outsider could infer of each hidden value', async () => {
    const response = await secretariat.post('/api/v1/statistics/releases/preview', {
      ruleSetId: under5().id,
      query,
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as {
      passed: boolean;
      ranges: { item: string; min: number; max: number }[];
    };
    expect(preview.passed).toBe(true);
    const small = preview.ranges.find((r) => r.item === 'cell:0,0')!;
    expect(small.max).toBeGreaterThan(small.min);
  });

  it('adds noise with an epsilon and keeps the ledger of epsilon spent', async () => {
    const dp = (
      await secretariat.post('/api/v1/statistics/rule-sets', {
        name: 'dp-half',
        threshold: 5,
        epsilon: '0.5',
      })
    ).json() as RuleSet;
    for (let i = 0; i < 2; i++) {
      const response = await secretariat.post('/api/v1/statistics/releases', {
        ruleSetId: dp.id,
        query,
        title,
      });
      expect(response.statusCode, response.body).toBe(201);
      const release = response.json() as Release;
      expect(release.noise).toBe(true);
      expect(release.epsilon).toBe('1/2');
      const p = release.published;
      // Margins are sums of the noisy cells, so the table stays additive where shown.
      if (p.total !== null && p.rowTotals.every((v) => v !== null))
        expect(p.total).toBe(p.rowTotals.reduce((s, v) => s! + v!, 0));
    }
    const ledger = (await secretariat.get('/api/v1/statistics/epsilon-ledger')).json() as {
      spent: string;
      releases: unknown[];
    };
    expect(ledger).toMatchObject({ spent: '1' });
    expect(ledger.releases).toHaveLength(2);
  });

  it.each([
    [{ name: 'x', threshold: 5 }, 'name'],
    [{ name: 'ok-name', threshold: 0 }, 'threshold'],
    [{ name: 'ok-name', threshold: 5, epsilon: 'lots' }, 'epsilon'],
    [{ name: 'ok-name', threshold: 5, epsilon: '0' }, 'epsilon'],
    [{ name: 'ok-name', threshold: 5, roundingBase: 1 }, 'roundingBase'],
  ])('refuses the rule set %j naming %s', async (body, field) => {
    const response = await secretariat.post('/api/v1/statistics/rule-sets', body);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
  });

  it.each([
    [{ ...query, cols: 'sex' }, 'cols'],
    [{ ...query, period: 'all' }, 'periodKey'],
    [{ ...query, periodKey: '24' }, 'periodKey'],
    [{ ...query, rows: 'height' }, 'rows'],
  ])('refuses the query %j naming %s, releasing nothing', async (bad, field) => {
    const before = ((await secretariat.get('/api/v1/statistics/releases')).json() as Release[]).length;
    const response = await secretariat.post('/api/v1/statistics/releases', {
      ruleSetId: under5().id,
      query: bad,
      title,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
    expect(((await secretariat.get('/api/v1/statistics/releases')).json() as Release[]).length).toBe(before);
  });

  it('refuses an unknown rule set by field', async () => {
    const response = await secretariat.post('/api/v1/statistics/releases', {
      ruleSetId: '01890000-0000-7000-8000-000000000000',
      query,
      title,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('ruleSetId');
  });
});
