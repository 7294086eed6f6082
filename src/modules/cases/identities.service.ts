import { duplicateKeyMaterial, nameTokens } from '../../core/cases/person-names.js';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError } from '../../core/errors.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { updateStamps } from '../../db/versioned.js';
import type { Actor } from '../access/actor.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { canRevealPerson, grantPerson, type PersonGrant } from './case-access.js';
import { duplicateFlagsRepo, personsRepo, type PersonRow } from './cases.repo.js';
import type {
  IdentityInput,
  IdentityView,
  PersonView,
  RevealPurpose,
  UpdateIdentity,
} from './cases.schemas.js';
import { parseJson } from './case-record.js';
import { asIds, asPseudonym, fieldNames } from '../audit/audit-values.js';
import { statisticsSync } from '../statistics/indicators.service.js';
import { assertNotErased } from '../retention/erased.js';

// Who a person is: the sealed identity behind a pseudonym, revealed one at a time and
// audited, the keyed hashes that find a person by name or as a probable duplicate, and the
// person across the cases that hold them.

// Identity fields and the columns that hold them sealed. The column name is bound into
// each ciphertext, so a value cannot be moved from one column to another.
const identityColumns = {
  givenNames: 'given_names_enc',
  familyName: 'family_name_enc',
  identityNumber: 'identity_number_enc',
  birthDate: 'birth_date_enc',
  contacts: 'contacts_enc',
  address: 'address_enc',
  notes: 'notes_enc',
} as const satisfies Record<keyof IdentityInput, keyof PersonRow>;
type IdentityField = keyof typeof identityColumns;

function identityOf(cipher: FieldCipher, person: PersonRow): Record<IdentityField, string | null> {
  return Object.fromEntries(
    Object.entries(identityColumns).map(([field, column]) => [
      field,
      cipher.decryptOptional(person[column], `persons.${column}`),
    ]),
  ) as Record<IdentityField, string | null>;
}

/** Ciphertexts, name-search tokens and the duplicate key for an identity. */
export function sealIdentity(cipher: FieldCipher, identity: Partial<Record<IdentityField, string | null>>) {
  const columns = Object.fromEntries(
    Object.entries(identityColumns).map(([field, column]) => [
      column,
      cipher.encryptOptional(identity[field as IdentityField], `persons.${column}`),
    ]),
  ) as Record<(typeof identityColumns)[IdentityField], string | null>;
  const material = duplicateKeyMaterial(identity);
  return {
    columns,
    duplicateKey: material ? cipher.blindIndex(material, 'person.duplicate') : null,
    tokens: nameTokens(identity.givenNames, identity.familyName).map((t) =>
      cipher.blindIndex(t, 'person.name'),
    ),
  };
}

export function assertBirthDate(today: string, birthDate: string | null | undefined): void {
  assertNotFuture(today, { 'person.birthDate': birthDate });
}

/**
 * Probable duplicates of a person, split by what the viewer may know: those in cases
 * whose identities the viewer can reveal (with id and pseudonym, to link), and whether
 * any exist elsewhere, with only the agencies leading those cases to ask.
 */
export async function duplicatesFor(db: Executor, actor: Actor, person: PersonRow) {
  if (!person.duplicate_key) return { visible: [], outside: null };
  const matches = await personsRepo.duplicates(db, person.duplicate_key, person.id);
  const visible: { personId: string; pseudonym: string }[] = [];
  const ask = new Map<string, { id: string; code: string }>();
  for (const match of matches) {
    if (await canRevealPerson(db, actor, match.id))
      visible.push({ personId: match.id, pseudonym: match.pseudonym });
    else for (const agency of await personsRepo.leadAgencies(db, match.id)) ask.set(agency.id, agency);
  }
  return { visible, outside: ask.size > 0 ? { ask: [...ask.values()] } : null };
}

/** Records probable duplicates for the secretariat to resolve, and what the caller was told. */
export async function flagDuplicates({ tx, actor, now }: UseCase, person: PersonRow): Promise<void> {
  if (!person.duplicate_key) return;
  const matches = await personsRepo.duplicates(tx, person.duplicate_key, person.id);
  if (matches.length === 0) return;
  for (const match of matches) await duplicateFlagsRepo.flag(tx, person.id, match.id, actor.userId, now);
  await auditService.record(tx, actor, 'person.duplicate_flagged', {
    entityType: 'person',
    entityId: person.id,
    summary: { pseudonym: asPseudonym(person.pseudonym), matches: matches.length },
  });
}

export const identitiesService = {
  /** The identity behind a pseudonym. Every reveal is in the audit trail. */
  async reveal({ tx, cipher }: UseCase, grant: PersonGrant, purpose: RevealPurpose): Promise<IdentityView> {
    const { actor, caseId } = grant;
    const person = (await personsRepo.get(tx, grant.personId))!;
    // An erased identity answers that it was erased (and when), not an empty identity.
    await assertNotErased(tx, person);
    await auditService.record(tx, actor, 'person.identity_revealed', {
      entityType: 'person',
      entityId: person.id,
      summary: {
        ...asIds({ caseId, casePersonId: grant.casePersonId }),
        pseudonym: asPseudonym(person.pseudonym),
        purpose,
        via: grant.via,
      },
    });
    return {
      personId: person.id,
      pseudonym: person.pseudonym,
      version: person.version,
      ...identityOf(cipher, person),
    };
  },

  async updateIdentity(uc: UseCase, grant: PersonGrant, input: UpdateIdentity): Promise<IdentityView> {
    const { tx, actor, today, now, cipher } = uc;
    const person = (await personsRepo.get(tx, grant.personId))!;
    await assertNotErased(tx, person);
    assertBirthDate(today, input.birthDate);
    const { version, ...changes } = input;
    const merged = { ...identityOf(cipher, person), ...changes };
    const sealed = sealIdentity(cipher, merged);
    await personsRepo.update(tx, person.id, version, {
      ...sealed.columns,
      duplicate_key: sealed.duplicateKey,
      ...updateStamps(actor.userId, now),
    });
    await personsRepo.setNameTokens(tx, person.id, sealed.tokens);
    await flagDuplicates(uc, { ...person, duplicate_key: sealed.duplicateKey });
    // Which identity fields changed is recorded; never their values.
    await statisticsSync.personChanged(tx, person.id);
    await auditService.record(tx, actor, 'person.updated', {
      entityType: 'person',
      entityId: person.id,
      summary: { fields: fieldNames(changes) },
    });
    return { personId: person.id, pseudonym: person.pseudonym, version: version + 1, ...merged };
  },

  /**
   * Cases the actor works in which a person whose name holds every searched word appears.
   * The search is audited (how many cases it found, never the name searched).
   */
  async caseIdsByName({ tx, actor, cipher }: UseCase, name: string): Promise<string[]> {
    const tokens = nameTokens(name).map((t) => cipher.blindIndex(t, 'person.name'));
    const personIds = await personsRepo.withNameTokens(tx, tokens);
    const caseIds =
      personIds.length === 0 ? [] : await personsRepo.memberCasesOf(tx, personIds, actor.userId);
    await auditService.record(tx, actor, 'case.name_searched', { summary: { cases: caseIds.length } });
    return caseIds;
  },

  /** A person across the cases in which the actor may see them; elsewhere the person is not there. */
  async personAcrossCases({ tx, actor }: UseCase, personId: string): Promise<PersonView> {
    const person = await personsRepo.get(tx, personId);
    const readable = [];
    if (person) {
      for (const entry of await personsRepo.cases(tx, person.id)) {
        const grant = await grantPerson(tx, actor, entry.caseId, entry.casePersonId, 'view').catch(
          () => null,
        );
        if (grant?.can.reveal) readable.push(entry);
      }
    }
    if (!person || readable.length === 0) throw new GuiaError('resource.not_found', { entity: 'person' });
    return {
      id: person.id,
      pseudonym: person.pseudonym,
      gender: person.gender,
      citizenship: parseJson(person.citizenship),
      cases: readable,
    };
  },
};
