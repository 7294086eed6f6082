import type { Executor } from '../../db/schema.js';
import { notify, recipients } from './notifications.service.js';

/** What a referral notice needs of the referral: ids only. */
export type ReferralFacts = {
  id: string;
  case_id: string;
  case_person_id: string;
  from_agency_id: string;
  to_agency_id: string;
};
type Stamp = { by: string; now: string };

/** Who sent a referral: the user who recorded it. */
async function senderOf(tx: Executor, referralId: string): Promise<string[]> {
  const row = await tx
    .selectFrom('referrals')
    .select('created_by')
    .where('id', '=', referralId)
    .executeTakeFirst();
  return row?.created_by ? [row.created_by] : [];
}

/** The notices a referral's life sends: its arrival to the receivers, each answer to its sender. */
export const referralNotices = {
  /** To the receiving agency's users who may answer it. */
  async received(tx: Executor, referral: ReferralFacts, serviceKind: string, stamp: Stamp) {
    const to = await recipients.ofAgencyWhoMay(tx, referral.to_agency_id, 'referral.respond');
    return notify(
      tx,
      to,
      'referral.received',
      {
        referralId: referral.id,
        caseId: referral.case_id,
        casePersonId: referral.case_person_id,
        fromAgencyId: referral.from_agency_id,
        serviceKind,
      },
      stamp,
    );
  },

  /** To the sender: the receiving agency accepted, declined or completed the referral. */
  async answered(
    tx: Executor,
    kind: 'referral.accepted' | 'referral.declined' | 'referral.completed',
    referral: ReferralFacts,
    stamp: Stamp,
  ) {
    return notify(
      tx,
      await senderOf(tx, referral.id),
      kind,
      {
        referralId: referral.id,
        caseId: referral.case_id,
        casePersonId: referral.case_person_id,
        toAgencyId: referral.to_agency_id,
      },
      stamp,
    );
  },

  /** To the worker an accepted referral was given to (for the assignment of #12 item 1). */
  async assigned(tx: Executor, referral: ReferralFacts, workerId: string, stamp: Stamp) {
    return notify(
      tx,
      [workerId],
      'referral.assigned',
      {
        referralId: referral.id,
        caseId: referral.case_id,
        casePersonId: referral.case_person_id,
        fromAgencyId: referral.from_agency_id,
      },
      stamp,
    );
  },
};
