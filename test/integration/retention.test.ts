import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayIn } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { auditService, systemActor } from '../../src/modules/audit/audit.service.js';
import { startRetentionTimer } from '../../src/modules/retention/retention.scheduler.js';
import { runRetention } from '../../src/modules/retention/retention.service.js';
import { openCase } from '../support/case-fixtures.js';
import { runGuia } from '../support/cli.js';
import { databases, freshDatabase } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// Retention and data-subject requests (issue 11, deliverable 5): identities of people whose
// cases all closed more than GUIA_RETENTION_YEARS ago are erased by `guia retention run` (and
// the server's daily timer, which calls the same function); pseudonyms, statistics and the
// audit trail stay. A victim's request to erase or correct is recorded and carried out by
// those allowed, through the same erase function, and need-to-know holds throughout.

const today = todayIn('Asia/Macau');
const identity = (given: string) => ({
  givenNames: given,
  familyName: 'Lam',
  birthDate: '1990-04-02',
  identityNumber: `M${given.length}234567`,
  gender: 'female',
});

type Victim = { caseId: string; casePersonId: string; personId: string; pseudonym: string };

/** The `guia` command's environment for the test app's own database and key. */
async function cliEnv(t: TestApp, years: string): Promise<Record<string, string>> {
  const base = { GUIA_RETENTION_YEARS: years, GUIA_DATA_KEY_FILE: path.join(t.dataDir, 'guia.key') };
  if (t.sqliteFile) return { ...base, GUIA_DATA_DIR: path.dirname(t.sqliteFile) };
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.database.db);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${rows[0]!.name}`;
  return { ...base, GUIA_DATA_DIR: t.dataDir, DATABASE_URL: url.toString() };
}

describe.each(databases)('retention and data requests on %s', (kind) => {
  let t: TestApp;
  let officer: TestClient;
  let secretariat: TestClient;
  let worker: TestClient;
  let otherOfficer: TestClient;
  let analyst: TestClient;
  /** Cases closed in 2015: past a 5-year period. */
  let old: Victim;
  /** Also in an open case: kept. */
  let shared: Victim;
  /** Closed today: within the period. */
  let recent: Victim;
  /** Of an open case of another agency. */
  let foreign: Victim;
  /** For the requests: in an open case of the officer's agency. */
  let asking: Victim;

  const newCase = async (client: TestClient, reportDate: string) =>
    (await openCase(client, { reportDate, exploitationTypes: ['forced_labour'] })).id;
  const addVictim = async (client: TestClient, caseId: string, person: object): Promise<Victim> => {
    const response = await client.post(`/api/v1/cases/${caseId}/people`, { role: 'victim', ...person });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { id: string; person: { id: string; pseudonym: string } };
    return { caseId, casePersonId: body.id, personId: body.person.id, pseudonym: body.person.pseudonym };
  };
  const move = async (client: TestClient, caseId: string, to: string, decidedOn: string) => {
    const { version } = (await client.get(`/api/v1/cases/${caseId}`)).json() as { version: number };
    const response = await client.post(`/api/v1/cases/${caseId}/transitions`, { version, to, decidedOn });
    expect(response.statusCode, response.body).toBe(200);
  };
  const reveal = (client: TestClient, v: Victim) =>
    client.post(`/api/v1/cases/${v.caseId}/people/${v.casePersonId}/reveal`, { purpose: 'casework' });
  const sealedColumns = (personId: string) =>
    t.database.db
      .selectFrom('persons')
      .select([
        'given_names_enc',
        'family_name_enc',
        'identity_number_enc',
        'birth_date_enc',
        'contacts_enc',
        'address_enc',
        'notes_enc',
        'duplicate_key',
        'pseudonym',
        'gender',
      ])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
  const aggregates = () =>
    t.database.db
      .selectFrom('stat_cells')
      .selectAll()
      .execute()
      .then((rows) => rows.map((r) => JSON.stringify(r)).sort());
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const requestOn = (client: TestClient, v: Victim, body: object) =>
    client.post(`/api/v1/cases/${v.caseId}/people/${v.casePersonId}/data-requests`, body);

  beforeAll(async () => {
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const psp = await addAgency(admin, 'PSP');
    const signIn = async (agency: string, roles: Parameters<typeof addUser>[3]) => {
      const user = await addUser(t, admin, agency, roles);
      const client = t.client();
      await client.signIn(user.email);
      return { client, id: user.id };
    };
    officer = (await signIn(pj, ['agency_officer'])).client;
    const workerUser = await signIn(pj, ['case_worker']);
    worker = workerUser.client;
    secretariat = (await signIn(pj, ['secretariat'])).client;
    otherOfficer = (await signIn(psp, ['agency_officer'])).client;
    analyst = (await signIn(pj, ['analyst'])).client;

    const closedCase = await newCase(officer, '2014-05-01');
    old = await addVictim(officer, closedCase, { person: identity('Mei') });
    shared = await addVictim(officer, closedCase, { person: identity('Ana') });
    await move(officer, closedCase, 'archived', '2015-01-10');
    await move(officer, closedCase, 'closed', '2015-02-01');

    const openCase = await newCase(officer, '2024-03-01');
    await addVictim(officer, openCase, { personId: shared.personId });
    asking = await addVictim(officer, openCase, { person: identity('Joana') });
    const added = await officer.post(`/api/v1/cases/${openCase}/members`, { userId: workerUser.id });
    expect(added.statusCode, added.body).toBe(200);

    const recentCase = await newCase(officer, '2020-01-01');
    recent = await addVictim(officer, recentCase, { person: identity('Lin') });
    await move(officer, recentCase, 'archived', today);
    await move(officer, recentCase, 'closed', today);

    foreign = await addVictim(otherOfficer, await newCase(otherOfficer, '2023-06-01'), {
      person: identity('Rosa'),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a period of zero, a negative one or a word, naming the setting, and changes nothing', async () => {
    const before = await auditCount();
    for (const years of ['0', '-5', 'ten']) {
      const run = await runGuia(['retention', 'run'], { env: await cliEnv(t, years) });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('GUIA_RETENTION_YEARS');
    }
    const off = await runGuia(['retention', 'run'], { env: await cliEnv(t, 'off') });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('GUIA_RETENTION_YEARS: No retention period is set');
    expect(await auditCount()).toBe(before);
    expect((await reveal(officer, old)).statusCode).toBe(200);
  });

  it('a dry run lists who would be erased, by pseudonym and id, and changes nothing', async () => {
    const before = await auditCount();
    const run = await runGuia(['retention', 'run', '--dry-run', '--json'], { env: await cliEnv(t, '5') });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { dryRun: boolean; erased: number; people: object[] };
    expect(report).toMatchObject({ dryRun: true, erased: 0, years: 5 });
    expect(report.people).toEqual([
      { personId: old.personId, pseudonym: old.pseudonym, closedOn: '2015-02-01', cases: 1 },
    ]);
    expect(run.stdout).not.toContain('Mei');
    expect(await auditCount()).toBe(before);
    expect((await sealedColumns(old.personId)).given_names_enc).not.toBeNull();
  });

  it('erases identities past the period, keeps pseudonyms, statistics and a verifying audit trail', async () => {
    const statistics = await analyst.get('/api/v1/statistics/indicators?kind=victim&by=sex');
    expect(statistics.statusCode, statistics.body).toBe(200);
    const cellsBefore = await aggregates();
    expect(cellsBefore.length).toBeGreaterThan(0);

    const run = await runGuia(['retention', 'run'], { env: await cliEnv(t, '5') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 identity erased');
    expect(run.stdout).toContain(old.pseudonym);

    const erased = await sealedColumns(old.personId);
    expect(erased).toEqual({
      given_names_enc: null,
      family_name_enc: null,
      identity_number_enc: null,
      birth_date_enc: null,
      contacts_enc: null,
      address_enc: null,
      notes_enc: null,
      duplicate_key: null,
      pseudonym: old.pseudonym,
      gender: 'female',
    });
    const tokens = await t.database.db
      .selectFrom('person_name_tokens')
      .select('token_hash')
      .where('person_id', '=', old.personId)
      .execute();
    expect(tokens).toEqual([]);
    // Kept: a person also in an open case, and one whose case closed within the period.
    for (const kept of [shared, recent])
      expect((await sealedColumns(kept.personId)).given_names_enc).not.toBeNull();

    expect(await aggregates()).toEqual(cellsBefore);
    expect((await analyst.get('/api/v1/statistics/indicators?kind=victim&by=sex')).json()).toEqual(
      statistics.json(),
    );

    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'in', ['person.identity_erased', 'retention.run'])
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.entity_id])).toEqual([
      ['person.identity_erased', old.personId],
      ['retention.run', null],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Mei');
    expect((await auditService.verify(t.database.db)).ok).toBe(true);

    // A second run finds nobody new: an erased identity is not erased twice.
    const again = await runRetention(
      t.database.db,
      { actor: systemActor('system'), cipher: t.cipher },
      { years: 5, today, now: new Date().toISOString(), dryRun: false },
    );
    expect(again).toMatchObject({ erased: 0, people: [] });
  });

  it('the server erases on its daily timer, once a day (a day the command already ran is not run again)', async () => {
    const closedCase = await newCase(officer, '2013-01-01');
    const late = await addVictim(officer, closedCase, { person: identity('Iris') });
    await move(officer, closedCase, 'archived', '2013-06-01');
    await move(officer, closedCase, 'closed', '2013-07-01');
    const config = { timeZone: 'Asia/Macau', retentionYears: 5, retentionTime: '00:00' };
    const ran = (lines: string[]) => {
      let done: (line: string) => void = () => {};
      const line = new Promise<string>((resolve) => (done = resolve));
      const log = {
        info: (text: string) => (lines.push(text), done(text)),
        error: (_: unknown, text: string) => done(text),
      };
      return { line, log };
    };
    // `guia retention run` above took today's run: the timer would not repeat it. As if it last ran long ago:
    const claim = t.database.db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', 'retention.last_day');
    expect((await claim.executeTakeFirstOrThrow()).value).toBe(today);
    await t.database.db
      .updateTable('instance_settings')
      .set({ value: '2000-01-01' })
      .where('key', '=', 'retention.last_day')
      .execute();
    const first = ran([]);
    const timer = startRetentionTimer(t.database, t.cipher, config, first.log);
    expect(await first.line).toMatch(
      /^retention \d{4}-\d{2}-\d{2}: 1 identities erased \(5 years after closure/,
    );
    timer.stop();
    expect((await sealedColumns(late.personId)).given_names_enc).toBeNull();
    expect((await claim.executeTakeFirstOrThrow()).value).toBe(today);
    // Off without a period: no timer at all.
    const off = startRetentionTimer(t.database, t.cipher, { ...config, retentionYears: null }, first.log);
    off.stop();
  });

  it('answers a reveal of an erased identity that it was erased, in three languages', async () => {
    const expected = {
      en: `The identity of ${old.pseudonym} was erased on`,
      pt: `A identidade de ${old.pseudonym} foi apagada em`,
      'zh-Hant': `${old.pseudonym} 的身份已於`,
    };
    for (const [language, text] of Object.entries(expected)) {
      await officer.put('/api/v1/account/language', { language });
      const response = await reveal(officer, old);
      expect(response.statusCode).toBe(410);
      expect((response.json() as { title: string }).title).toContain(text);
    }
    await officer.put('/api/v1/account/language', { language: 'en' });
    const page = await officer.get(`/api/v1/cases/${old.caseId}/people/${old.casePersonId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(old.pseudonym);
  });

  it('a user without data_request.manage can neither record nor carry out a request', async () => {
    for (const client of [worker, analyst]) {
      const response = await requestOn(client, asking, {
        kind: 'erasure',
        requestedBy: 'data_subject',
        receivedOn: today,
      });
      expect(response.statusCode).toBe(403);
    }
    const recorded = await requestOn(officer, asking, {
      kind: 'correction',
      requestedBy: 'data_subject',
      receivedOn: today,
      fields: ['familyName'],
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const request = recorded.json() as { id: string; version: number };
    const attempt = await worker.post(`/api/v1/data-requests/${request.id}/carry-out`, {
      version: request.version,
      identity: { familyName: 'Chan' },
    });
    expect(attempt.statusCode).toBe(403);
    expect((await worker.get('/api/v1/data-requests')).statusCode).toBe(403);

    // The officer, a member who may edit the identity, carries the correction out; only the field asked.
    const extra = await officer.post(`/api/v1/data-requests/${request.id}/carry-out`, {
      version: request.version,
      identity: { givenNames: 'Jo' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('identity.givenNames');
    const done = await officer.post(`/api/v1/data-requests/${request.id}/carry-out`, {
      version: request.version,
      identity: { familyName: 'Chan' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'carried_out', kind: 'correction', identityErased: false });
    expect(((await reveal(officer, asking)).json() as { familyName: string }).familyName).toBe('Chan');
  });

  it('an agency user cannot reach a person of another agency’s case', async () => {
    const body = { kind: 'erasure', requestedBy: 'data_subject', receivedOn: today };
    expect((await requestOn(officer, foreign, body)).statusCode).toBe(404);
    expect((await requestOn(otherOfficer, asking, body)).statusCode).toBe(404);
    const listed = (await otherOfficer.get('/api/v1/data-requests')).json() as { items: unknown[] };
    expect(listed.items).toEqual([]);
    const before = await sealedColumns(foreign.personId);
    expect(before.given_names_enc).not.toBeNull();
  });

  it('records an erasure request, carries it out through the same erase, and says so when asked again', async () => {
    const recorded = await requestOn(secretariat, asking, {
      kind: 'erasure',
      requestedBy: 'legal_representative',
      receivedOn: today,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const request = recorded.json() as { id: string; version: number; fields: string[] };
    expect(request.fields).toHaveLength(7);
    // Someone of another agency cannot carry out a request on this person either.
    expect(
      (await otherOfficer.post(`/api/v1/data-requests/${request.id}/carry-out`, { version: 1 })).statusCode,
    ).toBe(404);

    const done = await secretariat.post(`/api/v1/data-requests/${request.id}/carry-out`, { version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'carried_out',
      identityErased: true,
      pseudonym: asking.pseudonym,
    });
    expect((await sealedColumns(asking.personId)).given_names_enc).toBeNull();
    const erasure = await t.database.db
      .selectFrom('person_erasures')
      .selectAll()
      .where('person_id', '=', asking.personId)
      .executeTakeFirstOrThrow();
    expect(erasure).toMatchObject({ reason: 'request', request_id: request.id });

    const twice = await secretariat.post(`/api/v1/data-requests/${request.id}/carry-out`, { version: 2 });
    expect(twice.statusCode).toBe(409);
    const another = await requestOn(officer, asking, {
      kind: 'erasure',
      requestedBy: 'data_subject',
      receivedOn: today,
    });
    expect(another.statusCode).toBe(410);
    expect((another.json() as { title: string }).title).toContain('was erased on');
    expect((await reveal(officer, asking)).statusCode).toBe(410);
    const edit = await officer.put(`/api/v1/cases/${asking.caseId}/people/${asking.casePersonId}/identity`, {
      version: 99,
      givenNames: 'Again',
    });
    expect(edit.statusCode).toBe(410);
    expect((await auditService.verify(t.database.db)).ok).toBe(true);
  });

  it('refuses a request with a reason code, and rejects bad input without writing', async () => {
    const before = await auditCount();
    const bad = await requestOn(secretariat, recent, {
      kind: 'erasure',
      requestedBy: 'neighbour',
      receivedOn: '2099-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const future = await requestOn(secretariat, recent, {
      kind: 'erasure',
      requestedBy: 'data_subject',
      receivedOn: '2099-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('receivedOn');
    const noFields = await requestOn(secretariat, recent, {
      kind: 'correction',
      requestedBy: 'data_subject',
      receivedOn: today,
    });
    expect(noFields.statusCode).toBe(400);
    expect(noFields.body).toContain('fields');
    expect(await auditCount()).toBe(before);

    const recorded = (
      await requestOn(secretariat, recent, {
        kind: 'erasure',
        requestedBy: 'data_subject',
        receivedOn: today,
      })
    ).json() as { id: string };
    const refused = await secretariat.post(`/api/v1/data-requests/${recorded.id}/refuse`, {
      version: 1,
      reason: 'ongoing_proceedings',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({
      status: 'refused',
      refusalReason: 'ongoing_proceedings',
      identityErased: false,
    });
    const listed = (await secretariat.get('/api/v1/data-requests')).json() as { items: { id: string }[] };
    expect(listed.items.map((i) => i.id)).toContain(recorded.id);
    expect((await sealedColumns(recent.personId)).given_names_enc).not.toBeNull();
  });

  it('backs up and restores a database with erased identities; the trail verifies in the copy', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'guia-retention-backup-'));
    const fresh = await freshDatabase(kind);
    try {
      const env = await cliEnv(t, 'off');
      const file = path.join(work, 'guia.backup');
      const passphrase = { GUIA_BACKUP_PASSPHRASE: 'harbour lantern typhoon 8' };
      const made = await runGuia(['backup', file], { env: { ...env, ...passphrase } });
      expect(made.code, made.stderr).toBe(0);
      const target =
        fresh.target.kind === 'sqlite'
          ? { kind: 'sqlite' as const, file: path.join(work, 'guia.sqlite') }
          : fresh.target;
      const restoredEnv = {
        GUIA_DATA_DIR: work,
        GUIA_DATA_KEY_FILE: env.GUIA_DATA_KEY_FILE!,
        ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
        ...passphrase,
      };
      const restored = await runGuia(['restore', file], { env: restoredEnv });
      expect(restored.code, restored.stderr).toBe(0);
      const verified = await runGuia(['audit', 'verify'], { env: restoredEnv });
      expect(verified.code, verified.stderr).toBe(0);
      const copy = openDatabase(target);
      try {
        const erasures = await copy.db
          .selectFrom('person_erasures')
          .select('person_id')
          .orderBy('person_id')
          .execute();
        const original = await t.database.db.selectFrom('person_erasures').selectAll().execute();
        expect(original.map((e) => e.person_id)).toEqual(
          expect.arrayContaining([old.personId, asking.personId]),
        );
        expect(erasures.map((e) => e.person_id).sort()).toEqual(original.map((e) => e.person_id).sort());
        const person = await copy.db
          .selectFrom('persons')
          .select(['given_names_enc', 'pseudonym'])
          .where('id', '=', old.personId)
          .executeTakeFirstOrThrow();
        expect(person).toEqual({ given_names_enc: null, pseudonym: old.pseudonym });
      } finally {
        await copy.close();
      }
    } finally {
      await fresh.drop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
