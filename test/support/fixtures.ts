import type { RoleId } from '../../src/core/permissions.js';
import type { DB } from '../../src/db/schema.js';
import type { TestApp, TestClient } from './harness.js';

let counter = 0;

/** Creates an agency through the API and returns its id. */
export async function addAgency(admin: TestClient, code: string, kind = 'police'): Promise<string> {
  const response = await admin.post('/api/v1/agencies', {
    code,
    kind,
    names: { en: `${code} agency`, 'zh-Hant': `${code} 機構`, pt: `Agência ${code}` },
  });
  if (response.statusCode !== 201) throw new Error(`agency: ${response.body}`);
  return (response.json() as { id: string }).id;
}

/**
 * The agencies of the access tests, by code: IAS (social welfare) runs the cases that hold the
 * victims, GSC (an NGO) receives their referrals or is the outsider, PJ (the police) takes part.
 */
export type CaseAgencies = { ias: string; gsc: string; pj: string };

/** Creates IAS, GSC and PJ (see CaseAgencies) through the API and returns their ids. */
export async function addCaseAgencies(admin: TestClient): Promise<CaseAgencies> {
  return {
    ias: await addAgency(admin, 'IAS', 'social_welfare'),
    gsc: await addAgency(admin, 'GSC', 'ngo'),
    pj: await addAgency(admin, 'PJ', 'police'),
  };
}

/** Creates a user through the API and records its one-time password for signIn(). */
export async function addUser(
  t: TestApp,
  admin: TestClient,
  agencyId: string,
  roles: RoleId[],
  email?: string,
) {
  const address = email ?? `user${++counter}.${roles[0]}@example.org`;
  const response = await admin.post('/api/v1/users', {
    email: address,
    name: `Test ${roles.join(' ')}`,
    language: 'en',
    agencyId,
    roles,
  });
  if (response.statusCode !== 201) throw new Error(`user: ${response.body}`);
  const body = response.json() as { user: { id: string; version: number }; oneTimePassword: string };
  t.accounts.set(address, { password: body.oneTimePassword, lastStep: 0 });
  return { id: body.user.id, email: address, version: body.user.version };
}

/** Creates a user with the given roles and signs it in on a client of its own. */
export async function addSignedInUser(t: TestApp, admin: TestClient, agencyId: string, roles: RoleId[]) {
  const user = await addUser(t, admin, agencyId, roles);
  const client = t.client();
  await client.signIn(user.email);
  return { ...user, client };
}

/** A client signed in as a new user of the agency with the given roles. */
export async function signedInClient(
  t: TestApp,
  admin: TestClient,
  agencyId: string,
  roles: RoleId[],
): Promise<TestClient> {
  return (await addSignedInUser(t, admin, agencyId, roles)).client;
}

/** The id of the secretariat agency that the instance is created with. */
export async function secretariatAgencyId(t: TestApp): Promise<string> {
  const row = await t.database.db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', 'SECRETARIAT')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many rows a table holds: to show that a refused request wrote nothing. */
export async function rowCount(t: TestApp, table: keyof DB): Promise<number> {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A plan task's schedule and indicator: quarterly in 2025, 100 people screened from none. */
export const screeningTask2025 = {
  startDate: '2025-01-01',
  dueDate: '2025-12-31',
  indicator: 'People screened',
  unit: 'people',
  baseline: 0,
  target: 100,
  periodicity: 'quarterly',
} as const;

/**
 * PJ and DSAL with an agency officer each, and a secretariat agency (CCTP) with a secretariat
 * user, all signed in: the people who report and validate coordination work.
 */
export async function coordinationAgencies(t: TestApp, admin: TestClient) {
  const pj = await addAgency(admin, 'PJ');
  const dsal = await addAgency(admin, 'DSAL', 'labour');
  const sec = await addAgency(admin, 'CCTP', 'secretariat');
  return {
    pj,
    dsal,
    sec,
    pjOfficer: await signedInClient(t, admin, pj, ['agency_officer']),
    dsalOfficer: await signedInClient(t, admin, dsal, ['agency_officer']),
    secretariat: await signedInClient(t, admin, sec, ['secretariat']),
  };
}

export async function auditActions(t: TestApp): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}
