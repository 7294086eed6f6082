import { GuiaError } from '../../core/errors.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import { updateStamps } from '../../db/versioned.js';
import { asId, asIsoDate, asPseudonym } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { personsRepo } from '../cases/cases.repo.js';
import { sealIdentity } from '../cases/identities.service.js';
import { assertNotErased } from './erased.js';
import { redactFreeText, type RedactionCount } from './free-text-redaction.js';
import { erasuresRepo } from './retention.repo.js';

// The one way an identity is erased, by the retention period or at the person's request.
// The person row stays with its pseudonym, gender and citizenship (the cases' structure and
// the statistics count them; the indicator engine never reads a sealed column), every sealed
// identity column is emptied, the keyed name tokens and duplicate key that could find the
// person by name go, and the erasure is registered and audited in the same transaction.

export type ErasureOrigin =
  { reason: 'retention'; closedOn: string } | { reason: 'request'; requestId: string };

export async function eraseIdentity(
  tx: Executor,
  context: { actor: AuditActor; cipher: FieldCipher; now: string },
  personId: string,
  origin: ErasureOrigin,
): Promise<{ personId: string; pseudonym: string; redacted: RedactionCount }> {
  const { actor, cipher, now } = context;
  const person = await personsRepo.get(tx, personId);
  if (!person) throw new GuiaError('resource.not_found', { entity: 'person' });
  await assertNotErased(tx, person);
  // Her names are read from the identity before it is emptied, to find them in the free text.
  const redacted = await redactFreeText(tx, { cipher, now, userId: actor.userId }, person);
  // An empty identity seals to empty columns, no duplicate key and no name tokens: the same
  // column list as every other identity write, so a column added there is erased here too.
  const empty = sealIdentity(cipher, {});
  await personsRepo.update(tx, person.id, person.version, {
    ...empty.columns,
    duplicate_key: empty.duplicateKey,
    ...updateStamps(actor.userId, now),
  });
  await personsRepo.setNameTokens(tx, person.id, empty.tokens);
  const requestId = origin.reason === 'request' ? origin.requestId : null;
  await erasuresRepo.insert(tx, {
    person_id: person.id,
    reason: origin.reason,
    request_id: requestId,
    erased_at: now,
    erased_by: actor.userId,
  });
  // Counts only: how many texts named her and how many mentions became her pseudonym.
  const counts = { redactedTexts: redacted.texts, redactedMentions: redacted.mentions };
  await auditService.record(tx, actor, 'person.identity_erased', {
    entityType: 'person',
    entityId: person.id,
    summary:
      origin.reason === 'retention'
        ? {
            pseudonym: asPseudonym(person.pseudonym),
            reason: 'retention',
            closedOn: asIsoDate(origin.closedOn),
            ...counts,
          }
        : {
            pseudonym: asPseudonym(person.pseudonym),
            reason: 'request',
            requestId: asId(origin.requestId),
            ...counts,
          },
  });
  return { personId: person.id, pseudonym: person.pseudonym, redacted };
}
