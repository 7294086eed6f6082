import { describe, expect, it } from 'vitest';
import type { Grants } from '../../src/core/permissions.js';
import { agencyFilterFor, authorize } from '../../src/modules/access/access.policy.js';
import type { Actor } from '../../src/modules/access/actor.js';
import type { CaseFacts, PersonFacts } from '../../src/modules/cases/case-access.repo.js';
import {
  caseAbilities,
  creatorGrant,
  personAbilities,
  type CaseAbilities,
  type PersonAbilities,
} from '../../src/modules/cases/case-access.js';

// The access model's decisions as tables (docs/access.md): who may do what on a case and on a
// person of it, from the actor's grants and relation to the case alone. The doors that lead to
// these decisions (routes, grants from the database) are attacked in need-to-know.test.ts.

const actor = (grants: Grants, agencyId = 'agency-a'): Actor => ({
  userId: 'user-1',
  agencyId,
  grants,
  label: 'user',
  email: 'u@example.org',
  name: 'U',
  language: 'en',
  roles: [],
  sessionId: 'session-1',
});

const facts = (relation: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'case-1',
  leadAgencyId: 'agency-a',
  member: false,
  agencyTakesPart: false,
  ...relation,
});

const none: CaseAbilities = {
  read: false,
  readText: false,
  update: false,
  transition: false,
  workPeople: false,
  revealPeople: false,
  manageMembers: false,
  protectionRead: false,
  protectionWrite: false,
};

// What a member gets on a case their agency takes part in, when their grants reach its text and
// people; whether they also choose members and see protection records depends on the rest.
const worksTheCase: Partial<CaseAbilities> = {
  read: true,
  readText: true,
  update: true,
  transition: true,
  workPeople: true,
  revealPeople: true,
};
const protectionRecords = { protectionRead: true, protectionWrite: true } as const;

// A case worker's grants reach only the cases they are a member of.
const caseWorker: Grants = {
  'case.read': 'own',
  'case.update': 'own',
  'case.transition': 'own',
  'person.reveal': 'own',
  'protection.read': 'own',
  'protection.write': 'own',
};
// An agency officer's reach the cases of their agency; identities only as a member.
const officer: Grants = {
  'case.read': 'agency',
  'case.update': 'agency',
  'case.transition': 'agency',
  'person.reveal': 'own',
};
const supervisor: Grants = { 'case.read': 'agency', 'case.supervise': 'agency' };
const secretariat: Grants = { 'case.read': 'all', 'case.supervise': 'all' };

describe('what an actor may do on a case', () => {
  it.each<[string, Grants, Partial<CaseFacts>, Partial<CaseAbilities>]>([
    ['no grants, even as a member of the lead agency', {}, { member: true, agencyTakesPart: true }, {}],
    [
      'a case worker who is a member, in the lead agency',
      caseWorker,
      { member: true, agencyTakesPart: true },
      { ...worksTheCase, manageMembers: true, ...protectionRecords },
    ],
    ['a case worker of the lead agency who is not a member', caseWorker, { agencyTakesPart: true }, {}],
    [
      'a case worker who is a member from another agency',
      caseWorker,
      { member: true, agencyTakesPart: true, leadAgencyId: 'agency-b' },
      { ...worksTheCase, ...protectionRecords },
    ],
    [
      'an officer of a taking-part agency who is not a member: facts, not text nor people',
      officer,
      { agencyTakesPart: true, leadAgencyId: 'agency-b' },
      { read: true, update: true, transition: true },
    ],
    [
      'an officer of the lead agency who is not a member cannot choose members',
      officer,
      { agencyTakesPart: true },
      { read: true, update: true, transition: true },
    ],
    [
      'an officer who is a member of a case of the lead agency',
      officer,
      { member: true, agencyTakesPart: true },
      { ...worksTheCase, manageMembers: true },
    ],
    [
      'an officer who is a member, but whose agency is not in the case',
      officer,
      { member: true, leadAgencyId: 'agency-b' },
      { revealPeople: true },
    ],
    ['an officer of an agency outside the case', officer, { leadAgencyId: 'agency-b' }, {}],
    [
      'a supervisor of a taking-part agency chooses members without reading text',
      supervisor,
      { agencyTakesPart: true, leadAgencyId: 'agency-b' },
      { read: true, manageMembers: true },
    ],
    ['a supervisor of an agency outside the case', supervisor, { leadAgencyId: 'agency-b' }, {}],
    [
      'the secretariat reads every case and chooses its members, never its text',
      secretariat,
      { leadAgencyId: 'agency-b' },
      { read: true, manageMembers: true },
    ],
    [
      'the secretariat as a member reads the text too',
      secretariat,
      { member: true, leadAgencyId: 'agency-b' },
      { read: true, readText: true, manageMembers: true },
    ],
  ])('%s', (_name, grants, relation, expected) => {
    expect(caseAbilities(actor(grants), facts(relation))).toEqual({ ...none, ...expected });
  });

  it('gives the creator of a case the grant of a member of its lead agency', () => {
    const grant = creatorGrant(actor(caseWorker), 'case-9', 'agency-a');
    expect(grant).toMatchObject({ caseId: 'case-9', leadAgencyId: 'agency-a', member: true });
    expect(grant.actor.userId).toBe('user-1');
    expect(grant.can).toEqual(
      caseAbilities(actor(caseWorker), facts({ member: true, agencyTakesPart: true })),
    );
    expect(grant.can.manageMembers).toBe(true);
    expect(creatorGrant(actor(officer, 'agency-b'), 'case-9', 'agency-a').can.manageMembers).toBe(false);
    // The creator's agency leads the case, so agency-wide grants reach it too.
    expect(creatorGrant(actor(supervisor), 'case-9', 'agency-a').can).toMatchObject({
      read: true,
      manageMembers: true,
    });
  });
});

const person = (relation: Partial<PersonFacts> = {}): PersonFacts => ({
  ...facts(),
  casePersonId: 'cp-1',
  personId: 'p-1',
  pseudonym: 'V-2020-0001',
  role: 'victim',
  grant: null,
  ...relation,
});

const unseen: PersonAbilities = {
  view: false,
  reveal: false,
  editIdentity: false,
  update: false,
  protectionRead: false,
  protectionWrite: false,
};

// A case worker of another agency who received a referral holds these without any case scope.
const recipient: Grants = {
  'person.reveal': 'own',
  'protection.read': 'agency',
  'protection.write': 'agency',
};

describe('what an actor may do on a person of a case', () => {
  it.each<[string, Grants, Partial<PersonFacts>, Partial<PersonAbilities>]>([
    [
      'a member case worker does everything',
      caseWorker,
      { member: true, agencyTakesPart: true },
      { view: true, reveal: true, editIdentity: true, update: true, ...protectionRecords },
    ],
    ['a case worker outside the case sees nothing', caseWorker, {}, {}],
    [
      'an officer reading the case sees the pseudonym only',
      officer,
      { agencyTakesPart: true },
      { view: true },
    ],
    [
      'a member officer reveals and edits, without protection records',
      officer,
      { member: true, agencyTakesPart: true },
      { view: true, reveal: true, editIdentity: true, update: true },
    ],
    [
      'a member who may reveal but not work the people cannot edit the identity',
      { 'case.read': 'own', 'person.reveal': 'own' },
      { member: true },
      { view: true, reveal: true },
    ],
    [
      'a referral recipient with consent to the identity',
      recipient,
      { grant: { identity: true } },
      { view: true, reveal: true, editIdentity: true, ...protectionRecords },
    ],
    [
      'a referral recipient without consent to the identity',
      recipient,
      { grant: { identity: false } },
      { view: true, ...protectionRecords },
    ],
    [
      'a referral recipient who may not reveal identities at all',
      { 'protection.read': 'agency' },
      { grant: { identity: true } },
      { view: true, protectionRead: true },
    ],
    [
      'a referral recipient who only reads protection records cannot edit the identity',
      { 'person.reveal': 'own', 'protection.read': 'agency' },
      { grant: { identity: true } },
      { view: true, reveal: true, protectionRead: true },
    ],
    [
      'a recipient writing protection records without reading them',
      { 'protection.write': 'agency' },
      { grant: { identity: false } },
      { view: true, protectionWrite: true },
    ],
    ['without a referral the same grants reach nothing', recipient, {}, {}],
    [
      'a member who writes protection records but does not work the people cannot edit the identity',
      { 'case.read': 'own', 'person.reveal': 'own', 'protection.write': 'own' },
      { member: true },
      { view: true, reveal: true, protectionWrite: true },
    ],
  ])('%s', (_name, grants, relation, expected) => {
    expect(personAbilities(actor(grants), person(relation))).toEqual({ ...unseen, ...expected });
  });
});

describe('permission checks of the access module', () => {
  it('authorizes within the scope and refuses outside it with permission.denied', () => {
    const officerActor = actor(officer);
    expect(() => authorize(officerActor, 'case.read', { agencyIds: ['agency-a'] })).not.toThrow();
    expect(() => authorize(officerActor, 'case.read', { agencyIds: ['agency-b'] })).toThrow(
      expect.objectContaining({ code: 'permission.denied', params: { permission: 'case.read' } }),
    );
    expect(() => authorize(officerActor, 'user.manage')).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
  });

  it('narrows a list to the actor agency unless the permission reaches all', () => {
    expect(agencyFilterFor(actor(secretariat), 'case.read')).toBeUndefined();
    expect(agencyFilterFor(actor(officer), 'case.read')).toBe('agency-a');
    expect(agencyFilterFor(actor({}), 'case.read')).toBe('agency-a');
  });
});
