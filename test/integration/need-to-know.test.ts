import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { addPersonAs, openSelfReportedCase, sendShelterReferral } from '../support/case-fixtures.js';
import { databases } from '../support/databases.js';
import { addCaseAgencies, addSignedInUser, type CaseAgencies } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';

// Each finding of the need-to-know review (issue 6), replayed as the attack it was, asserting
// that it now fails. The access model they test is written down in docs/access.md.

type Person = {
  id: string;
  role: string;
  person: { id: string | null; pseudonym: string; version: number };
  probableDuplicates: { personId: string; pseudonym: string }[];
  duplicateOutsideYourCases: { ask: { code: string }[] } | null;
};
type CaseView = {
  id: string;
  version: number;
  summary: string | null;
  textWithheld: boolean;
  participatingAgencies: { code: string }[];
  members: { userId: string }[];
  people: Person[];
  timeline: { type: string; note?: string | null; title?: string | null }[];
  can: Record<string, boolean>;
};

const victim = {
  givenNames: 'Ana Sofia',
  familyName: 'Ribeiro Lopes',
  birthDate: '1998-02-14',
  address: 'Shelter of the Good Shepherd, Rua da Praia 12',
};
const secondVictim = { givenNames: 'Leila', familyName: 'Haddad', birthDate: '2001-07-30' };
const suspect = { givenNames: 'Viktor', familyName: 'Morozov' };
const summary = 'Statement of Ana Sofia Ribeiro Lopes about the employer.';

describe.each(databases)('need-to-know attacks on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agency: CaseAgencies;
  // IAS runs the case holding the victims; GSC is another agency's case worker, the attacker.
  let iasWorker: TestClient;
  let iasWorkerId: string;
  let gscWorker: TestClient;
  let gscWorkerId: string;
  let pjOfficer: TestClient;
  let pjOfficerId: string;
  let pjColleague: TestClient;
  let pjColleagueId: string;
  let pjSupervisor: TestClient;
  let analyst: TestClient;
  let secretariat: TestClient;
  let kase: CaseView;
  let victimRow: Person;
  let secondRow: Person;
  let suspectRow: Person;
  let attackerCase: string;

  const view = async (client: TestClient, id: string) =>
    (await client.get(`/api/v1/cases/${id}`)).json() as CaseView;
  const newCase = (client: TestClient, extra: Record<string, unknown> = {}) =>
    openSelfReportedCase<CaseView>(client, extra);
  const addPerson = (client: TestClient, caseId: string, role: string, person: Record<string, unknown>) =>
    addPersonAs<Person>(client, caseId, role, person);
  const audited = async (action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_type', 'entity_id', 'summary'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  const signedIn = (agency: string, roles: RoleId[]) => addSignedInUser(t, admin, agency, roles);

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agency = await addCaseAgencies(admin);
    ({ client: iasWorker, id: iasWorkerId } = await signedIn(agency.ias, ['case_worker']));
    ({ client: gscWorker, id: gscWorkerId } = await signedIn(agency.gsc, ['case_worker']));
    ({ client: pjOfficer, id: pjOfficerId } = await signedIn(agency.pj, ['agency_officer']));
    ({ client: pjColleague, id: pjColleagueId } = await signedIn(agency.pj, ['agency_officer']));
    ({ client: pjSupervisor } = await signedIn(agency.pj, ['supervisor']));
    ({ client: analyst } = await signedIn(agency.ias, ['analyst']));
    ({ client: secretariat } = await signedIn(agency.ias, ['secretariat']));

    kase = await newCase(iasWorker, { summary, exploitationTypes: ['forced_labour'] });
    victimRow = await addPerson(iasWorker, kase.id, 'victim', victim);
    secondRow = await addPerson(iasWorker, kase.id, 'victim', secondVictim);
    suspectRow = await addPerson(iasWorker, kase.id, 'suspect', suspect);
    attackerCase = (await newCase(gscWorker)).id;
  });
  afterAll(() => t.close());

  describe('1. attach by id, then reveal', () => {
    it('refuses to link a person the caller cannot see, answering an unknown id the same way', async () => {
      const personId = victimRow.person.id!;
      const attach = await gscWorker.post(`/api/v1/cases/${attackerCase}/people`, {
        role: 'victim',
        personId,
      });
      expect(attach.statusCode).toBe(403);
      expect(attach.json()).toMatchObject({ code: 'person.link_requires_request' });
      const unknown = await gscWorker.post(`/api/v1/cases/${attackerCase}/people`, {
        role: 'victim',
        personId: '01a00000-0000-7000-8000-000000000000',
      });
      expect(unknown.json()).toMatchObject({ code: 'person.link_requires_request' });
      expect((await view(gscWorker, attackerCase)).people).toHaveLength(0);
      // And the victim's case worker still reads the address she recorded.
      const revealed = await iasWorker.post(`/api/v1/cases/${kase.id}/people/${victimRow.id}/reveal`, {
        purpose: 'casework',
      });
      expect(revealed.json()).toMatchObject({ address: victim.address });
    });

    it('does not let a member of one case reach a person of another case through her own case’s URL', async () => {
      const viaOwnCase = `/api/v1/cases/${attackerCase}/people/${victimRow.id}`;
      expect((await gscWorker.post(`${viaOwnCase}/reveal`, { purpose: 'casework' })).statusCode).toBe(404);
      expect(
        (await gscWorker.put(`${viaOwnCase}/identity`, { version: 1, address: 'Somewhere else' })).statusCode,
      ).toBe(404);
      expect((await gscWorker.get(`${viaOwnCase}/consents`)).statusCode).toBe(404);
    });

    it('lets someone who can already see the person link them directly', async () => {
      const other = await newCase(iasWorker);
      const linked = await iasWorker.post(`/api/v1/cases/${other.id}/people`, {
        role: 'witness',
        personId: victimRow.person.id,
      });
      expect(linked.statusCode, linked.body).toBe(201);
    });
  });

  describe('2. the duplicate oracle', () => {
    it('tells the caller only that a match exists elsewhere and whom to ask: no id, pseudonym or role', async () => {
      const added = await addPerson(gscWorker, attackerCase, 'victim', {
        givenNames: victim.givenNames,
        familyName: victim.familyName,
        birthDate: victim.birthDate,
      });
      expect(added.probableDuplicates).toEqual([]);
      expect(added.duplicateOutsideYourCases).toEqual({ ask: [{ id: agency.ias, code: 'IAS' }] });
      const body = JSON.stringify(added);
      expect(body).not.toContain(victimRow.person.id!);
      expect(body).not.toContain(victimRow.person.pseudonym);
      // The disclosure itself is on record, without the name.
      const [flagged] = await audited('person.duplicate_flagged');
      expect(flagged).toBeDefined();
      expect(flagged!.summary).not.toContain(victim.familyName);
    });

    it('says nothing on a name alone', async () => {
      const added = await addPerson(gscWorker, attackerCase, 'witness', {
        givenNames: secondVictim.givenNames,
        familyName: secondVictim.familyName,
      });
      expect(added.probableDuplicates).toEqual([]);
      expect(added.duplicateOutsideYourCases).toBeNull();
    });

    it('hides person ids from readers who cannot reveal, and lets only the secretariat see and resolve matches', async () => {
      for (const reader of [analyst, secretariat]) {
        const seen = await view(reader, kase.id);
        expect(seen.people.every((p) => p.person.id === null)).toBe(true);
        expect(JSON.stringify(seen)).not.toContain(victimRow.person.id!);
      }
      expect((await analyst.get(`/api/v1/persons/${victimRow.person.id}`)).statusCode).toBe(403);
      expect((await gscWorker.get(`/api/v1/persons/${victimRow.person.id}`)).statusCode).toBe(404);
      expect((await analyst.get('/api/v1/duplicates')).statusCode).toBe(403);
      expect((await gscWorker.get('/api/v1/duplicates')).statusCode).toBe(403);
      const flags = (await secretariat.get('/api/v1/duplicates')).json() as {
        id: string;
        status: string;
        people: { pseudonym: string }[];
      }[];
      expect(flags).toHaveLength(1);
      expect(flags[0]!.people.map((p) => p.pseudonym)).toContain(victimRow.person.pseudonym);
      expect(JSON.stringify(flags)).not.toContain(victim.familyName);
      const resolved = await secretariat.post(`/api/v1/duplicates/${flags[0]!.id}/resolution`, {
        status: 'same',
      });
      expect(resolved.json()).toMatchObject({ status: 'same' });
    });
  });

  describe('3. a referral opens its victim, not the case', () => {
    let referralId: string;
    let withoutConsentId: string;

    it('gives the acceptor the referred victim, and neither the suspect nor the other victim', async () => {
      const base = `/api/v1/cases/${kase.id}/people`;
      await iasWorker.post(`${base}/${victimRow.id}/consents`, {
        purpose: 'referral',
        informedOf: ['purpose', 'data_use'],
        givenOn: '2024-05-03',
      });
      await iasWorker.post(`${base}/${secondRow.id}/consents`, {
        purpose: 'interview',
        informedOf: ['purpose'],
        givenOn: '2024-05-03',
        note: 'Afraid of Viktor, who knows her sister.',
      });
      referralId = await sendShelterReferral(iasWorker, `${base}/${victimRow.id}`, agency.gsc, '2024-05-04', {
        details: 'The employer knows her current address.',
      });
      const inbox = (await gscWorker.get('/api/v1/referrals/inbox')).json() as {
        items: { id: string; details: string }[];
      };
      expect(inbox.items.find((i) => i.id === referralId)!.details).toBe(
        'The employer knows her current address.',
      );
      expect((await gscWorker.post(`/api/v1/referrals/${referralId}/accept`, {})).statusCode).toBe(200);

      expect(
        (await gscWorker.post(`${base}/${victimRow.id}/reveal`, { purpose: 'victim_support' })).json(),
      ).toMatchObject({
        address: victim.address,
      });
      for (const other of [secondRow, suspectRow]) {
        expect((await gscWorker.post(`${base}/${other.id}/reveal`, { purpose: 'casework' })).statusCode).toBe(
          404,
        );
      }
      expect((await gscWorker.get(`${base}/${secondRow.id}/consents`)).statusCode).toBe(404);
      expect((await gscWorker.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(403);
      const members = (await view(iasWorker, kase.id)).members.map((m) => m.userId);
      expect(members).not.toContain(gscWorkerId);
      expect((await view(iasWorker, kase.id)).participatingAgencies.map((a) => a.code)).not.toContain('GSC');
    });

    it('shares no identity through a referral sent without consent', async () => {
      const secondPath = `/api/v1/cases/${kase.id}/people/${secondRow.id}`;
      withoutConsentId = await sendShelterReferral(iasWorker, secondPath, agency.gsc, '2024-05-04', {
        consentOverrideReason: 'Immediate danger: no time to ask before moving her.',
      });
      expect((await gscWorker.post(`/api/v1/referrals/${withoutConsentId}/accept`, {})).statusCode).toBe(200);
      const page = await gscWorker.get(secondPath);
      expect(page.json()).toMatchObject({
        via: 'referral',
        case: { readable: false },
        can: { reveal: false, protectionRead: true },
      });
      const reveal = await gscWorker.post(`${secondPath}/reveal`, { purpose: 'victim_support' });
      expect(reveal.statusCode).toBe(403);
      expect(reveal.body).not.toContain(secondVictim.familyName);
    });

    it('answers nothing about a referral to anyone outside the receiving agency', async () => {
      expect(
        (await pjOfficer.post(`/api/v1/referrals/${referralId}/complete`, { completedOn: '2024-05-05' }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('linking through a request that the person’s case approves', () => {
    it('links a person only once a member who can see them approves, and only for those who can read the case', async () => {
      const pjCase = await newCase(pjOfficer);
      // PJ takes part in the IAS case on purpose: its officers read the case, never the names.
      expect(
        (await iasWorker.post(`/api/v1/cases/${kase.id}/agencies`, { agencyId: agency.pj })).statusCode,
      ).toBe(200);
      const seen = await view(pjOfficer, kase.id);
      expect(seen.people.find((p) => p.id === victimRow.id)!.person.id).toBeNull();

      const body = { sourceCasePersonId: victimRow.id, role: 'victim' };
      // A case worker of another agency, who cannot read the IAS case, finds nothing to ask for.
      const { client: outsider } = await signedIn(agency.gsc, ['case_worker']);
      const outsiderCase = await newCase(outsider);
      expect((await outsider.post(`/api/v1/cases/${outsiderCase.id}/link-requests`, body)).statusCode).toBe(
        404,
      );
      const requested = await pjOfficer.post(`/api/v1/cases/${pjCase.id}/link-requests`, body);
      expect(requested.statusCode, requested.body).toBe(201);
      const request = requested.json() as { id: string; status: string };
      expect(request.status).toBe('pending');
      expect((await pjOfficer.post(`/api/v1/cases/${pjCase.id}/link-requests`, body)).json()).toMatchObject({
        code: 'link_request.pending',
      });
      // The list of requests is a door too: only those who can see the person are asked.
      const outsiderList = (await outsider.get('/api/v1/link-requests')).json() as {
        incoming: unknown[];
        outgoing: unknown[];
      };
      expect(outsiderList).toEqual({ incoming: [], outgoing: [] });
      const requesterList = (await pjOfficer.get('/api/v1/link-requests')).json() as {
        incoming: { id: string }[];
        outgoing: { id: string }[];
      };
      expect(requesterList.incoming).toEqual([]);
      expect(requesterList.outgoing.map((r) => r.id)).toEqual([request.id]);
      // The requester cannot approve his own request; the person is not his to give.
      expect((await pjOfficer.post(`/api/v1/link-requests/${request.id}/approve`)).statusCode).toBe(404);
      expect((await view(pjOfficer, pjCase.id)).people).toHaveLength(0);

      const incoming = (await iasWorker.get('/api/v1/link-requests')).json() as {
        incoming: { id: string }[];
      };
      expect(incoming.incoming.map((r) => r.id)).toContain(request.id);
      const approved = await iasWorker.post(`/api/v1/link-requests/${request.id}/approve`);
      expect(approved.json()).toMatchObject({ status: 'approved' });
      const linked = (await view(pjOfficer, pjCase.id)).people[0]!;
      expect(linked.person.pseudonym).toBe(victimRow.person.pseudonym);
      expect(
        (
          await pjOfficer.post(`/api/v1/cases/${pjCase.id}/people/${linked.id}/reveal`, {
            purpose: 'investigation',
          })
        ).json(),
      ).toMatchObject({ familyName: victim.familyName });
      expect((await iasWorker.post(`/api/v1/link-requests/${request.id}/refuse`)).json()).toMatchObject({
        code: 'link_request.not_pending',
      });
      expect(await audited('link_request.approved')).toHaveLength(1);
    });
  });

  describe('4 and 5. membership', () => {
    let pjCase: CaseView;

    beforeAll(async () => {
      pjCase = await newCase(pjOfficer);
    });

    it('refuses to let a member who is not of the lead agency evict a lead member', async () => {
      expect(
        (await pjOfficer.post(`/api/v1/cases/${pjCase.id}/members`, { userId: iasWorkerId })).statusCode,
      ).toBe(200);
      const evict = await iasWorker.request('DELETE', `/api/v1/cases/${pjCase.id}/members/${pjOfficerId}`);
      expect(evict.statusCode).toBe(403);
      expect((await pjOfficer.get(`/api/v1/cases/${pjCase.id}`)).statusCode).toBe(200);
    });

    it('keeps the lead agency’s last member', async () => {
      const leave = await pjOfficer.request('DELETE', `/api/v1/cases/${pjCase.id}/members/${pjOfficerId}`);
      expect(leave.statusCode).toBe(409);
      expect(leave.json()).toMatchObject({ code: 'case.last_lead_member' });
    });

    it('refuses self-assignment, by an officer of the lead agency and by a supervisor alike', async () => {
      const self = await pjColleague.post(`/api/v1/cases/${pjCase.id}/members`, { userId: pjColleagueId });
      expect(self.statusCode).toBe(403);
      expect((await view(pjOfficer, pjCase.id)).members.map((m) => m.userId)).not.toContain(pjColleagueId);
      const supervisorSession = (await pjSupervisor.get('/api/v1/session')).json() as {
        user: { id: string };
      };
      const supervisorSelf = await pjSupervisor.post(`/api/v1/cases/${pjCase.id}/members`, {
        userId: supervisorSession.user.id,
      });
      expect(supervisorSelf.json()).toMatchObject({ code: 'case.self_assignment' });
      // The supervisor assigns others, without seeing any identity.
      expect(
        (await pjSupervisor.post(`/api/v1/cases/${pjCase.id}/members`, { userId: pjColleagueId })).statusCode,
      ).toBe(200);
      expect((await view(pjSupervisor, pjCase.id)).can).toMatchObject({
        manageMembers: true,
        revealPeople: false,
      });
    });

    it('ends an agency’s participation with its last member, unless it was brought in on purpose', async () => {
      expect((await view(pjOfficer, pjCase.id)).participatingAgencies.map((a) => a.code)).toContain('IAS');
      const removed = await pjOfficer.request('DELETE', `/api/v1/cases/${pjCase.id}/members/${iasWorkerId}`);
      expect(removed.statusCode, removed.body).toBe(200);
      expect((await view(pjOfficer, pjCase.id)).participatingAgencies.map((a) => a.code)).not.toContain(
        'IAS',
      );
      expect((await iasWorker.get(`/api/v1/cases/${pjCase.id}`)).statusCode).toBe(403);
      expect(await audited('case.agency_left')).toHaveLength(1);

      await pjOfficer.post(`/api/v1/cases/${pjCase.id}/agencies`, { agencyId: agency.gsc });
      await pjOfficer.post(`/api/v1/cases/${pjCase.id}/members`, { userId: gscWorkerId });
      await pjOfficer.request('DELETE', `/api/v1/cases/${pjCase.id}/members/${gscWorkerId}`);
      expect((await view(pjOfficer, pjCase.id)).participatingAgencies.map((a) => a.code)).toContain('GSC');
    });
  });

  describe('6. free text outside need-to-know', () => {
    it('withholds summaries, notes and titles from readers who do not work the case, and audits members’ reads', async () => {
      await iasWorker.post(`/api/v1/cases/${kase.id}/documents`, {
        kind: 'statement',
        title: 'Statement of Ana Sofia Ribeiro Lopes',
        documentDate: '2024-05-02',
      });
      const before = (await audited('case.text_read')).length;
      for (const reader of [analyst, secretariat]) {
        const seen = await view(reader, kase.id);
        expect(seen).toMatchObject({ summary: null, textWithheld: true });
        expect(JSON.stringify(seen)).not.toContain('Ribeiro');
      }
      expect(await audited('case.text_read')).toHaveLength(before);
      const member = await view(iasWorker, kase.id);
      expect(member).toMatchObject({ summary, textWithheld: false });
      expect(member.timeline.find((e) => e.type === 'document')!.title).toContain('Ribeiro');
      expect(await audited('case.text_read')).toHaveLength(before + 1);
    });
  });

  describe('free text written blind', () => {
    it('lets an officer who does not work the case change its facts but not overwrite a summary he cannot read', async () => {
      // PJ takes part in the IAS case (added on purpose above); its officers read structured facts only.
      const current = await view(pjOfficer, kase.id);
      expect(current.textWithheld).toBe(true);
      const overwrite = await pjOfficer.patch(`/api/v1/cases/${kase.id}`, {
        version: current.version,
        summary: 'Nothing here.',
      });
      expect(overwrite.statusCode).toBe(403);
      expect((await view(iasWorker, kase.id)).summary).toBe(summary);
    });
  });

  describe('14. audit gaps', () => {
    it('records name searches without the name, and denials naming the record refused', async () => {
      const found = await iasWorker.get(`/api/v1/cases?name=${encodeURIComponent('Ribeiro')}`);
      const items = (found.json() as { items: { id: string; isMember: boolean }[] }).items;
      expect(items.find((c) => c.id === kase.id)).toMatchObject({ isMember: true });
      const [search] = (await audited('case.name_searched')).slice(-1);
      expect(JSON.parse(search!.summary)).toMatchObject({ cases: 2 });
      expect(search!.summary).not.toContain('Ribeiro');

      expect(
        (
          await analyst.post(`/api/v1/cases/${kase.id}/people/${victimRow.id}/reveal`, {
            purpose: 'casework',
          })
        ).statusCode,
      ).toBe(403);
      const [denial] = (await audited('auth.permission_denied')).slice(-1);
      expect(denial).toMatchObject({ entity_type: 'case_person', entity_id: victimRow.id });
    });

    it('records every read of a victim’s notes, naming the victim and never the words', async () => {
      const consents = await iasWorker.get(`/api/v1/cases/${kase.id}/people/${secondRow.id}/consents`);
      expect(consents.body).toContain('Afraid of Viktor');
      const [entry] = (await audited('protection.notes_read')).slice(-1);
      expect(entry).toMatchObject({ entity_type: 'case_person', entity_id: secondRow.id });
      expect(JSON.parse(entry!.summary)).toMatchObject({ records: 'consents', notes: 1 });
      expect(entry!.summary).not.toContain('Viktor');
    });

    it('records the purpose of every reveal', async () => {
      const reveals = await audited('person.identity_revealed');
      expect(reveals.length).toBeGreaterThan(0);
      for (const entry of reveals) expect(JSON.parse(entry.summary)).toHaveProperty('purpose');
    });

    it('records a stage change the rules refused', async () => {
      const pjCase = await newCase(pjOfficer);
      const refused = await pjOfficer.post(`/api/v1/cases/${pjCase.id}/transitions`, {
        version: pjCase.version,
        to: 'judgment',
        decidedOn: '2024-05-05',
      });
      expect(refused.statusCode).toBe(409);
      const [entry] = await audited('case.transition_refused');
      expect(entry).toMatchObject({ entity_type: 'case', entity_id: pjCase.id });
    });
  });
});
