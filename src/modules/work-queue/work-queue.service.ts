import { can } from '../../core/permissions.js';
import { caseAbilities } from '../cases/case-access.js';
import { caseAccessRepo } from '../cases/case-access.repo.js';
import { decisionsQueue } from '../coordination/meetings.queue.js';
import { tasksQueue } from '../coordination/tasks.queue.js';
import { notificationsRepo } from '../notifications/notifications.repo.js';
import { referralsService } from '../protection/referrals.service.js';
import type { UseCase } from '../use-case.js';
import { workQueueRepo } from './work-queue.repo.js';
import type { WorkQueue, WorkQueueCounts } from './work-queue.schemas.js';

// A person's home page: what is theirs to do, each part only for those whose role has it
// (null otherwise, so the page shows no empty section that does not concern them).

const shownReferrals = 5;
const shownCases = 10;
const recentDays = 7;

/** The referrals waiting in the actor's agency inbox (structured facts only: no details). */
async function waitingReferrals(uc: UseCase) {
  if (!can(uc.actor, 'referral.respond')) return null;
  const inbox = await referralsService.inbox(uc, { status: 'sent', limit: shownReferrals });
  return inbox.items.map((item) => ({
    id: item.id,
    caseReference: item.caseReference,
    pseudonym: item.pseudonym,
    fromAgency: item.fromAgency.code,
    serviceKind: item.serviceKind,
    sentOn: item.sentOn,
  }));
}

/** The cases the actor works on (is a member of), with the last change recorded on each. */
async function workedCases({ tx, actor, now }: UseCase) {
  const since = new Date(Date.parse(now) - recentDays * 86_400_000).toISOString();
  const rows = await workQueueRepo.memberCases(tx, actor.userId, shownCases);
  const items = [];
  for (const row of rows) {
    const facts = await caseAccessRepo.caseFacts(tx, row.id, actor.userId, actor.agencyId);
    if (!facts || !caseAbilities(actor, facts).read) continue;
    const change = await workQueueRepo.lastChange(tx, row.id);
    const byOthers = change ? change.actor_id !== actor.userId : false;
    items.push({
      id: row.id,
      reference: row.reference,
      stage: row.stage,
      lastChange: change ? { action: change.action, at: change.at, byOthers } : null,
      recent: change !== undefined && byOthers && change.at >= since,
    });
  }
  return { items, total: await workQueueRepo.memberCaseCount(tx, actor.userId) };
}

export const workQueueService = {
  async queue(uc: UseCase): Promise<WorkQueue> {
    const { tx, actor, today } = uc;
    const referrals = await waitingReferrals(uc);
    const tasks =
      can(actor, 'plan.read') || can(actor, 'progress.validate') ? await tasksQueue(tx, actor, today) : null;
    const decisions = can(actor, 'meeting.read') ? await decisionsQueue(tx, actor, today) : null;
    const counts = await workQueueService.counts(uc, { tasks, decisions });
    return { today, counts, referrals, cases: await workedCases(uc), tasks, decisions };
  },

  /** The numbers the menu shows beside its entries; the queues when the caller has them already. */
  async counts(
    uc: UseCase,
    known?: {
      tasks: Awaited<ReturnType<typeof tasksQueue>> | null;
      decisions: Awaited<ReturnType<typeof decisionsQueue>> | null;
    },
  ): Promise<WorkQueueCounts> {
    const { tx, actor, today } = uc;
    const hasTasks = can(actor, 'plan.read') || can(actor, 'progress.validate');
    const tasks = known ? known.tasks : hasTasks ? await tasksQueue(tx, actor, today) : null;
    const decisions = known
      ? known.decisions
      : can(actor, 'meeting.read')
        ? await decisionsQueue(tx, actor, today)
        : null;
    return {
      notifications: await notificationsRepo.unreadCount(tx, actor.userId),
      referrals: can(actor, 'referral.respond')
        ? await workQueueRepo.waitingReferrals(tx, actor.agencyId)
        : null,
      tasks: tasks
        ? tasks.filter((t) => t.kind === 'task_due' || t.kind === 'progress_returned').length
        : null,
      validations:
        tasks && can(actor, 'progress.validate')
          ? tasks.filter((t) => t.kind === 'progress_to_validate').length
          : null,
      decisions: decisions ? decisions.length : null,
    };
  },
};
