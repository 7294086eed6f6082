import { GuiaError } from '../../core/errors.js';
import { can, type Permission, type ResourceScope } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseAccessRepo, type CaseFacts, type PersonFacts } from './case-access.repo.js';
import { personsRepo } from './cases.repo.js';

// The one access model for cases and the people in them (docs/access.md). A use case that
// touches a case or a person takes a grant; grants are made here and nowhere else (the
// brand below cannot be written outside this file), so a route that forgets to ask the
// policy does not compile.

declare const granted: unique symbol;

/** What the actor may do on one case. */
export type CaseAbilities = {
  /** Structured facts: stage, dates, agencies, pseudonyms. */
  read: boolean;
  /** Free text that may name people (summary, notes, document titles): members only. */
  readText: boolean;
  update: boolean;
  transition: boolean;
  /** Adding and changing people: members only. */
  workPeople: boolean;
  /** Identities of the case's people, one reveal at a time: members with `person.reveal`. */
  revealPeople: boolean;
  /** Choosing members and agencies: the lead agency's members, or a supervisor. */
  manageMembers: boolean;
  protectionRead: boolean;
  protectionWrite: boolean;
};
export type CaseAbility = keyof CaseAbilities;

export type CaseGrant = Readonly<{
  [granted]: 'case';
  actor: Actor;
  caseId: string;
  leadAgencyId: string;
  member: boolean;
  can: Readonly<CaseAbilities>;
}>;

/** What the actor may do on one person of a case. */
export type PersonAbilities = {
  /** Structured facts and the pseudonym. */
  view: boolean;
  /** Names, identity number, birth date, contacts, address, notes: audited on every reveal. */
  reveal: boolean;
  editIdentity: boolean;
  /** Changing the person's facts in this case (role data, verdict, events). */
  update: boolean;
  protectionRead: boolean;
  protectionWrite: boolean;
};
export type PersonAbility = keyof PersonAbilities;

export type PersonGrant = Readonly<{
  [granted]: 'person';
  actor: Actor;
  caseId: string;
  casePersonId: string;
  personId: string;
  pseudonym: string;
  role: PersonFacts['role'];
  /** How the actor reaches the person: as a member of the case, through an accepted referral, or only by reading the case. */
  via: 'member' | 'referral' | 'case';
  /** Whether the actor may also open the person's case (a referral recipient usually may not). */
  caseReadable: boolean;
  can: Readonly<PersonAbilities>;
}>;

/** The right to answer one referral, for the receiving agency. */
export type ReferralGrant = Readonly<{ [granted]: 'referral'; actor: Actor; referralId: string }>;

const scopeOf = (actor: Actor, facts: CaseFacts): ResourceScope => ({
  agencyIds: facts.agencyTakesPart ? [actor.agencyId] : [],
  memberUserIds: facts.member ? [actor.userId] : [],
});

export function caseAbilities(actor: Actor, facts: CaseFacts): CaseAbilities {
  const scope = scopeOf(actor, facts);
  const reaches = (permission: Permission) => can(actor, permission, scope);
  const member = facts.member;
  return {
    read: reaches('case.read'),
    readText: member && reaches('case.read'),
    update: reaches('case.update'),
    transition: reaches('case.transition'),
    workPeople: member && reaches('case.update'),
    revealPeople: member && reaches('person.reveal'),
    manageMembers:
      (member && actor.agencyId === facts.leadAgencyId && reaches('case.update')) ||
      reaches('case.supervise'),
    protectionRead: member && reaches('protection.read'),
    protectionWrite: member && reaches('protection.write'),
  };
}

export function personAbilities(actor: Actor, facts: PersonFacts): PersonAbilities {
  const onCase = caseAbilities(actor, facts);
  const holds = (permission: Permission) => can(actor, permission);
  const memberReveals = onCase.revealPeople;
  // An accepted referral reaches its victim only: the identity when consent covered it,
  // and the victim's protection records, whatever the recipient's scope on the case.
  const grant = facts.grant;
  const reveal = memberReveals || (grant !== null && grant.identity && holds('person.reveal'));
  return {
    view: onCase.read || grant !== null,
    reveal,
    editIdentity: reveal && (onCase.workPeople || (grant !== null && holds('protection.write'))),
    update: onCase.workPeople,
    protectionRead: onCase.protectionRead || (grant !== null && holds('protection.read')),
    protectionWrite: onCase.protectionWrite || (grant !== null && holds('protection.write')),
  };
}

const denied = (permission: string, entity: string, entityId: string) =>
  new GuiaError('permission.denied', { permission, entity, entityId });

/**
 * The actor's grant on a case, refusing unless it carries `ability`. A case the actor
 * cannot even read is answered as if it were not there.
 */
export async function grantCase(
  db: Executor,
  actor: Actor,
  caseId: string,
  ability: CaseAbility,
): Promise<CaseGrant> {
  const facts = await caseAccessRepo.caseFacts(db, caseId, actor.userId, actor.agencyId);
  if (!facts) throw new GuiaError('resource.not_found', { entity: 'case' });
  const abilities = caseAbilities(actor, facts);
  if (!abilities.read && !abilities.manageMembers) throw denied('case.read', 'case', caseId);
  if (!abilities[ability]) throw denied(`case.${ability}`, 'case', caseId);
  return {
    actor,
    caseId,
    leadAgencyId: facts.leadAgencyId,
    member: facts.member,
    can: abilities,
  } as CaseGrant;
}

/**
 * The actor's grant on one person of a case, refusing unless it carries `ability`. The
 * person must be in the case named (`caseId`): a person of another case is not found.
 */
export async function grantPerson(
  db: Executor,
  actor: Actor,
  caseId: string | null,
  casePersonId: string,
  ability: PersonAbility,
): Promise<PersonGrant> {
  const facts = await caseAccessRepo.personFacts(db, casePersonId, actor.userId, actor.agencyId);
  if (!facts || (caseId !== null && facts.caseId !== caseId))
    throw new GuiaError('resource.not_found', { entity: 'case_person' });
  const abilities = personAbilities(actor, facts);
  if (!abilities.view) throw new GuiaError('resource.not_found', { entity: 'case_person' });
  if (!abilities[ability]) throw denied(`person.${ability}`, 'case_person', casePersonId);
  return {
    actor,
    caseId: facts.caseId,
    casePersonId,
    personId: facts.personId,
    pseudonym: facts.pseudonym,
    role: facts.role,
    via: facts.member ? 'member' : facts.grant ? 'referral' : 'case',
    caseReadable: caseAbilities(actor, facts).read,
    can: abilities,
  } as PersonGrant;
}

/** The grant on the victim a service or support plan is about. */
export async function grantPersonOfRecord(
  db: Executor,
  actor: Actor,
  table: 'services' | 'support_plans',
  recordId: string,
  ability: PersonAbility,
): Promise<PersonGrant> {
  const casePersonId = await caseAccessRepo.casePersonOfRecord(db, table, recordId);
  const entity = table === 'services' ? 'service' : 'support_plan';
  if (!casePersonId) throw new GuiaError('resource.not_found', { entity });
  try {
    return await grantPerson(db, actor, null, casePersonId, ability);
  } catch (error) {
    // The record of a person one cannot see is not there.
    if (error instanceof GuiaError && error.code === 'resource.not_found')
      throw new GuiaError('resource.not_found', { entity });
    throw error;
  }
}

/**
 * Whether the actor may already see this person's identity somewhere: a member (with
 * `person.reveal`) of a case holding the person, or the holder of an identity grant.
 * Only then may the person be linked into another case directly.
 */
export async function canRevealPerson(db: Executor, actor: Actor, personId: string): Promise<boolean> {
  if (!can(actor, 'person.reveal')) return false;
  for (const caseId of await personsRepo.memberCasesOf(db, [personId], actor.userId)) {
    const facts = await caseAccessRepo.caseFacts(db, caseId, actor.userId, actor.agencyId);
    if (facts && can(actor, 'person.reveal', scopeOf(actor, facts))) return true;
  }
  return caseAccessRepo.hasIdentityGrant(db, personId, actor.userId);
}

/**
 * The right to answer a referral: `referral.respond` reaching the receiving agency. To
 * anyone of another agency the referral is not there.
 */
export async function grantReferral(db: Executor, actor: Actor, referralId: string): Promise<ReferralGrant> {
  const toAgencyId = await caseAccessRepo.referralRecipient(db, referralId);
  if (!toAgencyId || !can(actor, 'referral.respond', { agencyIds: [toAgencyId] }))
    throw new GuiaError('resource.not_found', { entity: 'referral' });
  return { actor, referralId } as ReferralGrant;
}

/**
 * The right to give an accepted referral to a named worker: `referral.assign` reaching the
 * receiving agency (its officers). To anyone of another agency the referral is not there;
 * the worker chosen is checked by the use case (of that agency, able to work protection).
 */
export async function grantReferralAssignment(
  db: Executor,
  actor: Actor,
  referralId: string,
): Promise<ReferralGrant> {
  const toAgencyId = await caseAccessRepo.referralRecipient(db, referralId);
  if (!toAgencyId || toAgencyId !== actor.agencyId)
    throw new GuiaError('resource.not_found', { entity: 'referral' });
  if (!can(actor, 'referral.assign', { agencyIds: [toAgencyId] }))
    throw denied('referral.assign', 'referral', referralId);
  return { actor, referralId } as ReferralGrant;
}

/** A grant for a case created moments ago by the actor, who is its first member. */
export function creatorGrant(actor: Actor, caseId: string, leadAgencyId: string): CaseGrant {
  const facts = { caseId, leadAgencyId, member: true, agencyTakesPart: true };
  return { actor, caseId, leadAgencyId, member: true, can: caseAbilities(actor, facts) } as CaseGrant;
}
