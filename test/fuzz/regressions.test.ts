import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';
import { snapshotOf } from './snapshot.js';

// Counterexamples the fuzzer (write-routes.test.ts, imports.test.ts) found, kept as plain tests.

describe.each(databases)('inputs the fuzzer found on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let secretariat: TestClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t);
    secretariat = t.client();
    await secretariat.signIn((await addUser(t, admin, await addAgency(admin, 'SEC'), ['secretariat'])).email);
  });
  afterAll(() => t.close());

  it.each([
    ['an empty body', Buffer.alloc(0)],
    ['a zip header over noise', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40, 7)])],
    ['CSV text', Buffer.from('a,b\n1,2\n')],
  ])(
    'refuses %s sent as a statistics workbook at once, importing nothing',
    async (_name, bytes) => {
      const snapshot = await snapshotOf(t.database);
      const before = await snapshot();
      const response = await secretariat.request(
        'POST',
        '/api/v1/statistics/imports?format=htcds&type=xlsx',
        bytes,
        {
          'content-type': 'application/octet-stream',
        },
      );
      expect(response.statusCode).toBe(400);
      expect((response.json() as { problems: { problem: string }[] }).problems[0]!.problem).toBe('malformed');
      expect(await snapshot()).toEqual(before);
    },
    20_000,
  );

  it.each(['"text"', '12', '[]', 'null', '[{"code":"x"}]'])(
    'names the body when a JSON body is %s instead of an object, writing nothing',
    async (payload) => {
      const snapshot = await snapshotOf(t.database);
      const before = await snapshot();
      const response = await secretariat.request('POST', '/api/v1/meeting-groups', payload, {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const errors = (response.json() as { errors: { path: string }[] }).errors;
      expect(errors.map((e) => e.path)).toContain('body');
      expect(errors.every((e) => e.path !== '')).toBe(true);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('answers an empty change to a legal qualification without writing, and 404 for an unknown one', async () => {
    const snapshot = await snapshotOf(t.database);
    const before = await snapshot();
    for (const payload of ['{}', '\ufeff{}']) {
      const response = await admin.request('PATCH', '/api/v1/legal-qualifications/mo_pc_153a', payload, {
        'content-type': 'application/json',
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(await snapshot()).toEqual(before);
    const unknown = await admin.patch('/api/v1/legal-qualifications/no_such_code', {});
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a cooperation exchange for an id that names no agency, naming agencyId, writing nothing', async () => {
    const snapshot = await snapshotOf(t.database);
    const before = await snapshot();
    const response = await secretariat.post('/api/v1/cooperation/exchanges', {
      agencyId: '01a00000-0000-7000-8000-00000000dead',
      kind: 'mutual_legal_assistance',
      counterpartKind: 'foreign_government',
      counterpart: 'Ministry',
      subject: 'Request',
      startedOn: '2024-01-01',
      endedOn: null,
      caseIds: [],
      taskIds: [],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect((response.json() as { errors: { path: string }[] }).errors[0]!.path).toBe('agencyId');
    expect(await snapshot()).toEqual(before);
  });

  it('never answers 5xx to text holding NUL, and a refusal of it writes nothing', async () => {
    const snapshot = await snapshotOf(t.database);
    const before = await snapshot();
    const response = await admin.post('/api/v1/agencies', {
      code: 'NUL',
      kind: 'ngo',
      names: { en: 'a\u0000b', 'zh-Hant': '機構', pt: 'Agência' },
    });
    // Refused by the schema, or where a field takes any text, by the database (PostgreSQL
    // cannot store NUL): either way a 400 naming a field, never a 500.
    expect([201, 400], response.body).toContain(response.statusCode);
    if (response.statusCode === 400) {
      expect((response.json() as { errors: { path: string }[] }).errors[0]!.path).not.toBe('');
      expect(await snapshot()).toEqual(before);
    }
  });

  it('reads a statistics file sent as JSON as the bytes it is, even 100,000 brackets deep', async () => {
    const snapshot = await snapshotOf(t.database);
    const before = await snapshot();
    const response = await secretariat.request(
      'POST',
      '/api/v1/statistics/imports?format=htcds&type=csv',
      '['.repeat(100_000) + ']'.repeat(100_000),
      { 'content-type': 'application/json' },
    );
    // Once parsed as JSON and turned back into text, the nesting overflowed the stack (a 500).
    expect(response.statusCode, response.body).toBe(400);
    expect((response.json() as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['one 199,999-character word', 'a'.repeat(199_999)],
    ['one sentence of 40,000 words', 'word '.repeat(39_999)],
  ])('proposes a split of a narrative of %s instead of failing its own answer', async (_name, narrative) => {
    const response = await secretariat.post('/api/v1/assessments/split', { narrative });
    expect(response.statusCode, response.body).toBe(200);
    const proposal = response.json() as { sections: { text: string }[] };
    expect(proposal.sections.map((s) => s.text).join('').length).toBeGreaterThan(100_000);
  });
});
