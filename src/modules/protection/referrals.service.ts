import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { GuiaError } from '../../core/errors.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import type { PersonGrant, ReferralGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import {
  loadReferences,
  presentInboxItem,
  presentReferral,
  referralReferences,
} from './protection.presenters.js';
import { protectionRepo, type InboxRow, type ReferralRow } from './protection.repo.js';
import type {
  AcceptReferralBody,
  CompleteReferralBody,
  DeclineReferralBody,
  InboxQuery,
  ReferralBody,
  ReferralInbox,
  ReferralInboxItem,
  ReferralView,
} from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { recordNotesRead, victimOf } from './victim.js';
import { asCode, asId, asIds } from '../audit/audit-values.js';
import { referralNotices } from '../notifications/referral-notices.js';
import { statisticsSync } from '../statistics/indicators.service.js';

/**
 * The referral a grant allows answering, with what the answer shows (case reference,
 * pseudonym, sending agency). The grant was made for an existing referral.
 */
async function toAnswer(tx: UseCase['tx'], grant: ReferralGrant): Promise<InboxRow> {
  const referral = await protectionRepo.inboxEntry(tx, grant.referralId);
  if (!referral) throw new GuiaError('resource.not_found', { entity: 'referral' });
  return referral;
}

/** An answer moved a referral on from the status it was read in; nothing else changes a referral. */
const answered = (referral: InboxRow, changes: Partial<InboxRow>): InboxRow => ({
  ...referral,
  ...changes,
  version: referral.version + 1,
});

function audited(referral: InboxRow) {
  return {
    entityType: 'referral' as const,
    entityId: referral.id,
    summary: asIds({
      caseId: referral.case_id,
      casePersonId: referral.case_person_id,
      toAgencyId: referral.to_agency_id,
    }),
  };
}

/**
 * Gives a user the referred victim (and nobody else of the case): a person grant, with the
 * identity only when the referral was covered by consent. For the acceptor and for the worker
 * the accepted referral is assigned to.
 */
export async function grantReferredVictim(
  tx: UseCase['tx'],
  referral: InboxRow,
  to: { userId: string; reason: 'referral' | 'assignment'; by: string; now: string },
): Promise<{ grantId: string; identity: boolean }> {
  const identity = referral.consent_override_reason_enc === null;
  const grantId = uuidv7();
  await protectionRepo.grantPerson(tx, {
    id: grantId,
    user_id: to.userId,
    case_id: referral.case_id,
    case_person_id: referral.case_person_id,
    reason: to.reason,
    referral_id: referral.id,
    identity: identity ? 1 : 0,
    granted_by: to.by,
    granted_at: to.now,
    revoked_at: null,
    revoked_by: null,
  });
  return { grantId, identity };
}

/** Referrals of a victim from one agency to another, and the receiving agency's answers. */
export const referralsService = {
  async list(uc: UseCase, grant: PersonGrant): Promise<ReferralView[]> {
    const { tx, cipher } = uc;
    const victim = victimOf(grant);
    const rows = await protectionRepo.referrals(tx, victim.casePersonId);
    const notes = rows.filter((r) => r.details_enc || r.decline_reason_enc || r.consent_override_reason_enc);
    await recordNotesRead(uc, victim, 'referrals', notes.length);
    const refs = await loadReferences(tx, referralReferences(rows));
    return rows.map((row) => presentReferral(row, victim.caseId, refs, cipher));
  },

  /**
   * Refers a victim to another agency. The person's active `referral` consent is the gate; without
   * it the referral goes only with a stated reason, kept sealed and audited as sent without consent.
   */
  async send(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    input: ReferralBody,
  ): Promise<ReferralView> {
    const victim = victimOf(grant);
    assertNotFuture(today, { sentOn: input.sentOn });
    if (input.toAgencyId === actor.agencyId) {
      throw new GuiaError('referral.own_agency', {}, [{ path: 'toAgencyId', code: 'own_agency' }]);
    }
    await assertActiveAgency(tx, input.toAgencyId, 'toAgencyId');
    // A consent given after the day the referral went out does not cover it.
    const consent = await protectionRepo.activeConsent(tx, victim.casePersonId, 'referral', input.sentOn);
    if (!consent && !input.consentOverrideReason) {
      throw new GuiaError('referral.consent_required', { pseudonym: victim.pseudonym }, [
        { path: 'consentOverrideReason', code: 'consent_required' },
      ]);
    }
    const override = consent ? null : input.consentOverrideReason!;
    const row: ReferralRow = {
      id: uuidv7(),
      case_person_id: victim.casePersonId,
      from_agency_id: actor.agencyId,
      to_agency_id: input.toAgencyId,
      service_kind: input.serviceKind,
      reason: input.reason,
      details_enc: cipher.encryptOptional(input.details, 'referrals.details'),
      status: 'sent',
      sent_on: input.sentOn,
      responded_on: null,
      responded_by: null,
      decline_reason_enc: null,
      completed_on: null,
      consent_override_reason_enc: cipher.encryptOptional(override, 'referrals.consent_override_reason'),
      assigned_to: null,
      assigned_at: null,
      assigned_by: null,
      ...creationStamps(actor.userId, now),
    };
    await protectionRepo.insertReferral(tx, row);
    await statisticsSync.caseChanged(tx, victim.caseId);
    await auditService.record(tx, actor, override ? 'referral.sent_without_consent' : 'referral.sent', {
      entityType: 'referral',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId, toAgencyId: input.toAgencyId }),
        serviceKind: asCode(input.serviceKind),
        reason: asCode(input.reason),
        ...(consent ? { consentId: asId(consent.id) } : { consentOverride: true as const }),
      },
    });
    await referralNotices.received(tx, { ...row, case_id: victim.caseId }, input.serviceKind, {
      by: actor.userId,
      now,
    });
    const refs = await loadReferences(tx, referralReferences([row]), actor);
    return presentReferral(row, victim.caseId, refs, cipher);
  },

  /** Accepting gives the accepting user access to the referred victim (a person grant), not to the case. */
  async accept(
    { tx, actor, today, now, cipher }: UseCase,
    grant: ReferralGrant,
    input: AcceptReferralBody,
  ): Promise<ReferralInboxItem> {
    const referral = await toAnswer(tx, grant);
    if (referral.status !== 'sent') throw new GuiaError('referral.not_pending', { status: referral.status });
    const acceptedOn = input.acceptedOn ?? today;
    assertNotFuture(today, { acceptedOn });
    assertNotBefore('acceptedOn', acceptedOn, referral.sent_on, 'before_sent_on');
    const moved = await protectionRepo.moveReferral(tx, referral.id, 'sent', {
      status: 'accepted',
      responded_on: acceptedOn,
      responded_by: actor.userId,
      ...updateStamps(actor.userId, now),
    });
    if (!moved) throw new GuiaError('referral.not_pending', { status: 'changed' });
    const caseId = referral.case_id;
    // The acceptor reaches the referred victim and nobody else of the case; the identity
    // only when the victim consented to the referral.
    const { grantId, identity } = await grantReferredVictim(tx, referral, {
      userId: actor.userId,
      reason: 'referral',
      by: actor.userId,
      now,
    });
    await statisticsSync.caseChanged(tx, referral.case_id);
    await auditService.record(tx, actor, 'referral.accepted', audited(referral));
    await referralNotices.answered(tx, 'referral.accepted', referral, { by: actor.userId, now });
    await auditService.record(tx, actor, 'person_grant.granted', {
      entityType: 'case_person',
      entityId: referral.case_person_id,
      summary: { ...asIds({ caseId, grantId, userId: actor.userId, referralId: referral.id }), identity },
    });
    return presentInboxItem(answered(referral, { status: 'accepted', responded_on: acceptedOn }), cipher);
  },

  async decline(
    { tx, actor, today, now, cipher }: UseCase,
    grant: ReferralGrant,
    input: DeclineReferralBody,
  ): Promise<ReferralInboxItem> {
    const referral = await toAnswer(tx, grant);
    if (referral.status !== 'sent') throw new GuiaError('referral.not_pending', { status: referral.status });
    const declinedOn = input.declinedOn ?? today;
    assertNotFuture(today, { declinedOn });
    assertNotBefore('declinedOn', declinedOn, referral.sent_on, 'before_sent_on');
    const moved = await protectionRepo.moveReferral(tx, referral.id, 'sent', {
      status: 'declined',
      responded_on: declinedOn,
      responded_by: actor.userId,
      decline_reason_enc: cipher.encrypt(input.reason, 'referrals.decline_reason'),
      ...updateStamps(actor.userId, now),
    });
    if (!moved) throw new GuiaError('referral.not_pending', { status: 'changed' });
    await statisticsSync.caseChanged(tx, referral.case_id);
    await auditService.record(tx, actor, 'referral.declined', audited(referral));
    await referralNotices.answered(tx, 'referral.declined', referral, { by: actor.userId, now });
    return presentInboxItem(answered(referral, { status: 'declined', responded_on: declinedOn }), cipher);
  },

  async complete(
    { tx, actor, today, now, cipher }: UseCase,
    grant: ReferralGrant,
    input: CompleteReferralBody,
  ): Promise<ReferralInboxItem> {
    const referral = await toAnswer(tx, grant);
    if (referral.status !== 'accepted')
      throw new GuiaError('referral.not_accepted', { status: referral.status });
    assertNotFuture(today, { completedOn: input.completedOn });
    assertNotBefore(
      'completedOn',
      input.completedOn,
      referral.responded_on ?? referral.sent_on,
      'before_accepted_on',
    );
    const moved = await protectionRepo.moveReferral(tx, referral.id, 'accepted', {
      status: 'completed',
      completed_on: input.completedOn,
      ...updateStamps(actor.userId, now),
    });
    if (!moved) throw new GuiaError('referral.not_accepted', { status: 'changed' });
    await statisticsSync.caseChanged(tx, referral.case_id);
    await auditService.record(tx, actor, 'referral.completed', audited(referral));
    await referralNotices.answered(tx, 'referral.completed', referral, { by: actor.userId, now });
    return presentInboxItem(
      answered(referral, { status: 'completed', completed_on: input.completedOn }),
      cipher,
    );
  },

  /** The inbox is the actor's own agency's, whatever wider reach their grants have. */
  async inbox({ tx, actor, cipher }: UseCase, query: InboxQuery): Promise<ReferralInbox> {
    const rows = await protectionRepo.inbox(tx, {
      agencyId: actor.agencyId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit,
    });
    return {
      items: rows.map((row) => presentInboxItem(row, cipher)),
      nextCursor: rows.length === query.limit ? encodeCursor(rows.at(-1)!.sent_on, rows.at(-1)!.id) : null,
    };
  },
};
