import { can } from '../../core/permissions.js';
import type { Language } from '../../core/languages.js';
import type { Executor } from '../../db/schema.js';
import { actorOfUser, type Actor } from '../access/actor.js';
import { asIsoDate } from '../audit/audit-values.js';
import { auditService, systemActor } from '../audit/audit.service.js';
import { tasksQueue, type TaskQueueItem } from '../coordination/tasks.queue.js';
import { workQueueRepo } from '../work-queue/work-queue.repo.js';
import type { MailMessage, MailTransport } from './mail.transport.js';
import type { NotificationKind } from './notification-kinds.js';
import { notificationMessage, notificationSentence } from './notification-text.js';
import { presentNotifications } from './notifications.presenter.js';
import { notificationsRepo } from './notifications.repo.js';

// The daily digest: to each active user, by e-mail, the notifications they have not read
// and no digest has carried yet, and what waits for them (referrals in their agency's inbox,
// tasks due or overdue, progress to validate). A user with nothing of either gets no mail.
// E-mail leaves Guia: the digest names no person, no case reference and no pseudonym.

export type DigestRun = { date: string; sent: number; skipped: number; transport: 'smtp' | 'log' };

function taskLine(language: Language, item: TaskQueueItem): string {
  if (item.kind === 'task_due')
    return notificationMessage(
      language,
      item.status === 'overdue' ? 'digest.taskOverdue' : 'digest.taskDue',
      {
        due: item.due,
        agency: item.agency,
        title: item.title,
      },
    );
  return notificationMessage(
    language,
    item.kind === 'progress_to_validate' ? 'digest.progressToValidate' : 'digest.progressReturned',
    { agency: item.agency, period: item.period, title: item.title },
  );
}

/** What waits for the user today, one line each. */
async function waitingLines(db: Executor, actor: Actor, today: string): Promise<string[]> {
  const lines: string[] = [];
  const language = actor.language;
  if (can(actor, 'referral.respond')) {
    const count = await workQueueRepo.waitingReferrals(db, actor.agencyId);
    if (count > 0) lines.push(notificationMessage(language, 'digest.referrals', { count }));
  }
  if (can(actor, 'plan.read') || can(actor, 'progress.validate'))
    for (const item of await tasksQueue(db, actor, today)) lines.push(taskLine(language, item));
  return lines;
}

function compose(
  actor: Actor,
  date: string,
  news: string[],
  waiting: string[],
  publicUrl?: string,
): MailMessage {
  const l = actor.language;
  const m = (key: string, params: Record<string, string | number> = {}) =>
    notificationMessage(l, key, params);
  const section = (title: string, lines: string[]) =>
    lines.length > 0 ? ['', title, ...lines.map((line) => `- ${line}`)] : [];
  const text = [
    m('digest.greeting', { name: actor.name }),
    '',
    m('digest.intro'),
    ...section(m('digest.news'), news),
    ...section(m('digest.waiting'), waiting),
    '',
    ...(publicUrl ? [m('digest.open', { url: publicUrl }), ''] : []),
    m('digest.footer'),
    '',
  ].join('\n');
  return { to: actor.email, subject: m('digest.subject', { date }), text, language: l };
}

/**
 * Sends today's digests. `today` (YYYY-MM-DD, committee time zone) dates the mail and
 * decides what is due; `now` bounds the notifications carried (those made before it).
 */
export async function sendDigests(
  db: Executor,
  transport: MailTransport,
  options: { today: string; now: string; publicUrl?: string },
): Promise<DigestRun> {
  const users = await db.selectFrom('users').selectAll().where('active', '=', 1).orderBy('id').execute();
  let sent = 0;
  let items = 0;
  for (const user of users) {
    const actor = await actorOfUser(db, user, 'digest');
    const rows = await notificationsRepo.undigested(db, user.id, options.now);
    const views = await presentNotifications(db, actor, rows);
    const news = views.map((view) =>
      notificationSentence(actor.language, view.kind as NotificationKind, view.values, {
        withPseudonym: false,
      }),
    );
    const waiting = await waitingLines(db, actor, options.today);
    if (news.length + waiting.length === 0) continue;
    await transport.send(compose(actor, options.today, news, waiting, options.publicUrl), user.id);
    await notificationsRepo.markDigested(
      db,
      rows.map((row) => row.id),
      options.now,
    );
    sent += 1;
    items += news.length + waiting.length;
  }
  if (sent > 0)
    await db.transaction().execute((tx) =>
      auditService.record(tx, systemActor('system'), 'digest.sent', {
        summary: { date: asIsoDate(options.today), recipients: sent, items, transport: transport.kind },
      }),
    );
  return { date: options.today, sent, skipped: users.length - sent, transport: transport.kind };
}
