import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// A screening is an interview (issue #12): observations kept sealed and shown to those who
// work the victim, the language and interpreter recorded, and a person under 18 by her birth
// date screened on the children's list whatever the form says.

type Screening = {
  id: string;
  notes: string | null;
  interviewLanguage: string | null;
  interpreter: boolean | null;
};
type Problem = { code: string; errors?: { path: string; code: string }[] };

const observation = 'Avoided eye contact when the employer was named; bruises on the left wrist.';

describe.each(databases)('screening interview on %s', (kind) => {
  let t: TestApp;
  let officer: TestClient;
  let outsider: TestClient;
  let victimPath: string;
  let childPath: string;

  beforeAll(async () => {
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const ias = await addAgency(admin, 'IAS', 'social_welfare');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    outsider = await signedInClient(t, admin, ias, ['agency_officer']);
    const kase = await officer.post('/api/v1/cases', {
      origin: 'police_operation',
      reportDate: '2026-03-01',
      registrationDate: '2026-03-01',
    });
    const caseId = (kase.json() as { id: string }).id;
    const addVictim = async (birthDate: string) => {
      const added = await officer.post(`/api/v1/cases/${caseId}/people`, {
        role: 'victim',
        person: { givenNames: 'Lin', familyName: 'Ho', birthDate, citizenship: ['VNM'] },
      });
      expect(added.statusCode, added.body).toBe(201);
      return `/api/v1/cases/${caseId}/people/${(added.json() as { id: string }).id}`;
    };
    victimPath = await addVictim('1990-05-04');
    childPath = await addVictim('2009-06-01');
  });
  afterAll(() => t.close());

  const screen = (path: string, extra: Record<string, unknown>) =>
    officer.post(`${path}/screenings`, {
      list: 'adult-labour',
      child: false,
      answers: {},
      screenedOn: '2026-03-02',
      ...extra,
    });

  it('keeps the observations sealed and shows them, the language and the interpreter to the worker', async () => {
    const recorded = await screen(victimPath, {
      notes: observation,
      interviewLanguage: 'vi',
      interpreter: true,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ notes: observation, interviewLanguage: 'vi', interpreter: true });

    const id = (recorded.json() as Screening).id;
    const row = await t.database.db
      .selectFrom('screenings')
      .select(['notes_enc', 'interview_language', 'interpreter'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.notes_enc).not.toContain('bruises');
    expect(row.interview_language).toBe('vi');

    const listed = (await officer.get(`${victimPath}/screenings`)).json() as Screening[];
    expect(listed.find((s) => s.id === id)?.notes).toBe(observation);
    // Reading the observations is recorded, and the audit entry of the screening holds no note.
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['screening.recorded', 'protection.notes_read'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['screening.recorded', 'protection.notes_read']);
    expect(JSON.stringify(audit)).not.toContain('bruises');
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({ interviewLanguage: 'vi', interpreter: true });
  });

  it('does not show the observations to an officer outside the case', async () => {
    const response = await outsider.get(`${victimPath}/screenings`);
    expect(response.statusCode).toBeGreaterThanOrEqual(403);
    expect(response.body).not.toContain('bruises');
  });

  it('records a screening without interview details as not recorded, not as "no interpreter"', async () => {
    const recorded = await screen(victimPath, {});
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ notes: null, interviewLanguage: null, interpreter: null });
  });

  it('refuses an interview language that is not a language code, writing nothing', async () => {
    const before = (await officer.get(`${victimPath}/screenings`)).json() as Screening[];
    const response = await screen(victimPath, { interviewLanguage: 'Tagalog<script>' });
    expect(response.statusCode).toBe(400);
    expect((response.json() as Problem).errors).toContainEqual(
      expect.objectContaining({ path: 'interviewLanguage' }),
    );
    expect((await officer.get(`${victimPath}/screenings`)).json()).toHaveLength(before.length);
  });

  it('knows from the birth date that a 16-year-old is a child, and refuses the adult list for her', async () => {
    const context = await officer.get(`${childPath}/screenings/context`);
    expect(context.statusCode, context.body).toBe(200);
    expect(context.json()).toEqual({ under18: true });
    expect((await officer.get(`${victimPath}/screenings/context`)).json()).toEqual({ under18: false });

    const adult = await screen(childPath, {});
    expect(adult.statusCode).toBe(400);
    expect((adult.json() as Problem).errors).toContainEqual(
      expect.objectContaining({ path: 'child', code: 'under_18_by_birth_date' }),
    );
    const child = await screen(childPath, { list: 'child-labour', child: true });
    expect(child.statusCode, child.body).toBe(201);
  });

  it('does not tell an outsider whether the person is a child', async () => {
    const response = await outsider.get(`${childPath}/screenings/context`);
    expect(response.statusCode).toBeGreaterThanOrEqual(403);
    expect(response.body).not.toContain('under18');
  });
});
