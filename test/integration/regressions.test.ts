import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { addPersonAs, openSelfReportedCase, shelterReferral } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addCaseAgencies, addSignedInUser, addUser, type CaseAgencies } from '../support/fixtures.js';
import { startWithAdmin, strongPassword, type TestApp, type TestClient } from '../support/harness.js';

// Bugs that the whole suite once let through (issue 13, "Tests that notice"), each pinned by
// a test that fails when the bug is put back. Most are written as the attack they allowed.

type Person = { id: string; person: { id: string | null; pseudonym: string } };

const victim = { givenNames: 'Ana Sofia', familyName: 'Ribeiro Lopes', birthDate: '1998-02-14' };

describe.each(databases)('regressions on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agency: CaseAgencies;
  // IAS runs case B, which holds the victim, and case A; its case worker is a member of both.
  let iasWorker: TestClient;
  // A PJ officer: a member of case A, and (PJ taking part in case B) a reader of case B.
  let pjOfficer: TestClient;
  // A case worker of another agency, who may see nothing of either case.
  let gscWorker: TestClient;
  let caseA: string;
  let caseB: string;
  let victimB: Person;

  const signedIn = (agency: string, roles: RoleId[]) => addSignedInUser(t, admin, agency, roles);
  const newCase = async (client: TestClient) => (await openSelfReportedCase(client)).id;
  const addPerson = (client: TestClient, caseId: string, role: string, person: Record<string, unknown>) =>
    addPersonAs<Person>(client, caseId, role, person);
  /** A new victim of case B with the consent given (201); returns the victim's URL. */
  const victimWithConsent = async (names: Record<string, unknown>, consent: Record<string, unknown>) => {
    const person = await addPerson(iasWorker, caseB, 'victim', names);
    const path = `/api/v1/cases/${caseB}/people/${person.id}`;
    const given = await iasWorker.post(`${path}/consents`, consent);
    expect(given.statusCode, given.body).toBe(201);
    return { id: person.id, path };
  };
  const referralsOf = async (caseId: string, casePersonId: string) =>
    (await iasWorker.get(`/api/v1/cases/${caseId}/people/${casePersonId}/referrals`)).json() as unknown[];

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agency = await addCaseAgencies(admin);
    ({ client: iasWorker } = await signedIn(agency.ias, ['case_worker']));
    const officer = await signedIn(agency.pj, ['agency_officer']);
    pjOfficer = officer.client;
    ({ client: gscWorker } = await signedIn(agency.gsc, ['case_worker']));

    caseA = await newCase(iasWorker);
    caseB = await newCase(iasWorker);
    victimB = await addPerson(iasWorker, caseB, 'victim', victim);
    expect((await iasWorker.post(`/api/v1/cases/${caseA}/members`, { userId: officer.id })).statusCode).toBe(
      200,
    );
    expect(
      (await iasWorker.post(`/api/v1/cases/${caseB}/agencies`, { agencyId: agency.pj })).statusCode,
    ).toBe(200);
  });
  afterAll(() => t.close());

  // Bug 1: grantPerson without its check that the person belongs to the case in the URL.
  it('does not show or reveal a person of case B through case A’s URL, even to one who may see them in B', async () => {
    const inB = `/api/v1/cases/${caseB}/people/${victimB.id}`;
    const throughA = `/api/v1/cases/${caseA}/people/${victimB.id}`;
    // The PJ officer reads case B's structured facts, and is a member of case A.
    expect((await pjOfficer.get(inB)).statusCode).toBe(200);
    expect((await pjOfficer.get(throughA)).statusCode).toBe(404);
    expect((await pjOfficer.post(`${throughA}/reveal`, { purpose: 'investigation' })).statusCode).toBe(404);
    // The IAS worker may reveal the victim in case B, but case A's URL does not lead there.
    expect((await iasWorker.post(`${inB}/reveal`, { purpose: 'casework' })).json()).toMatchObject({
      familyName: victim.familyName,
    });
    const revealed = await iasWorker.post(`${throughA}/reveal`, { purpose: 'casework' });
    expect(revealed.statusCode).toBe(404);
    expect(revealed.body).not.toContain(victim.familyName);
    expect(
      (await iasWorker.put(`${throughA}/identity`, { version: 1, address: 'Elsewhere' })).statusCode,
    ).toBe(404);
  });

  // Bug 2: the same guard for protection records, and records reached by their own id.
  it('keeps a victim’s protection records behind the case in the URL, and a record of a victim one cannot see absent', async () => {
    const inB = `/api/v1/cases/${caseB}/people/${victimB.id}`;
    const throughA = `/api/v1/cases/${caseA}/people/${victimB.id}`;
    const service = await iasWorker.post(`${inB}/services`, {
      kind: 'shelter',
      startDate: '2024-05-05',
      note: 'Shelter room 12',
    });
    expect(service.statusCode, service.body).toBe(201);
    const serviceId = (service.json() as { id: string }).id;
    const plan = await iasWorker.post(`${inB}/support-plans`, {
      type: 'livelihood',
      objectives: 'Recover identity papers',
      startDate: '2024-05-05',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = (plan.json() as { id: string }).id;

    for (const records of ['screenings', 'consents', 'referrals', 'services', 'support-plans']) {
      expect((await iasWorker.get(`${inB}/${records}`)).statusCode, records).toBe(200);
      expect((await iasWorker.get(`${throughA}/${records}`)).statusCode, records).toBe(404);
    }
    const consentThroughA = await iasWorker.post(`${throughA}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose'],
      givenOn: '2024-05-03',
    });
    expect(consentThroughA.statusCode).toBe(404);
    expect((await iasWorker.get(`${inB}/consents`)).json()).toEqual([]);

    // By their own id: absent to a stranger, refused to a reader of the case without rights on the victim.
    expect(
      (await gscWorker.patch(`/api/v1/services/${serviceId}`, { version: 1, note: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await gscWorker.patch(`/api/v1/support-plans/${planId}`, { version: 1, objectives: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await pjOfficer.patch(`/api/v1/services/${serviceId}`, { version: 1, note: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await pjOfficer.patch(`/api/v1/support-plans/${planId}`, { version: 1, objectives: 'x' })).statusCode,
    ).toBe(403);
    expect((await iasWorker.get(`${inB}/services`)).json()).toEqual([
      expect.objectContaining({ id: serviceId, note: 'Shelter room 12', version: 1 }),
    ]);
    expect((await iasWorker.get(`${inB}/support-plans`)).json()).toEqual([
      expect.objectContaining({ id: planId, objectives: 'Recover identity papers', version: 1 }),
    ]);
  });

  // Bug 4: activeConsent without its date bound.
  it('does not let a consent given after the referral was sent cover it', async () => {
    const person = await victimWithConsent(
      { givenNames: 'Leila', familyName: 'Haddad' },
      { purpose: 'referral', informedOf: ['purpose', 'data_use'], givenOn: '2024-05-10' },
    );
    const refer = (sentOn: string) =>
      iasWorker.post(`${person.path}/referrals`, shelterReferral(agency.gsc, sentOn));
    const early = await refer('2024-05-04');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'referral.consent_required' });
    expect(await referralsOf(caseB, person.id)).toEqual([]);
    // From the day it was given, the consent covers a referral.
    expect((await refer('2024-05-10')).statusCode).toBe(201);
  });

  // Bug 5: activeConsent without its purpose.
  it('does not open the referral gate with a consent given for another purpose', async () => {
    const person = await victimWithConsent(
      { givenNames: 'Mei', familyName: 'Chan' },
      { purpose: 'interview', informedOf: ['purpose'], givenOn: '2024-05-03' },
    );
    const sent = await iasWorker.post(`${person.path}/referrals`, shelterReferral(agency.gsc, '2024-05-04'));
    expect(sent.statusCode).toBe(409);
    expect(sent.json()).toMatchObject({ code: 'referral.consent_required' });
    expect(await referralsOf(caseB, person.id)).toEqual([]);
  });

  // Bug 7: changePassword without checking the current password, or without the policy.
  it('changes a password only given the current one, and only to one the policy accepts', async () => {
    const user = await addUser(t, admin, agency.ias, ['analyst']);
    const oneTime = t.accounts.get(user.email)!.password;
    const client = t.client();
    const signIn = (password: string) =>
      t.client().post('/api/v1/auth/sign-in', { email: user.email, password });
    expect(
      (await client.post('/api/v1/auth/sign-in', { email: user.email, password: oneTime })).json(),
    ).toMatchObject({ stage: 'password_change' });

    const wrongCurrent = await client.post('/api/v1/account/password', {
      currentPassword: 'not-the-one-time-password',
      newPassword: strongPassword,
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json()).toMatchObject({ code: 'password.wrong_current' });
    const common = await client.post('/api/v1/account/password', {
      currentPassword: oneTime,
      newPassword: 'Password2024!',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json()).toMatchObject({ code: 'password.too_common' });
    // Neither refusal changed the password: the one-time password still signs in, the others do not.
    expect((await signIn(oneTime)).statusCode).toBe(200);
    expect((await signIn(strongPassword)).statusCode).toBe(401);
    expect((await signIn('Password2024!')).statusCode).toBe(401);

    const changed = await client.post('/api/v1/account/password', {
      currentPassword: oneTime,
      newPassword: strongPassword,
    });
    expect(changed.statusCode, changed.body).toBe(200);
  });

  // Bug 8: any code accepted at two-factor enrolment.
  it('completes two-factor enrolment only with a code made from the new secret', async () => {
    const user = await addUser(t, admin, agency.ias, ['case_worker']);
    const account = t.accounts.get(user.email)!;
    const client = t.client();
    await client.post('/api/v1/auth/sign-in', { email: user.email, password: account.password });
    await client.post('/api/v1/account/password', {
      currentPassword: account.password,
      newPassword: strongPassword,
    });
    const setup = await client.post('/api/v1/account/two-factor/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json() as { secret: string };
    // A code that is not valid in any time step the server could accept around now.
    const now = Math.floor(Date.now() / 30_000);
    const valid = new Set(
      await Promise.all([-2, -1, 0, 1, 2].map((d) => generate({ secret, epoch: (now + d) * 30 }))),
    );
    const wrong = ['123456', '654321', '000000', '999999', '111111', '222222'].find((c) => !valid.has(c))!;

    const refused = await client.post('/api/v1/account/two-factor/confirm', { code: wrong });
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain('recoveryCodes');
    expect((await client.get('/api/v1/session')).json()).toMatchObject({ stage: 'two_factor_enrolment' });
    const row = await t.database.db
      .selectFrom('users')
      .select(['totp_secret'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBeNull();

    account.secret = secret;
    const confirmed = await client.post('/api/v1/account/two-factor/confirm', {
      code: await client.totp(user.email),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  // Bug 9: a user who has not finished signing in reaching GET /api/v1/agencies.
  it('refuses the list of agencies until the password is changed and the second factor enrolled', async () => {
    const user = await addUser(t, admin, agency.ias, ['case_worker']);
    const account = t.accounts.get(user.email)!;
    const client = t.client();
    const first = await client.post('/api/v1/auth/sign-in', {
      email: user.email,
      password: account.password,
    });
    expect(first.json()).toMatchObject({ stage: 'password_change' });
    const beforeChange = await client.get('/api/v1/agencies');
    expect(beforeChange.statusCode).toBe(403);
    expect(beforeChange.json()).toMatchObject({ code: 'auth.step_required' });

    const changed = await client.post('/api/v1/account/password', {
      currentPassword: account.password,
      newPassword: strongPassword,
    });
    expect(changed.json()).toMatchObject({ stage: 'two_factor_enrolment' });
    account.password = strongPassword;
    const beforeEnrolment = await client.get('/api/v1/agencies');
    expect(beforeEnrolment.statusCode).toBe(403);
    expect(beforeEnrolment.json()).toMatchObject({ code: 'auth.step_required' });

    await client.signIn(user.email);
    expect((await client.get('/api/v1/agencies')).statusCode).toBe(200);
  });

  // Bug 10: the member filter dropped from a case worker's case list.
  it('lists for a case worker only the cases she is a member of, not the other cases of her agency', async () => {
    const { client: colleague } = await signedIn(agency.ias, ['case_worker']);
    const own = await newCase(colleague);
    const listed = (await colleague.get('/api/v1/cases')).json() as { items: { id: string }[] };
    expect(listed.items.map((c) => c.id)).toEqual([own]);
    const byWorker = (await iasWorker.get('/api/v1/cases')).json() as { items: { id: string }[] };
    expect(byWorker.items.map((c) => c.id).sort()).toEqual([caseA, caseB].sort());
  });

  // Bug 11: GET /persons/:id without its per-case check.
  it('shows a person across cases only where the caller may reveal them, and not at all to a stranger', async () => {
    const person = await addPerson(iasWorker, caseB, 'victim', {
      givenNames: 'Rosa',
      familyName: 'Mendes',
      birthDate: '1995-01-09',
    });
    const personId = person.person.id!;
    const linked = await iasWorker.post(`/api/v1/cases/${caseA}/people`, { role: 'witness', personId });
    expect(linked.statusCode, linked.body).toBe(201);
    const caseIds = async (client: TestClient) =>
      ((await client.get(`/api/v1/persons/${personId}`)).json() as { cases: { caseId: string }[] }).cases
        .map((c) => c.caseId)
        .sort();

    expect(await caseIds(iasWorker)).toEqual([caseA, caseB].sort());
    // The PJ officer, a member of case A who reads case B, may reveal the person in A only.
    expect(await caseIds(pjOfficer)).toEqual([caseA]);
    // A case worker of another agency finds no such person.
    const stranger = await gscWorker.get(`/api/v1/persons/${personId}`);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).not.toContain(caseB);
  });

  // Bug 12: a role change no longer ending the user's sessions.
  it('ends a user’s sessions when an administrator changes her roles', async () => {
    const { client, id } = await signedIn(agency.ias, ['analyst']);
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    const { version } = (await admin.get(`/api/v1/users/${id}`)).json() as { version: number };
    const changed = await admin.patch(`/api/v1/users/${id}`, { version, roles: ['auditor'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
    expect((await client.get('/api/v1/cases')).statusCode).toBe(401);
  });
});
