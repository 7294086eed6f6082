import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { GuiaError } from '../../core/errors.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import type { PersonGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import { loadReferences, presentConsent } from './protection.presenters.js';
import { protectionRepo, type ConsentRow } from './protection.repo.js';
import type { ConsentBody, ConsentView, WithdrawConsentBody } from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { recordNotesRead, recordOf, victimOf } from './victim.js';
import { asCode, asCodes, asIds } from '../audit/audit-values.js';

/** A victim's consent, by purpose: given once, withdrawn once, never edited. */
export const consentsService = {
  async list(uc: UseCase, grant: PersonGrant): Promise<ConsentView[]> {
    const { tx, cipher } = uc;
    const victim = victimOf(grant);
    const rows = await protectionRepo.consents(tx, victim.casePersonId);
    await recordNotesRead(uc, victim, 'consents', rows.filter((r) => r.note_enc).length);
    const refs = await loadReferences(tx, { users: rows.map((r) => r.created_by) });
    return rows.map((row) => presentConsent(row, victim.caseId, refs, cipher));
  },

  async record(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    input: ConsentBody,
  ): Promise<ConsentView> {
    const victim = victimOf(grant);
    assertNotFuture(today, { givenOn: input.givenOn });
    const informedOf = [...new Set(input.informedOf)];
    const row: ConsentRow = {
      id: uuidv7(),
      case_person_id: victim.casePersonId,
      purpose: input.purpose,
      informed_of: JSON.stringify(informedOf),
      given_on: input.givenOn,
      withdrawn_on: null,
      note_enc: cipher.encryptOptional(input.note, 'consents.note'),
      ...creationStamps(actor.userId, now),
    };
    await protectionRepo.insertConsent(tx, row);
    await auditService.record(tx, actor, 'consent.recorded', {
      entityType: 'consent',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId }),
        purpose: asCode(input.purpose),
        informedOf: asCodes(informedOf),
      },
    });
    return presentConsent(row, victim.caseId, await loadReferences(tx, {}, actor), cipher);
  },

  async withdraw(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    consentId: string,
    input: WithdrawConsentBody,
  ): Promise<ConsentView> {
    const victim = victimOf(grant);
    const consent = recordOf(await protectionRepo.getConsent(tx, consentId), victim, 'consent');
    if (consent.withdrawn_on)
      throw new GuiaError('consent.already_withdrawn', { withdrawnOn: consent.withdrawn_on });
    assertNotFuture(today, { withdrawnOn: input.withdrawnOn });
    assertNotBefore('withdrawnOn', input.withdrawnOn, consent.given_on, 'before_given_on');
    if (!(await protectionRepo.withdrawConsent(tx, consent.id, input.withdrawnOn, actor.userId, now))) {
      throw new GuiaError('consent.already_withdrawn', { withdrawnOn: input.withdrawnOn });
    }
    await auditService.record(tx, actor, 'consent.withdrawn', {
      entityType: 'consent',
      entityId: consent.id,
      summary: {
        ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId }),
        purpose: asCode(consent.purpose),
      },
    });
    // Withdrawal is the only change a consent undergoes, and it happens once: the row read
    // above, withdrawn, is the row now stored.
    const withdrawn: ConsentRow = {
      ...consent,
      withdrawn_on: input.withdrawnOn,
      ...updateStamps(actor.userId, now),
      version: consent.version + 1,
    };
    const refs = await loadReferences(tx, { users: [consent.created_by] }, actor);
    return presentConsent(withdrawn, victim.caseId, refs, cipher);
  },
};
