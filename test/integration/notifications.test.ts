import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/modules/notifications/notifications.service.js';
import { databases } from '../support/databases.js';
import { addCasePerson, giveReferralConsent, openCase } from '../support/case-fixtures.js';
import { addAgency, addSignedInUser, signedInClient } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

type Notice = {
  id: string;
  kind: string;
  readAt: string | null;
  link: string | null;
  values: {
    caseReference: string | null;
    pseudonym: string | null;
    agency: string | null;
    serviceKind: string | null;
  };
};
type Page = { items: Notice[]; nextCursor: string | null; unread: number };

const victimName = { givenNames: 'Maria Clara', familyName: 'Dela Cruz' };
const details = 'The employer knows she sleeps at the Rua da Felicidade flat';

describe.each(databases)('notification centre on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let ias: string;
  let officer: TestClient;
  let sender: TestClient;
  let senderId: string;
  let iasWorker: TestClient;
  let iasWorkerId: string;
  let iasOfficer: TestClient;
  let ngoWorker: TestClient;
  let caseId: string;
  let caseReference: string;
  let casePersonId: string;
  let pseudonym: string;
  let victimPath: string;

  const page = async (client: TestClient, query = '') => {
    const response = await client.get(`/api/v1/notifications${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const sendReferral = async (sentOn: string) => {
    const response = await sender.post(`${victimPath}/referrals`, {
      toAgencyId: ias,
      serviceKind: 'shelter',
      reason: 'additional_services_required',
      details,
      sentOn,
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    const pj = await addAgency(admin, 'PJ');
    ias = await addAgency(admin, 'IAS', 'social_welfare');
    const ngo = await addAgency(admin, 'NGO', 'ngo');
    officer = await signedInClient(t, admin, pj, ['agency_officer']);
    ({ id: senderId, client: sender } = await addSignedInUser(t, admin, pj, ['case_worker']));
    ({ id: iasWorkerId, client: iasWorker } = await addSignedInUser(t, admin, ias, ['case_worker']));
    iasOfficer = await signedInClient(t, admin, ias, ['agency_officer']);
    ngoWorker = await signedInClient(t, admin, ngo, ['case_worker']);

    ({ id: caseId, reference: caseReference } = await openCase(officer, {
      reportDate: '2021-03-01',
      exploitationTypes: ['forced_labour'],
    }));
    ({
      id: casePersonId,
      pseudonym,
      path: victimPath,
    } = await addCasePerson(officer, caseId, {
      role: 'victim',
      person: { ...victimName, citizenship: ['PHL'] },
    }));
    expect((await officer.post(`/api/v1/cases/${caseId}/members`, { userId: senderId })).statusCode).toBe(
      200,
    );
    await giveReferralConsent(sender, victimPath, '2021-03-05');
  });
  afterAll(() => t.close());

  it('tells the receiving agency’s users who may answer of a referral, and nobody else', async () => {
    await sendReferral('2021-03-10');
    for (const receiver of [iasWorker, iasOfficer]) {
      const { items, unread } = await page(receiver);
      expect(unread).toBe(1);
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'referral.received',
          readAt: null,
          link: '/referrals',
          values: expect.objectContaining({ pseudonym, agency: 'PJ', serviceKind: 'shelter' }) as unknown,
        }),
      ]);
    }
    // The sender is not told of his own act; another agency hears nothing.
    expect((await page(sender)).items).toEqual([]);
    expect((await page(ngoWorker)).items).toEqual([]);
  });

  it('never names the victim nor the case to a receiver who may not read the case (attack)', async () => {
    const response = await iasWorker.get('/api/v1/notifications');
    const [notice] = (response.json() as Page).items;
    // The IAS worker is not a member of the police case: no reference, and no name or details anywhere.
    expect(notice!.values.caseReference).toBeNull();
    for (const secret of [caseReference, victimName.givenNames, victimName.familyName, details])
      expect(response.body).not.toContain(secret);
    // What is stored holds ids and codes only: no name, reference, pseudonym or sentence.
    const rows = await t.database.db.selectFrom('notifications').select(['params']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const secret of [caseReference, pseudonym, victimName.familyName, details])
        expect(row.params).not.toContain(secret);
      for (const value of Object.values(JSON.parse(row.params) as Record<string, string>))
        expect(value).toMatch(/^[0-9a-f-]{36}$|^[a-z_]+$/);
    }
  });

  it('refuses to store a name or a sentence as a parameter, and stores nothing', async () => {
    const before = await t.database.db.selectFrom('notifications').select('id').execute();
    await expect(
      t.database.db.transaction().execute((tx) =>
        notify(tx, [iasWorkerId], 'task.deadline_near', {
          taskId: 'Maria Clara Dela Cruz',
          due: '2021-01-01',
        }),
      ),
    ).rejects.toThrow(/taskId is not a id/);
    await expect(
      t.database.db.transaction().execute((tx) =>
        notify(tx, [iasWorkerId], 'task.deadline_near', {
          taskId: caseId,
          due: '2021-01-01',
          note: 'she is afraid',
        } as never),
      ),
    ).rejects.toThrow(/note is not a parameter/);
    expect(await t.database.db.selectFrom('notifications').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('tells the sender of the acceptance, with the case, the person and the way to her', async () => {
    const [received] = (await page(iasWorker)).items;
    const referralId = (
      (await iasWorker.get('/api/v1/referrals/inbox?status=sent')).json() as { items: { id: string }[] }
    ).items[0]!.id;
    expect(received).toBeDefined();
    const accepted = await iasWorker.post(`/api/v1/referrals/${referralId}/accept`, {
      acceptedOn: '2021-03-12',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { items } = await page(sender);
    expect(items[0]).toMatchObject({
      kind: 'referral.accepted',
      link: `/cases/${caseId}/victims/${casePersonId}`,
      values: { caseReference, pseudonym, agency: 'IAS' },
    });
    const completed = await iasWorker.post(`/api/v1/referrals/${referralId}/complete`, {
      completedOn: '2021-03-20',
    });
    expect(completed.statusCode, completed.body).toBe(200);
    expect((await page(sender)).items.map((n) => n.kind)).toEqual([
      'referral.completed',
      'referral.accepted',
    ]);
  });

  it('tells the sender of a decline', async () => {
    const referralId = await sendReferral('2021-03-11');
    const declined = await iasOfficer.post(`/api/v1/referrals/${referralId}/decline`, {
      reason: 'No female shelter bed free until the end of the month',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const [latest] = (await page(sender)).items;
    expect(latest).toMatchObject({ kind: 'referral.declined', values: { agency: 'IAS', pseudonym } });
    expect(JSON.stringify(latest)).not.toContain('shelter bed');
  });

  it('shows a notification with the reader’s rights of today: a sender removed from the case sees neither reference nor person (attack)', async () => {
    const removed = await officer.request('DELETE', `/api/v1/cases/${caseId}/members/${senderId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const { items } = await page(sender);
    expect(items.length).toBeGreaterThan(0);
    for (const notice of items) {
      expect(notice.values.caseReference).toBeNull();
      expect(notice.values.pseudonym).toBeNull();
      expect(notice.link).toBeNull();
    }
    expect((await officer.post(`/api/v1/cases/${caseId}/members`, { userId: senderId })).statusCode).toBe(
      200,
    );
  });

  it('counts unread, marks one and then all read, and pages newest first', async () => {
    const first = await page(sender, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await page(sender, `?limit=2&cursor=${first.nextCursor}`);
    const ids = [...first.items, ...rest.items].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(first.unread);

    const unreadBefore = (await sender.get('/api/v1/notifications/unread-count')).json() as {
      unread: number;
    };
    expect(unreadBefore.unread).toBe(3);
    const one = await sender.post('/api/v1/notifications/read', { ids: [ids[0]] });
    expect(one.json()).toEqual({ marked: 1, unread: 2 });
    expect((await page(sender, '?unread=true')).items.map((n) => n.id)).not.toContain(ids[0]);
    const all = await sender.post('/api/v1/notifications/read', { all: true });
    expect(all.json()).toEqual({ marked: 2, unread: 0 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary'])
      .where('action', '=', 'notification.read')
      .execute();
    expect(audit.map((a) => JSON.parse(a.summary) as unknown)).toEqual([
      { notifications: 1 },
      { notifications: 2 },
    ]);
  });

  it('does not let anyone mark or read another person’s notifications (attack)', async () => {
    const theirs = (await page(iasOfficer)).items.filter((n) => n.readAt === null);
    expect(theirs.length).toBeGreaterThan(0);
    const attempt = await ngoWorker.post('/api/v1/notifications/read', { ids: theirs.map((n) => n.id) });
    expect(attempt.json()).toEqual({ marked: 0, unread: 0 });
    expect((await page(iasOfficer)).unread).toBe(theirs.length);
    // The list has no recipient parameter: an extra one is refused, not obeyed.
    const sneaky = await ngoWorker.get(`/api/v1/notifications?recipient=${iasWorkerId}`);
    expect(sneaky.statusCode).toBe(400);
  });

  it('refuses a malformed request naming the field, changing nothing', async () => {
    const bad = await sender.post('/api/v1/notifications/read', { ids: ['not-an-id'] });
    expect(bad.statusCode).toBe(400);
    const anonymous = t.client();
    expect((await anonymous.get('/api/v1/notifications')).statusCode).toBe(401);
  });
});
