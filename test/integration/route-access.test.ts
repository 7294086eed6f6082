import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleId } from '../../src/core/permissions.js';
import { access, registerRouteAccess } from '../../src/http/route-access.js';
import { databases } from '../support/databases.js';
import { addAgency, addUser, signedInClient } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';

// The authorization matrix: every API route × every role × the caller's relation to the
// case it touches (a member of it; of its lead agency but not a member; of another agency,
// the one a referral of its victim went to). Each cell is the HTTP status the route answers;
// route-access.expected.json holds the table as reviewed. A route added without an entry, or
// a cell that changes, fails here. To accept a deliberate change, run with
// GUIA_UPDATE_ROUTE_ACCESS=1 and review the diff of the JSON file like code.
//
// Bodies are deliberately invalid ({"__matrix": true}): access is decided before validation,
// so an allowed write answers 400 and changes nothing, and a refused one 403 or 404.

const expectedFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'route-access.expected.json');
const relations = ['member', 'agency', 'other'] as const;
type Relation = (typeof relations)[number];
type Table = Record<string, { access: string; status: Partial<Record<RoleId, Record<Relation, number>>> }>;

const missing = '01a00000-0000-7000-8000-00000000dead';

/** Routes every caller reaches alike, by declaration: the sign-in steps and one's own session. */
const sameForAll = (access: string) => access === 'public' || access.startsWith('session:');

async function buildMatrix(kind: (typeof databases)[number]): Promise<{ table: Table; t: TestApp }> {
  const t = await startTestApp(kind);
  const admin = await signInAdmin(t);
  const lead = await addAgency(admin, 'LEAD', 'social_welfare');
  const other = await addAgency(admin, 'OTHER', 'ngo');
  const worker = await signedInClient(t, admin, lead, ['case_worker']);

  // The case every case route touches, with a victim who has every kind of protection record.
  const kase = (
    await worker.post('/api/v1/cases', { origin: 'self_report', reportDate: '2024-01-02' })
  ).json() as {
    id: string;
  };
  const victim = (
    await worker.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'victim',
      person: { givenNames: 'Matrix', familyName: 'Victim', citizenship: [] },
    })
  ).json() as { id: string };
  const victimPath = `/api/v1/cases/${kase.id}/people/${victim.id}`;
  const consent = (
    await worker.post(`${victimPath}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose'],
      givenOn: '2024-01-03',
    })
  ).json() as { id: string };
  const referral = (
    await worker.post(`${victimPath}/referrals`, {
      toAgencyId: other,
      serviceKind: 'shelter',
      reason: 'additional_services_required',
      sentOn: '2024-01-04',
    })
  ).json() as { id: string };
  const service = (
    await worker.post(`${victimPath}/services`, { kind: 'shelter', startDate: '2024-01-04' })
  ).json() as {
    id: string;
  };
  const plan = (
    await worker.post(`${victimPath}/support-plans`, {
      type: 'health',
      objectives: 'Care',
      startDate: '2024-01-04',
    })
  ).json() as { id: string };
  const personId = (
    (await worker.get(`/api/v1/cases/${kase.id}`)).json() as { people: { person: { id: string } }[] }
  ).people[0]!.person.id;
  const bystander = await addUser(t, admin, other, ['analyst']);
  for (const [name, id] of Object.entries({ consent, referral, service, plan }))
    if (!id.id) throw new Error(`matrix fixture ${name} failed`);

  // One user per role and relation; members join the case directly, as the fixture's premise.
  const clients = new Map<string, TestClient>();
  for (const role of roles) {
    for (const relation of relations) {
      const user = await addUser(t, admin, relation === 'other' ? other : lead, [role]);
      if (relation === 'member')
        await t.database.db
          .insertInto('case_members')
          .values({ case_id: kase.id, user_id: user.id, added_at: new Date().toISOString(), added_by: null })
          .execute();
      const client = t.client();
      await client.signIn(user.email);
      clients.set(`${role}/${relation}`, client);
    }
  }

  const params: Record<string, (route: string) => string> = {
    id: (route) =>
      route.startsWith('/api/v1/users/')
        ? bystander.id
        : route.startsWith('/api/v1/agencies/')
          ? lead
          : route.startsWith('/api/v1/persons/')
            ? personId
            : kase.id,
    casePersonId: () => victim.id,
    consentId: () => consent.id,
    referralId: () => referral.id,
    serviceId: () => service.id,
    planId: () => plan.id,
    code: () => 'mo_pc_153a',
    userId: () => missing,
    requestId: () => missing,
    // A case's or a victim's file (issue 12): an unknown one.
    attachmentId: () => missing,
    flagId: () => missing,
    // Meetings, activity figures, cooperation: unknown records, except the agency and quarter of a report.
    groupId: () => missing,
    meetingId: () => missing,
    decisionId: () => missing,
    exchangeId: () => missing,
    agencyId: () => lead,
    period: () => '2024-Q1',
    format: () => 'pdf',
    // Statistics exports: the GLOTIP layout (counts).
    layout: () => 'glotip',
    // The action plan: unknown records (a support plan's id stands for :planId).
    taskId: () => missing,
    progressId: () => missing,
    evidenceId: () => missing,
    actionId: () => missing,
    // External assessments: unknown records.
    recommendationId: () => missing,
    claimId: () => missing,
    submissionId: () => missing,
    fileId: () => missing,
    targetId: () => missing,
    indicium: () => '1',
  };
  const table: Table = {};
  for (const route of [...t.routeAccess.keys()].sort()) {
    const access = t.routeAccess.get(route)!;
    table[route] = { access, status: {} };
    if (sameForAll(access)) continue;
    const [method, template] = route.split(' ') as [string, string];
    const url = template.replace(/:(\w+)/g, (_, name: string) => params[name]!(template));
    for (const role of roles) {
      const row = {} as Record<Relation, number>;
      for (const relation of relations) {
        const client = clients.get(`${role}/${relation}`)!;
        const response = await client.request(
          method as 'GET',
          url,
          method === 'GET' || method === 'DELETE' ? undefined : { __matrix: true },
        );
        row[relation] = response.statusCode;
      }
      table[route]!.status[role] = row;
    }
  }
  return { table, t };
}

describe.each(databases)('route access matrix on %s', (kind) => {
  let table: Table;
  let t: TestApp;

  beforeAll(async () => {
    ({ table, t } = await buildMatrix(kind));
    if (process.env.GUIA_UPDATE_ROUTE_ACCESS === '1' && kind === 'sqlite')
      writeFileSync(expectedFile, `${JSON.stringify(table, null, 2)}\n`);
  }, 300_000);
  afterAll(() => t.close());

  it('declares access on every API route', () => {
    const undeclared = t.routes.filter((r) => r.includes(' /api/') && !t.routeAccess.has(r));
    expect(undeclared).toEqual([]);
  });

  it('has a reviewed entry for every route, and no entry for a route that is gone', () => {
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Table;
    expect(Object.keys(table).sort()).toEqual(Object.keys(expected).sort());
  });

  it('answers every route, role and relation as the reviewed table says', () => {
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Table;
    for (const [route, entry] of Object.entries(table)) expect(entry, route).toEqual(expected[route]);
  });

  it('never lets a role without a grant on the case write to it, whatever the relation', () => {
    // A cross-check of the table on the rule that matters most: outside the case, no write succeeds.
    for (const [route, entry] of Object.entries(table)) {
      if (!/^(POST|PUT|PATCH|DELETE) \/api\/v1\/(cases|services|support-plans)\//.test(route)) continue;
      for (const role of ['analyst', 'auditor', 'administrator'] as const)
        for (const relation of relations)
          expect([403, 404], `${route} ${role}/${relation}`).toContain(entry.status[role]![relation]);
    }
  });
});

describe('route registration', () => {
  it('refuses an API route declared without access, and takes one that declares it', async () => {
    const t = await startTestApp('sqlite');
    const app = Fastify();
    try {
      registerRouteAccess(app, t.database);
      expect(() => app.get('/api/v1/forgotten', async () => ({}))).toThrow(
        /GET \/api\/v1\/forgotten declares no access/,
      );
      expect(() =>
        app.get('/api/v1/declared', { config: { access: access.public() } }, async () => ({})),
      ).not.toThrow();
    } finally {
      await app.close();
      await t.close();
    }
  });
});
