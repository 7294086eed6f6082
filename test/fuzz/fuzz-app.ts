import { appendFileSync } from 'node:fs';
import type { DatabaseKind } from '../../src/db/schema.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { signInAdmin, startTestApp, type TestApp, type TestClient } from '../support/harness.js';
import type { JsonSchema } from './schema-arbitrary.js';

// The application the fuzzer attacks: a case with a victim who has every kind of protection
// record, signed-in users of every role (members of the case, and of the agency a referral
// went to), each write route's schema from the OpenAPI document, and the user each route is
// sent as: one whose request reaches the handler (the body is checked), not a 403.

/** Notes progress to the file GUIA_FUZZ_TRACE names (to find a request that hangs). */
export function note(line: string): void {
  if (process.env.GUIA_FUZZ_TRACE)
    appendFileSync(process.env.GUIA_FUZZ_TRACE, `${new Date().toISOString()} ${line}\n`);
}

export const missing = '01a00000-0000-7000-8000-00000000dead';
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type WriteRoute = {
  /** `METHOD /api/…/:param`, as the route-access registry names it. */
  key: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
  access: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema> & { required?: never };
  requiredQuery: string[];
  /** The JSON body schema, or null for a route that takes none (or a raw file). */
  body: JsonSchema | null;
};

type OpenApiOperation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** Every write route under /api/, from the registry, with what the OpenAPI document says of its input. */
export function writeRoutes(t: TestApp): WriteRoute[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      operations.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op);
  return [...t.routeAccess.entries()]
    .filter(([key]) => writeMethods.has(key.split(' ')[0]!) && key.split(' ')[1]!.startsWith('/api/'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, access]) => {
      const [method, template] = key.split(' ') as [WriteRoute['method'], string];
      const op = operations.get(key) ?? {};
      const of = (where: string) =>
        Object.fromEntries(
          (op.parameters ?? []).filter((p) => p.in === where).map((p) => [p.name, p.schema]),
        );
      return {
        key,
        method,
        template,
        access,
        params: of('path'),
        query: of('query'),
        requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      };
    });
}

/** The path parameters' real values: the fixture's records, or an unknown id. */
export type Fixture = {
  t: TestApp;
  values: Record<string, string>;
  /** Real ids of the fixture, offered to uuid fields of bodies. */
  ids: string[];
  clientFor: Map<string, TestClient>;
  /** Routes whose caller is the request itself (sign-in, sign-out, own account). */
  anonymous: TestClient;
  /** A user and an agency no caller belongs to, so that disabling one locks nobody out. */
  userRouteId: string;
  agencyRouteId: string;
};

// The callers a route may be sent as (the probe picks one): enough to reach every handler.
const callers = [
  ['administrator', 'member'],
  ['secretariat', 'member'],
  ['agency_officer', 'member'],
  ['agency_officer', 'other'],
  ['supervisor', 'member'],
  ['case_worker', 'other'],
] as const;

export async function buildFixture(kind: DatabaseKind): Promise<Fixture> {
  note('starting');
  const t = await startTestApp(kind);
  note('started');
  const admin = await signInAdmin(t);
  const lead = await addAgency(admin, 'LEAD', 'social_welfare');
  const other = await addAgency(admin, 'OTHER', 'ngo');
  const spare = await addAgency(admin, 'SPARE', 'police');
  const worker = t.client();
  await worker.signIn((await addUser(t, admin, lead, ['case_worker'])).email);
  const created = async (url: string, body: unknown) => {
    const response = await worker.post(url, body);
    if (response.statusCode !== 201) throw new Error(`fuzz fixture ${url}: ${response.body}`);
    return (response.json() as { id: string }).id;
  };
  const caseId = await created('/api/v1/cases', { origin: 'self_report', reportDate: '2024-01-02' });
  const victim = await created(`/api/v1/cases/${caseId}/people`, {
    role: 'victim',
    person: { givenNames: 'Fuzz', familyName: 'Victim', citizenship: [] },
  });
  const victimPath = `/api/v1/cases/${caseId}/people/${victim}`;
  const consent = await created(`${victimPath}/consents`, {
    purpose: 'referral',
    informedOf: ['purpose'],
    givenOn: '2024-01-03',
  });
  const referral = await created(`${victimPath}/referrals`, {
    toAgencyId: other,
    serviceKind: 'shelter',
    reason: 'additional_services_required',
    sentOn: '2024-01-04',
  });
  const service = await created(`${victimPath}/services`, { kind: 'shelter', startDate: '2024-01-04' });
  const plan = await created(`${victimPath}/support-plans`, {
    type: 'health',
    objectives: 'Care',
    startDate: '2024-01-04',
  });
  const bystander = await addUser(t, admin, other, ['analyst']);

  const clients = new Map<string, TestClient>();
  clients.set('case_worker/member', worker);
  for (const [role, relation] of callers) {
    const user = await addUser(t, admin, relation === 'other' ? other : lead, [role]);
    if (relation === 'member')
      await t.database.db
        .insertInto('case_members')
        .values({ case_id: caseId, user_id: user.id, added_at: new Date().toISOString(), added_by: null })
        .execute();
    const client = t.client();
    await client.signIn(user.email);
    note(`signed in ${role}/${relation}`);
    clients.set(`${role}/${relation}`, client);
  }
  const anonymous = t.client();
  await anonymous.signIn((await addUser(t, admin, spare, ['auditor'])).email);

  const values: Record<string, string> = {
    id: caseId,
    casePersonId: victim,
    consentId: consent,
    referralId: referral,
    serviceId: service,
    planId: plan,
    code: 'mo_pc_153a',
    agencyId: lead,
    period: '2024-Q1',
    indicium: '1',
  };
  const fixture: Fixture = {
    t,
    values,
    ids: [caseId, victim, consent, referral, service, plan, lead, other, spare, bystander.id, missing],
    clientFor: new Map(),
    anonymous,
    userRouteId: bystander.id,
    agencyRouteId: spare,
  };
  for (const route of writeRoutes(t))
    fixture.clientFor.set(route.key, await callerFor(fixture, route, clients));
  return fixture;
}

/** The URL of a route with its parameters filled in (an override replaces one of them). */
export function urlOf(
  fixture: Fixture,
  route: WriteRoute,
  override?: { name: string; value: string },
): string {
  return route.template.replace(/:(\w+)/g, (_, name: string) => {
    if (override?.name === name) return override.value;
    if (name === 'id' && route.template.startsWith('/api/v1/users/')) return fixture.userRouteId;
    if (name === 'id' && route.template.startsWith('/api/v1/agencies/')) return fixture.agencyRouteId;
    if (name === 'id' && route.template.startsWith('/api/v1/assessments/')) return missing;
    return fixture.values[name] ?? missing;
  });
}

// How far a probe got: the body checked (400) is best, a refusal (401/403) worst.
const rank = (status: number) =>
  status === 400 ? 0 : status === 409 || status === 422 ? 1 : status < 300 ? 2 : status === 404 ? 3 : 4;

/** The client a route is fuzzed as: the one whose probe gets furthest into the route. */
async function callerFor(
  fixture: Fixture,
  route: WriteRoute,
  clients: Map<string, TestClient>,
): Promise<TestClient> {
  if (route.access === 'public' || route.access.startsWith('session:')) return fixture.anonymous;
  let best: { client: TestClient; rank: number } | null = null;
  note(`probing ${route.key}`);
  for (const [name, client] of clients) {
    const response = await client.request(
      route.method,
      urlOf(fixture, route),
      route.method === 'DELETE' ? undefined : { __fuzzProbe: true },
    );
    note(`  as ${name}: ${response.statusCode}`);
    if (!best || rank(response.statusCode) < best.rank) best = { client, rank: rank(response.statusCode) };
    if (best.rank === 0) break;
  }
  return best!.client;
}
