import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type CaseView = {
  id: string;
  reference: string;
  stage: string;
  version: number;
  allowedNextStages: string[];
  people: {
    id: string;
    role: string;
    person: { id: string; pseudonym: string; version: number };
    version: number;
    probableDuplicates: { pseudonym: string }[];
    suspect: { verdict: string | null } | null;
  }[];
  timeline: { type: string; to?: string; kind?: string }[];
  qualifications: { code: string; removedAt: string | null; stage: string }[];
};

const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz-Santos' };

describe.each(databases)('case file on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pj: string;
  let ias: string;
  let officer: TestClient;
  let otherOfficer: TestClient;
  let analyst: TestClient;
  let kase: CaseView;

  const refresh = async () => (kase = (await officer.get(`/api/v1/cases/${kase.id}`)).json() as CaseView);
  const move = async (to: string, decidedOn = '2020-06-01') =>
    officer.post(`/api/v1/cases/${kase.id}/transitions`, {
      version: kase.version,
      to,
      decidedOn,
      authority: 'Ministério Público',
    });

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    otherOfficer = await signedInClient(t, admin, ias, ['agency_officer']);
    analyst = await signedInClient(t, admin, ias, ['analyst']);
    const created = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      factsDate: '2020-02-20',
      reportDate: '2020-03-02',
      registrationDate: '2020-03-03',
      exploitationTypes: ['sexual_exploitation'],
      qualifications: ['mo_pc_153a'],
      places: [{ country: 'MAC', locality: 'NAPE' }],
      summary: 'Raid on a massage parlour.',
    });
    expect(created.statusCode, created.body).toBe(201);
    kase = created.json() as CaseView;
  });
  afterAll(() => t.close());

  it('numbers cases per lead agency and year', async () => {
    expect(kase.reference).toBe('PJ-2020-0001');
    const second = await officer.post('/api/v1/cases', {
      origin: 'hotline',
      reportDate: '2020-05-01',
      registrationDate: '2020-05-01',
    });
    expect((second.json() as CaseView).reference).toBe('PJ-2020-0002');
  });

  it('follows the reference pattern configured for the agency, and refuses a bad one', async () => {
    const agency = (
      (await admin.get('/api/v1/agencies')).json() as { id: string; code: string; version: number }[]
    ).find((a) => a.code === 'IAS')!;
    const bad = await admin.patch(`/api/v1/agencies/${agency.id}`, {
      version: agency.version,
      caseReferencePattern: 'IAS/{YYYY}',
    });
    expect(bad.json()).toMatchObject({
      errors: [{ path: 'caseReferencePattern', code: 'reference_pattern_missing_seq' }],
    });
    const good = await admin.patch(`/api/v1/agencies/${agency.id}`, {
      version: agency.version,
      caseReferencePattern: '{SEQ:3}/{AGENCY}/{YY}',
    });
    expect(good.json()).toMatchObject({ caseReferencePattern: '{SEQ:3}/{AGENCY}/{YY}' });
    const worker = await signedInClient(t, admin, ias, ['case_worker']);
    const created = await worker.post('/api/v1/cases', {
      origin: 'self_report',
      reportDate: '2021-07-01',
      registrationDate: '2021-07-02',
    });
    expect(created.json()).toMatchObject({ reference: '001/IAS/21' });
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const cases = async () =>
      ((await officer.get('/api/v1/cases')).json() as { items: unknown[] }).items.length;
    const before = await cases();
    const future = await officer.post('/api/v1/cases', { origin: 'hotline', reportDate: '2099-01-01' });
    expect(future.json()).toMatchObject({ errors: [{ path: 'reportDate', code: 'future_date' }] });
    const unknownCode = await officer.post('/api/v1/cases', {
      origin: 'rumour',
      reportDate: '2020-01-01',
      exploitationTypes: ['juggling'],
    });
    expect((unknownCode.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['origin', 'exploitationTypes.0']),
    );
    const unknownLaw = await officer.post('/api/v1/cases', {
      origin: 'hotline',
      reportDate: '2020-01-01',
      qualifications: ['mo_pc_999'],
    });
    expect(unknownLaw.json()).toMatchObject({ errors: [{ path: 'qualifications.0', code: 'unknown' }] });
    expect(await cases()).toBe(before);
  });

  it('adds a victim and a suspect under pseudonyms and flags a probable duplicate', async () => {
    const victim = await officer.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'victim',
      person: {
        ...victimName,
        birthDate: '1999-04-12',
        identityNumber: 'P1234567',
        citizenship: ['PHL'],
        gender: 'female',
        notes: 'Speaks Tagalog and some English.',
      },
      victim: {
        traffickingStatus: 'possible_victim',
        meansOfControl: ['withholds_documents', 'debt_bondage'],
        exploitationTypes: ['sexual_exploitation'],
        ageWhenTrafficked: 20,
      },
    });
    expect(victim.statusCode, victim.body).toBe(201);
    expect((victim.json() as { person: { pseudonym: string } }).person.pseudonym).toMatch(/^V-\d{4}-\d{4}$/);
    const suspect = await officer.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'suspect',
      person: { givenNames: 'Ka Wai', familyName: 'Leung', citizenship: ['CHN'] },
      suspect: { rolesInProcess: ['exploiter'], charges: [] },
    });
    expect(suspect.statusCode, suspect.body).toBe(201);
    // The same woman, her name written differently, registered again in another case.
    const other = (
      await officer.post('/api/v1/cases', {
        origin: 'ngo_referral',
        reportDate: '2020-04-01',
        registrationDate: '2020-04-01',
      })
    ).json() as CaseView;
    const again = await officer.post(`/api/v1/cases/${other.id}/people`, {
      role: 'victim',
      person: {
        givenNames: 'MARIA CLARA',
        familyName: 'Dela Cruz Santos',
        birthDate: '1999-04-12',
        identityNumber: 'p123 4567',
        citizenship: ['PHL'],
      },
    });
    expect((again.json() as CaseView['people'][number]).probableDuplicates).toHaveLength(1);
    await refresh();
    expect(kase.people.map((p) => p.role).sort()).toEqual(['suspect', 'victim']);
  });

  it('refuses a birth date in the future, a victim in no case, and an unknown code', async () => {
    const future = await officer.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'witness',
      person: { givenNames: 'A', birthDate: '2099-01-01' },
    });
    expect(future.json()).toMatchObject({ errors: [{ path: 'person.birthDate', code: 'future_date' }] });
    const noCase = await officer.post('/api/v1/cases/0190a000-0000-7000-8000-000000000000/people', {
      role: 'victim',
      person: { givenNames: 'A' },
    });
    expect(noCase.statusCode).toBe(404);
    const badCode = await officer.post(`/api/v1/cases/${kase.id}/people`, {
      role: 'victim',
      person: { givenNames: 'A' },
      victim: { meansOfControl: ['magic'] },
    });
    expect(badCode.json()).toMatchObject({
      errors: [{ path: 'victim.meansOfControl.0', code: 'invalid_value' }],
    });
  });

  it('shows identities only to members of the case, and audits every reveal', async () => {
    const victim = kase.people.find((p) => p.role === 'victim')!;
    const revealed = await officer.post(`/api/v1/cases/${kase.id}/people/${victim.id}/reveal`, {
      purpose: 'casework',
    });
    expect(revealed.json()).toMatchObject({
      ...victimName,
      birthDate: '1999-04-12',
      pseudonym: victim.person.pseudonym,
    });
    // Another agency's officer cannot even open the case, and its people are not there for him;
    // an analyst reads it but never a name.
    expect((await otherOfficer.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(403);
    expect(
      (
        await otherOfficer.post(`/api/v1/cases/${kase.id}/people/${victim.id}/reveal`, {
          purpose: 'casework',
        })
      ).statusCode,
    ).toBe(404);
    const analystView = await analyst.get(`/api/v1/cases/${kase.id}`);
    expect(analystView.statusCode).toBe(200);
    expect(analystView.body).not.toContain('Maria');
    expect(
      (await analyst.post(`/api/v1/cases/${kase.id}/people/${victim.id}/reveal`, { purpose: 'casework' }))
        .statusCode,
    ).toBe(403);
    const reveals = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.identity_revealed')
      .execute();
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.summary).not.toContain('Maria');
  });

  it('lets a member from another agency reveal once added to the case', async () => {
    const worker = await addUser(t, admin, ias, ['case_worker']);
    const client = t.client();
    await client.signIn(worker.email);
    const victim = kase.people.find((p) => p.role === 'victim')!;
    expect(
      (await client.post(`/api/v1/cases/${kase.id}/people/${victim.id}/reveal`, { purpose: 'casework' }))
        .statusCode,
    ).toBe(404);
    expect((await officer.post(`/api/v1/cases/${kase.id}/members`, { userId: worker.id })).statusCode).toBe(
      200,
    );
    expect(
      (
        await client.post(`/api/v1/cases/${kase.id}/people/${victim.id}/reveal`, { purpose: 'casework' })
      ).json(),
    ).toMatchObject(victimName);
  });

  it('lets a member correct an identity against its version, recording which fields changed but not their values', async () => {
    await refresh();
    const victim = kase.people.find((p) => p.role === 'victim')!;
    const url = `/api/v1/cases/${kase.id}/people/${victim.id}/identity`;
    const corrected = await officer.put(url, {
      version: victim.person.version,
      contacts: '+63 917 000 0000',
    });
    expect(corrected.json()).toMatchObject({ ...victimName, contacts: '+63 917 000 0000' });
    const stale = await officer.put(url, {
      version: victim.person.version,
      contacts: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'person.updated')
      .execute();
    expect(audit.at(-1)!.summary).toBe(JSON.stringify({ fields: ['contacts'] }));
    expect((await analyst.put(url, { version: 9, contacts: 'y' })).statusCode).toBe(403);
  });

  it('finds cases by name for members only', async () => {
    const found = (await officer.get('/api/v1/cases?name=dela%20cruz')).json() as { items: { id: string }[] };
    expect(found.items.map((c) => c.id)).toContain(kase.id);
    expect((await analyst.get('/api/v1/cases?name=dela%20cruz')).statusCode).toBe(403);
    const byReference = (await analyst.get('/api/v1/cases?reference=PJ-2020-0001')).json() as {
      items: { id: string }[];
    };
    expect(byReference.items.map((c) => c.id)).toEqual([kase.id]);
  });

  it('never stores a name in plain text', async () => {
    const needles = ['Maria Clara', 'Dela Cruz', 'P1234567', '1999-04-12', 'Tagalog', 'massage parlour'];
    if (t.kind === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.database.db);
      const files = [t.sqliteFile!, `${t.sqliteFile}-wal`].filter(existsSync);
      const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
      expect(bytes.length).toBeGreaterThan(10_000);
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
    } else {
      const tables = await sql<{
        tablename: string;
      }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(t.database.db);
      let dump = '';
      for (const { tablename } of tables.rows) {
        const rows = await sql`SELECT * FROM ${sql.table(tablename)}`.execute(t.database.db);
        dump += JSON.stringify(rows.rows);
      }
      expect(dump).toContain(kase.reference);
      for (const needle of needles) expect(dump.includes(needle), needle).toBe(false);
    }
  });

  it('takes the case from report to judgment with dated, attributed steps', async () => {
    expect(kase.allowedNextStages).toEqual(['under_investigation', 'archived']);
    const refused = await move('at_trial');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'case.transition_not_allowed' });
    // The reason names the stages in words, not codes.
    expect((refused.json() as { title: string }).title).toContain('“Reported”');
    expect((refused.json() as { title: string }).title).not.toContain('at_trial');
    expect((await move('under_investigation', '2020-03-05')).statusCode).toBe(200);
    await refresh();
    expect(
      (
        await officer.post(`/api/v1/cases/${kase.id}/judicial-acts`, {
          kind: 'search_authorisation',
          authority: 'Juízo de Instrução Criminal',
          actDate: '2020-03-06',
        })
      ).statusCode,
    ).toBe(200);
    await refresh();
    expect((await move('referred_to_prosecution', '2020-04-01')).statusCode).toBe(200);
    await refresh();
    // No defendant is charged yet: the case cannot be charged.
    expect((await move('charged', '2020-05-01')).json()).toMatchObject({ code: 'case.no_defendant_charged' });
    const suspect = kase.people.find((p) => p.role === 'suspect')!;
    expect(
      (
        await officer.patch(`/api/v1/cases/${kase.id}/people/${suspect.id}`, {
          version: suspect.version,
          suspect: { charges: ['mo_l6_97_m_8'] },
        })
      ).statusCode,
    ).toBe(200);
    await refresh();
    expect(
      (
        await officer.post(`/api/v1/cases/${kase.id}/qualifications`, {
          version: kase.version,
          add: ['mo_l6_97_m_8'],
          remove: ['mo_pc_153a'],
        })
      ).statusCode,
    ).toBe(200);
    await refresh();
    expect((await move('charged', '2020-05-01')).statusCode).toBe(200);
    await refresh();
    expect((await move('at_trial', '2020-09-01')).statusCode).toBe(200);
    await refresh();
    const early = kase.people.find((p) => p.role === 'suspect')!;
    expect(
      (
        await officer.put(`/api/v1/cases/${kase.id}/people/${early.id}/verdict`, {
          version: early.version,
          verdict: 'convicted',
          verdictDate: '2020-10-01',
          sentenceMonths: 30,
        })
      ).json(),
    ).toMatchObject({ code: 'case.verdict_not_allowed_yet' });
    expect((await move('judgment', '2021-01-15')).statusCode).toBe(200);
    await refresh();
    expect((await move('closed', '2021-02-01')).json()).toMatchObject({ code: 'case.verdicts_missing' });
    const defendant = kase.people.find((p) => p.role === 'suspect')!;
    const acquittedWithSentence = await officer.put(
      `/api/v1/cases/${kase.id}/people/${defendant.id}/verdict`,
      { version: defendant.version, verdict: 'acquitted', verdictDate: '2021-01-15', sentenceMonths: 12 },
    );
    expect(acquittedWithSentence.json()).toMatchObject({
      errors: [{ path: 'sentenceMonths', code: 'not_allowed_for_acquittal' }],
    });
    const convicted = await officer.put(`/api/v1/cases/${kase.id}/people/${defendant.id}/verdict`, {
      version: defendant.version,
      verdict: 'convicted',
      verdictDate: '2021-01-15',
      sentenceMonths: 30,
      suspended: true,
      compensationAmount: 50000,
    });
    expect(convicted.statusCode, convicted.body).toBe(200);
    await refresh();
    expect((await move('closed', '2021-03-01')).statusCode).toBe(200);
    await refresh();
    expect(kase.stage).toBe('closed');
    expect(kase.timeline.filter((e) => e.type === 'transition').map((e) => e.to)).toEqual([
      'reported',
      'under_investigation',
      'referred_to_prosecution',
      'charged',
      'at_trial',
      'judgment',
      'closed',
    ]);
    expect(kase.timeline.some((e) => e.type === 'judicial_act' && e.kind === 'search_authorisation')).toBe(
      true,
    );
    expect(kase.qualifications.find((q) => q.code === 'mo_pc_153a')).toMatchObject({
      stage: 'reported',
      removedAt: expect.any(String),
    });
  });

  it('keeps the legal qualifications as a list the administrator maintains', async () => {
    const added = await admin.post('/api/v1/legal-qualifications', {
      code: 'mo_l2_90_m_test',
      law: 'Law 2/90/M',
      article: '1',
      labels: { en: 'Test offence', 'zh-Hant': '測試罪行', pt: 'Crime de teste' },
      trafficking: false,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (
        await officer.post('/api/v1/legal-qualifications', {
          code: 'x_y',
          law: 'x',
          article: '1',
          labels: { en: 'a', 'zh-Hant': 'b', pt: 'c' },
          trafficking: false,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await admin.patch('/api/v1/legal-qualifications/mo_l2_90_m_test', { active: false })).statusCode,
    ).toBe(200);
    // A retired qualification can no longer be given to a case.
    const refused = await officer.post('/api/v1/cases', {
      origin: 'hotline',
      reportDate: '2020-01-01',
      qualifications: ['mo_l2_90_m_test'],
    });
    expect(refused.json()).toMatchObject({ errors: [{ path: 'qualifications.0', code: 'unknown' }] });
  });

  it('refuses a stale update with 409 and changes nothing', async () => {
    await refresh();
    const stale = await officer.patch(`/api/v1/cases/${kase.id}`, {
      version: kase.version - 1,
      origin: 'hotline',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.stale' });
    expect(((await officer.get(`/api/v1/cases/${kase.id}`)).json() as { origin: string }).origin).toBe(
      'police_operation',
    );
  });

  it('lists cases with filters within the reach of each role', async () => {
    const own = (await officer.get('/api/v1/cases?year=2020&stage=closed')).json() as {
      items: { id: string }[];
    };
    expect(own.items.map((c) => c.id)).toEqual([kase.id]);
    // IAS sees its own cases, and this PJ case since one of its case workers became a member; no other PJ case.
    const seenByIas = (
      (await otherOfficer.get('/api/v1/cases')).json() as {
        items: { id: string; leadAgency: { code: string } }[];
      }
    ).items;
    expect(seenByIas.map((c) => c.id)).toContain(kase.id);
    expect(seenByIas.filter((c) => c.id !== kase.id).every((c) => c.leadAgency.code === 'IAS')).toBe(true);
    const secondId = (
      (await officer.get('/api/v1/cases?reference=PJ-2020-0002')).json() as { items: { id: string }[] }
    ).items[0]!.id;
    const second = (await officer.get(`/api/v1/cases/${secondId}`)).json() as CaseView;
    const all = (await analyst.get('/api/v1/cases?exploitationType=sexual_exploitation')).json() as {
      items: { id: string; victims: number }[];
    };
    expect(all.items.find((c) => c.id === kase.id)?.victims).toBe(1);
    expect(all.items.every((c) => c.id !== second.id)).toBe(true);
    await officer.patch(`/api/v1/cases/${second.id}`, {
      version: second.version,
      exploitationTypes: ['forced_labour'],
    });
    const labour = (await analyst.get('/api/v1/cases?exploitationType=forced_labour')).json() as {
      items: { id: string }[];
    };
    expect(labour.items.map((c) => c.id)).toContain(second.id);
    const paged = (await analyst.get('/api/v1/cases?limit=1')).json() as {
      items: { id: string }[];
      nextCursor: string;
    };
    const next = (await analyst.get(`/api/v1/cases?limit=1&cursor=${paged.nextCursor}`)).json() as {
      items: { id: string }[];
    };
    expect(next.items[0]!.id).not.toBe(paged.items[0]!.id);
  });
});
