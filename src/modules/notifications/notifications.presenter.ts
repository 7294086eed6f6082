import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { caseAccessRepo } from '../cases/case-access.repo.js';
import { caseAbilities, personAbilities } from '../cases/case-access.js';
import { isNotificationKind, type NotificationKind } from './notification-kinds.js';
import { notificationFactsRepo, type NotificationRow } from './notifications.repo.js';
import type { NotificationValues, NotificationView } from './notifications.schemas.js';

// A notification is shown with its reader's rights at the moment of reading, not the rights
// someone had when it was made: a case reference only to whoever may read the case, a
// pseudonym only to whoever may see the person (or answer the referral about them), a link
// only where the reader may go. Names and free text are never part of it.

type Params = Record<string, string | undefined>;

/** What the reader may see of one case and one person, each asked once per page. */
function sightOf(tx: Executor, reader: Actor) {
  const cases = new Map<string, Promise<string | null>>();
  const people = new Map<string, Promise<boolean>>();
  return {
    caseReference(caseId: string): Promise<string | null> {
      if (!cases.has(caseId))
        cases.set(
          caseId,
          (async () => {
            const facts = await caseAccessRepo.caseFacts(tx, caseId, reader.userId, reader.agencyId);
            if (!facts || !caseAbilities(reader, facts).read) return null;
            return notificationFactsRepo.caseReference(tx, caseId);
          })(),
        );
      return cases.get(caseId)!;
    },
    seesPerson(casePersonId: string): Promise<boolean> {
      if (!people.has(casePersonId))
        people.set(
          casePersonId,
          (async () => {
            const facts = await caseAccessRepo.personFacts(tx, casePersonId, reader.userId, reader.agencyId);
            return facts !== null && personAbilities(reader, facts).view;
          })(),
        );
      return people.get(casePersonId)!;
    },
  };
}
type Sight = ReturnType<typeof sightOf>;

/** Whether the reader may answer the referral (the receiving agency's inbox shows its pseudonym). */
async function answers(tx: Executor, reader: Actor, referralId: string): Promise<boolean> {
  const toAgencyId = await caseAccessRepo.referralRecipient(tx, referralId);
  return toAgencyId !== null && can(reader, 'referral.respond', { agencyIds: [toAgencyId] });
}

const empty: NotificationValues = {
  caseReference: null,
  pseudonym: null,
  agency: null,
  serviceKind: null,
  due: null,
};

async function referralView(
  tx: Executor,
  reader: Actor,
  sight: Sight,
  kind: NotificationKind,
  p: Params,
): Promise<{ values: NotificationValues; link: string | null }> {
  const sees = await sight.seesPerson(p.casePersonId ?? '');
  const mayAnswer = kind === 'referral.received' && (await answers(tx, reader, p.referralId ?? ''));
  const pseudonym =
    sees || mayAnswer ? await notificationFactsRepo.pseudonymOf(tx, p.casePersonId ?? '') : null;
  const agencyId = p.fromAgencyId ?? p.toAgencyId;
  const link =
    kind === 'referral.received'
      ? mayAnswer
        ? '/referrals'
        : null
      : sees
        ? `/cases/${p.caseId}/victims/${p.casePersonId}`
        : null;
  return {
    values: {
      ...empty,
      caseReference: await sight.caseReference(p.caseId ?? ''),
      pseudonym,
      agency: agencyId ? await notificationFactsRepo.agencyCode(tx, agencyId) : null,
      serviceKind: p.serviceKind ?? null,
    },
    link,
  };
}

/** Coordination notices: the task or meeting is named by its page, for readers of the plan or meetings. */
async function coordinationView(
  tx: Executor,
  reader: Actor,
  kind: NotificationKind,
  p: Params,
): Promise<{ values: NotificationValues; link: string | null }> {
  const values = {
    ...empty,
    due: p.due ?? null,
    agency: p.agencyId ? await notificationFactsRepo.agencyCode(tx, p.agencyId) : null,
  };
  if (kind === 'decision.assigned')
    return { values, link: can(reader, 'meeting.read') ? `/meetings/${p.meetingId}` : null };
  return { values, link: can(reader, 'plan.read') ? `/tasks/${p.taskId}` : null };
}

/** The reader's view of their notifications; rows of a kind no longer known are left out. */
export async function presentNotifications(
  tx: Executor,
  reader: Actor,
  rows: readonly NotificationRow[],
): Promise<NotificationView[]> {
  const sight = sightOf(tx, reader);
  const views: NotificationView[] = [];
  for (const row of rows) {
    if (!isNotificationKind(row.kind)) continue;
    const params = JSON.parse(row.params) as Params;
    const shown = row.kind.startsWith('referral.')
      ? await referralView(tx, reader, sight, row.kind, params)
      : row.kind.startsWith('account.')
        ? { values: empty, link: '/account' }
        : await coordinationView(tx, reader, row.kind, params);
    views.push({ id: row.id, kind: row.kind, createdAt: row.created_at, readAt: row.read_at, ...shown });
  }
  return views;
}
