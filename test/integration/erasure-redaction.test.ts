import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditService } from '../../src/modules/audit/audit.service.js';
import {
  addCasePerson,
  giveReferralConsent,
  openCase,
  sendShelterReferral,
} from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addAgency, addSignedInUser } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// Erasing an identity (by request here; the retention period calls the same function) also
// takes her names out of the free text of her cases: a journal note and a referral's details
// that named her name her pseudonym instead, in the same transaction, with counts in the audit
// trail; a note that names only someone else is not rewritten at all.

describe.each(databases)('erasure of names in free text on %s', (kind) => {
  let t: TestApp;
  let secretariat: TestClient;
  let worker: TestClient;
  let caseId: string;
  let victim: { id: string; pseudonym: string; path: string };
  let personId: string;
  const notes: Record<'hers' | 'other', string> = { hers: '', other: '' };
  let referralId: string;

  const sealed = async (table: 'case_journal' | 'referrals', id: string) => {
    const row =
      table === 'case_journal'
        ? await t.database.db
            .selectFrom('case_journal')
            .select('text_enc as value')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        : await t.database.db
            .selectFrom('referrals')
            .select(['details_enc as value', 'version'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
    return row as { value: string | null; version?: number };
  };
  const open = (table: 'case_journal' | 'referrals', value: string | null) =>
    t.cipher.decrypt(value!, table === 'case_journal' ? 'case_journal.text' : 'referrals.details');

  beforeAll(async () => {
    let admin: TestClient;
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    const ngo = await addAgency(admin, 'NGO', 'ngo');
    const signIn = (roles: Parameters<typeof addSignedInUser>[3]) => addSignedInUser(t, admin, pj, roles);
    const officer = (await signIn(['agency_officer'])).client;
    const workerUser = await signIn(['case_worker']);
    worker = workerUser.client;
    secretariat = (await signIn(['secretariat'])).client;
    caseId = (await openCase(officer, { reportDate: '2024-03-01', exploitationTypes: ['forced_labour'] })).id;
    expect(
      (await officer.post(`/api/v1/cases/${caseId}/members`, { userId: workerUser.id })).statusCode,
    ).toBe(200);
    victim = await addCasePerson(worker, caseId, {
      role: 'victim',
      person: { givenNames: 'Maria José', familyName: 'da Silva', citizenship: [] },
    });
    personId = (victim as unknown as { view: { person: { id: string } } }).view.person.id;
    await addCasePerson(worker, caseId, {
      role: 'victim',
      person: { givenNames: '大文', familyName: '陳', citizenship: [] },
    });
    const note = async (text: string) => {
      const response = await worker.post(`/api/v1/cases/${caseId}/journal`, { text });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };
    notes.hers = await note(
      'MARIA JOSE DA SILVA said Silva was moved by night; 陳大文 saw it. maria is afraid.',
    );
    notes.other = await note('Carla Sousa of the NGO called about 陳大文.');
    await giveReferralConsent(worker, victim.path, '2024-03-02');
    referralId = await sendShelterReferral(worker, victim.path, ngo, '2024-03-03', {
      details: 'Maria José da Silva needs a shelter away from Macau; Maria speaks Tagalog.',
    });
  });
  afterAll(() => t.close());

  it('replaces her names by her pseudonym in a journal note and a referral, and leaves a note about someone else as it was', async () => {
    const otherBefore = await sealed('case_journal', notes.other);
    const referralBefore = await sealed('referrals', referralId);
    const recorded = await secretariat.post(`${victim.path}/data-requests`, {
      kind: 'erasure',
      requestedBy: 'data_subject',
      receivedOn: '2024-03-04',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const done = await secretariat.post(
      `/api/v1/data-requests/${(recorded.json() as { id: string }).id}/carry-out`,
      {
        version: 1,
      },
    );
    expect(done.statusCode, done.body).toBe(200);

    const journal = open('case_journal', (await sealed('case_journal', notes.hers)).value);
    expect(journal).toBe(
      `${victim.pseudonym} said ${victim.pseudonym} was moved by night; 陳大文 saw it. ${victim.pseudonym} is afraid.`,
    );
    const referral = await sealed('referrals', referralId);
    expect(open('referrals', referral.value)).toBe(
      `${victim.pseudonym} needs a shelter away from Macau; ${victim.pseudonym} speaks Tagalog.`,
    );
    // A rewritten record moves on a version, so an edit made from the old text is refused as stale.
    expect(referral.version).toBe(referralBefore.version! + 1);
    // Not rewritten at all: the same ciphertext.
    expect((await sealed('case_journal', notes.other)).value).toBe(otherBefore.value);

    const entry = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'person.identity_erased')
      .where('entity_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.summary)).toMatchObject({ redactedTexts: 2, redactedMentions: 5 });
    expect(entry.summary).not.toMatch(/Maria|Silva|shelter/);
    expect((await auditService.verify(t.database.db)).ok).toBe(true);
  });
});
