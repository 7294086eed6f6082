import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { addPersonAs, sendShelterReferral } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addCaseAgencies, addSignedInUser, addUser, type CaseAgencies } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// Issue 12: the handover of an accepted referral to a named worker, the case journal and the
// files of a case, and the printed victim summary — each door tried as an attack too.

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const victim = { givenNames: 'Ana Sofia', familyName: 'Ribeiro Lopes', birthDate: '1998-02-14' };
const details = 'The employer knows her current address.';

describe.each(databases)('handover, journal and attachments on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agency: CaseAgencies;
  let sender: TestClient;
  let gscOfficer: TestClient;
  let gscOfficerId: string;
  let worker: TestClient;
  let workerId: string;
  let colleague: TestClient;
  let colleagueId: string;
  let pjWorkerId: string;
  let gscAnalystId: string;
  let caseId: string;
  let casePersonId: string;
  let otherPersonId: string;
  let referralId: string;
  let victimBase: string;

  const signedIn = (agency: string, roles: RoleId[]) => addSignedInUser(t, admin, agency, roles);
  const inbox = async (client: TestClient) =>
    (
      (await client.get('/api/v1/referrals/inbox')).json() as {
        items: { id: string; version: number; assignedTo: { id: string; name: string } | null }[];
      }
    ).items.find((i) => i.id === referralId)!;
  const assign = async (client: TestClient, assigneeId: string) => {
    const current = await inbox(gscOfficer);
    return client.post(`/api/v1/referrals/${referralId}/assignment`, {
      assigneeId,
      version: current.version,
    });
  };
  const upload = (client: TestClient, base: string, fileName: string, bytes: Buffer, extra = '') =>
    client.request('POST', `${base}/attachments?fileName=${encodeURIComponent(fileName)}${extra}`, bytes, {
      'content-type': 'application/octet-stream',
    });
  const audited = (action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'summary'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agency = await addCaseAgencies(admin);
    ({ client: sender } = await signedIn(agency.ias, ['agency_officer']));
    ({ client: gscOfficer, id: gscOfficerId } = await signedIn(agency.gsc, ['agency_officer']));
    ({ client: worker, id: workerId } = await signedIn(agency.gsc, ['case_worker']));
    ({ client: colleague, id: colleagueId } = await signedIn(agency.gsc, ['case_worker']));
    pjWorkerId = (await addUser(t, admin, agency.pj, ['case_worker'])).id;
    gscAnalystId = (await addUser(t, admin, agency.gsc, ['analyst'])).id;

    const created = await sender.post('/api/v1/cases', { origin: 'self_report', reportDate: '2024-05-01' });
    caseId = (created.json() as { id: string }).id;
    const add = async (person: Record<string, unknown>) =>
      (await addPersonAs<{ id: string }>(sender, caseId, 'victim', person)).id;
    casePersonId = await add(victim);
    otherPersonId = await add({ givenNames: 'Leila' });
    victimBase = `/api/v1/cases/${caseId}/people/${casePersonId}`;
    await sender.post(`${victimBase}/consents`, {
      purpose: 'referral',
      informedOf: ['purpose', 'data_use'],
      givenOn: '2024-05-03',
    });
    referralId = await sendShelterReferral(sender, victimBase, agency.gsc, '2024-05-04', { details });
  });
  afterAll(() => t.close());

  describe('handover', () => {
    it('refuses to assign a referral that has not been accepted', async () => {
      const answer = await assign(gscOfficer, workerId);
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({ code: 'referral.not_assignable' });
    });

    it('gives an accepted referral to a named worker, who then reaches the victim and is notified', async () => {
      expect((await gscOfficer.post(`/api/v1/referrals/${referralId}/accept`, {})).statusCode).toBe(200);
      // Before the assignment the worker does not reach the victim.
      expect((await worker.get(`${victimBase}/referrals`)).statusCode).toBe(404);
      const candidates = (await gscOfficer.get(`/api/v1/referrals/${referralId}/assignees`)).json() as {
        id: string;
      }[];
      expect(candidates.map((c) => c.id)).toEqual(expect.arrayContaining([workerId, colleagueId]));
      expect(candidates.map((c) => c.id)).not.toContain(pjWorkerId);
      expect(candidates.map((c) => c.id)).not.toContain(gscAnalystId);

      const answer = await assign(gscOfficer, workerId);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toMatchObject({ assignedTo: { id: workerId } });
      expect((await inbox(gscOfficer)).assignedTo?.id).toBe(workerId);

      const referrals = (await worker.get(`${victimBase}/referrals`)).json() as {
        details: string;
        assignedTo: { id: string };
      }[];
      expect(referrals[0]).toMatchObject({ details, assignedTo: { id: workerId } });
      const identity = await worker.post(`${victimBase}/reveal`, { purpose: 'victim_support' });
      expect(identity.json()).toMatchObject({ familyName: victim.familyName });
      // The referral reaches its victim only: not the other victim, not the case.
      expect((await worker.get(`/api/v1/cases/${caseId}/people/${otherPersonId}/referrals`)).statusCode).toBe(
        404,
      );
      expect((await worker.get(`/api/v1/cases/${caseId}/journal`)).statusCode).toBe(403);

      const notices = (await worker.get('/api/v1/notifications')).json() as { items: { kind: string }[] };
      expect(notices.items.map((n) => n.kind)).toContain('referral.assigned');
      const [entry] = await audited('referral.assigned');
      expect(entry).toMatchObject({ actor_id: gscOfficerId });
      expect(JSON.parse(entry!.summary as string)).toMatchObject({
        assigneeId: workerId,
        previousAssigneeId: null,
      });
    });

    it('attack: a worker of another agency, or a user who cannot work protection, cannot be assigned', async () => {
      for (const assigneeId of [pjWorkerId, gscAnalystId, '01a00000-0000-7000-8000-000000000000']) {
        const answer = await assign(gscOfficer, assigneeId);
        expect(answer.statusCode).toBe(400);
        expect(answer.json()).toMatchObject({ errors: [{ path: 'assigneeId', code: 'not_eligible' }] });
      }
      expect((await inbox(gscOfficer)).assignedTo?.id).toBe(workerId);
    });

    it('attack: an unassigned worker of the receiving agency does not reach the victim', async () => {
      expect((await colleague.get(`${victimBase}/referrals`)).statusCode).toBe(404);
      expect((await colleague.post(`${victimBase}/reveal`, { purpose: 'casework' })).statusCode).toBe(404);
      expect((await colleague.get(`${victimBase}/journal`)).statusCode).toBe(404);
    });

    it('attack: a case worker cannot assign, and another agency does not find the referral', async () => {
      expect(
        (
          await worker.post(`/api/v1/referrals/${referralId}/assignment`, {
            assigneeId: workerId,
            version: 1,
          })
        ).statusCode,
      ).toBe(403);
      // The sender's officer holds referral.assign in his own agency: to him the referral is not there.
      const other = await sender.post(`/api/v1/referrals/${referralId}/assignment`, { nonsense: true });
      expect(other.statusCode).toBe(404);
    });

    it('reassigning ends the previous worker’s access and gives it to the new one', async () => {
      const answer = await assign(gscOfficer, colleagueId);
      expect(answer.statusCode, answer.body).toBe(200);
      expect((await colleague.get(`${victimBase}/referrals`)).statusCode).toBe(200);
      expect((await worker.get(`${victimBase}/referrals`)).statusCode).toBe(404);
      expect(await audited('person_grant.revoked')).toHaveLength(1);
      // A stale version changes nothing.
      const stale = await gscOfficer.post(`/api/v1/referrals/${referralId}/assignment`, {
        assigneeId: workerId,
        version: 1,
      });
      expect(stale.statusCode).toBe(409);
      // Back to the first worker for the rest of the tests.
      expect((await assign(gscOfficer, workerId)).statusCode).toBe(200);
    });
  });

  describe('journal', () => {
    it('keeps dated notes on the case for its members, sealed, and audits without the text', async () => {
      const note = 'Met Ana Sofia at the shelter; she asked about her passport.';
      const added = await sender.post(`/api/v1/cases/${caseId}/journal`, {
        noteDate: '2024-05-05',
        text: note,
      });
      expect(added.statusCode, added.body).toBe(201);
      const today = await sender.post(`/api/v1/cases/${caseId}/journal`, { text: 'Called the employer.' });
      expect((today.json() as { noteDate: string }).noteDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const list = (await sender.get(`/api/v1/cases/${caseId}/journal`)).json() as { text: string }[];
      expect(list.map((n) => n.text)).toEqual(['Called the employer.', note]);
      const stored = await t.database.db.selectFrom('case_journal').select('text_enc').execute();
      expect(stored.every((r) => !r.text_enc.includes('passport'))).toBe(true);
      const trail = JSON.stringify(await audited('journal.note_added'));
      expect(trail).not.toContain('passport');
      expect(await audited('journal.read')).not.toHaveLength(0);
    });

    it('refuses a future date and an empty note, naming the field', async () => {
      const future = await sender.post(`/api/v1/cases/${caseId}/journal`, {
        noteDate: '2999-01-01',
        text: 'x',
      });
      expect(future.statusCode).toBe(400);
      expect(JSON.stringify(future.json())).toContain('noteDate');
      const empty = await sender.post(`/api/v1/cases/${caseId}/journal`, { text: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(JSON.stringify(empty.json())).toContain('text');
    });

    it('lets the assigned worker keep the victim’s journal, apart from the case’s', async () => {
      const added = await worker.post(`${victimBase}/journal`, { text: 'Moved to the shelter.' });
      expect(added.statusCode, added.body).toBe(201);
      const victimNotes = (await sender.get(`${victimBase}/journal`)).json() as { text: string }[];
      expect(victimNotes.map((n) => n.text)).toEqual(['Moved to the shelter.']);
      expect((await worker.get(`/api/v1/cases/${caseId}/journal`)).statusCode).toBe(403);
    });
  });

  describe('attachments', () => {
    it('stores a PDF sealed, lists it, and audits its download', async () => {
      const added = await upload(sender, `/api/v1/cases/${caseId}`, 'statement.pdf', pdf);
      expect(added.statusCode, added.body).toBe(201);
      const view = added.json() as { id: string; mediaType: string; sizeBytes: number };
      expect(view).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length });
      const row = await t.database.db
        .selectFrom('case_attachments')
        .select('content_enc')
        .executeTakeFirstOrThrow();
      expect(row.content_enc).not.toContain(pdf.toString('base64').slice(0, 12));
      const download = await sender.get(`/api/v1/cases/${caseId}/attachments/${view.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect(await audited('attachment.downloaded')).toHaveLength(1);
    });

    it('gives a file to an entry of the documents register', async () => {
      await sender.post(`/api/v1/cases/${caseId}/documents`, { kind: 'report', title: 'Police report' });
      const doc = await t.database.db.selectFrom('case_documents').select('id').executeTakeFirstOrThrow();
      const added = await upload(
        sender,
        `/api/v1/cases/${caseId}`,
        'report.png',
        png,
        `&documentId=${doc.id}`,
      );
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ documentId: doc.id, mediaType: 'image/png' });
      const unknown = await upload(
        sender,
        `/api/v1/cases/${caseId}`,
        'r.png',
        png,
        `&documentId=${otherPersonId}`,
      );
      expect(unknown.statusCode).toBe(400);
    });

    it('attack: refuses content that is not what its name says, or not an accepted kind', async () => {
      const cases: [string, Buffer][] = [
        ['invoice.pdf', Buffer.from('MZ\x90\x00 this is an executable', 'latin1')],
        ['page.pdf', Buffer.from('<html><script>alert(1)</script></html>')],
        ['photo.png', pdf],
        ['archive.zip', Buffer.from('504b0304140000000000', 'hex')],
        ['empty.pdf', Buffer.alloc(0)],
      ];
      for (const [name, bytes] of cases) {
        const refused = await upload(sender, `/api/v1/cases/${caseId}`, name, bytes);
        expect(refused.statusCode, name).toBe(400);
        expect(refused.json()).toMatchObject({ errors: [{ path: 'file' }] });
      }
      const badName = await upload(sender, `/api/v1/cases/${caseId}`, '../etc/passwd.pdf', pdf);
      expect(badName.statusCode).toBe(400);
      expect(JSON.stringify(badName.json())).toContain('fileName');
    });

    it('enforces the size limit and the virus-scan hook', async () => {
      process.env.GUIA_ATTACHMENT_MAX_MB = String(64 / (1024 * 1024));
      process.env.GUIA_ATTACHMENT_SCAN_COMMAND = '! grep -q EICAR';
      try {
        const big = await upload(
          sender,
          `/api/v1/cases/${caseId}`,
          'big.pdf',
          Buffer.concat([pdf, Buffer.alloc(64)]),
        );
        expect(big.statusCode).toBe(400);
        expect(big.json()).toMatchObject({ errors: [{ path: 'file', code: 'too_large_file' }] });
        delete process.env.GUIA_ATTACHMENT_MAX_MB;
        const infected = Buffer.concat([pdf, Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')]);
        const refused = await upload(sender, `/api/v1/cases/${caseId}`, 'bad.pdf', infected);
        expect(refused.json()).toMatchObject({ errors: [{ path: 'file', code: 'file_refused' }] });
        expect((await upload(sender, `/api/v1/cases/${caseId}`, 'clean.pdf', pdf)).statusCode).toBe(201);
      } finally {
        delete process.env.GUIA_ATTACHMENT_MAX_MB;
        delete process.env.GUIA_ATTACHMENT_SCAN_COMMAND;
      }
    });

    it('attack: the victim’s files are the victim’s; a case file is not reached through the victim', async () => {
      const added = await upload(worker, victimBase, 'letter.pdf', pdf);
      expect(added.statusCode, added.body).toBe(201);
      const id = (added.json() as { id: string }).id;
      expect((await colleague.get(`${victimBase}/attachments/${id}`)).statusCode).toBe(404);
      expect((await worker.get(`/api/v1/cases/${caseId}/attachments/${id}`)).statusCode).toBe(403);
      // A member reads the case's own files, not the victim's through the case door.
      expect((await sender.get(`/api/v1/cases/${caseId}/attachments/${id}`)).statusCode).toBe(404);
      const caseFile = (await sender.get(`/api/v1/cases/${caseId}/attachments`)).json() as { id: string }[];
      expect((await worker.get(`${victimBase}/attachments/${caseFile[0]!.id}`)).statusCode).toBe(404);
      const mine = (await worker.get(`${victimBase}/attachments`)).json() as { fileName: string }[];
      expect(mine.map((f) => f.fileName)).toEqual(['letter.pdf']);
    });
  });

  describe('victim summary', () => {
    it('prints the identity, referrals and journal for the worker, audited as a reveal', async () => {
      const before = (await audited('person.identity_revealed')).length;
      const print = await worker.get(`${victimBase}/summary.pdf?purpose=victim_support&lang=pt`);
      expect(print.statusCode, print.body).toBe(200);
      expect(print.headers['content-type']).toBe('application/pdf');
      expect(print.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Read back: the identity, the sender's details and the victim's journal, in Portuguese.
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
        input: print.rawPayload,
        encoding: 'utf8',
      }).replace(/\s+/g, ' ');
      for (const expected of [
        'Resumo da vítima',
        victim.familyName,
        'Encaminhamentos',
        'Moved to the shelter.',
      ])
        expect(text).toContain(expected);
      expect(text).toContain('The employer knows her');
      expect((await audited('person.identity_revealed')).length).toBe(before + 1);
      expect(await audited('person.summary_printed')).toHaveLength(1);
    });

    it('attack: refused without a purpose, and to whoever may not reveal the person', async () => {
      expect((await worker.get(`${victimBase}/summary.pdf`)).statusCode).toBe(400);
      expect((await colleague.get(`${victimBase}/summary.pdf?purpose=casework`)).statusCode).toBe(404);
    });
  });
});
