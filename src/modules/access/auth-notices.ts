import type { Language } from '../../core/languages.js';
import { isLanguage } from '../../core/languages.js';
import type { Executor, SessionTable } from '../../db/schema.js';
import type { MailTransport } from '../notifications/mail.transport.js';
import { notificationMessage } from '../notifications/notification-text.js';
import { notify } from '../notifications/notifications.service.js';
import { usersRepo } from './access.repo.js';

// ASVS 2.2.3 and 2.5.5: whoever's way of signing in changes is told, so that a change they
// did not make (a stolen session changing the password, an administrator's reset asked for by
// an impostor) does not go unnoticed. The notice says what changed and when, never the secret.

export type AuthChange = 'password_changed' | 'password_reset' | 'two_factor_enrolled' | 'two_factor_reset';

/**
 * Whether a change made from a session at this stage is news to tell. Changes made while
 * signing in (the first own password replacing a one-time one, the second factor a role
 * requires) set up the account as its owner is walked through it; what came before them (an
 * administrator's reset) was told already. A change from a signed-in session alters
 * credentials already in use, and is told.
 */
export const isNewsAt = (stage: SessionTable['stage']) => stage === 'active';

const dateTimeLocales: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-Hant-MO', pt: 'pt-PT' };

export const authNotices = {
  /**
   * The in-app notice, inside the change's transaction. No actor is passed to `notify`: one
   * is not told of one's own acts, but of these one is.
   */
  async record(tx: Executor, userId: string, change: AuthChange, now = new Date().toISOString()) {
    await notify(tx, [userId], `account.${change}`, {}, { now });
  },

  /**
   * The same news by e-mail, in the user's language, once the change is committed; nothing
   * when no SMTP server is configured (the in-app notice stands alone). A failed mail is the
   * caller's to log: the change itself has happened.
   */
  async mail(
    db: Executor,
    transport: MailTransport | undefined,
    userId: string,
    change: AuthChange,
    at: { now: string; timeZone: string },
  ): Promise<boolean> {
    if (transport?.kind !== 'smtp') return false;
    const user = await usersRepo.get(db, userId);
    if (!user || user.active !== 1) return false;
    const language: Language = isLanguage(user.language) ? user.language : 'en';
    const m = (key: string, params: Record<string, string> = {}) =>
      notificationMessage(language, key, params);
    const time = new Intl.DateTimeFormat(dateTimeLocales[language], {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: at.timeZone,
    }).format(new Date(at.now));
    const text = [
      m('accountMail.greeting', { name: user.name }),
      '',
      m('accountMail.when', { change: m(`kind.account.${change}`), time }),
      '',
      m('accountMail.ifYou'),
      '',
      m('accountMail.footer'),
      '',
    ].join('\n');
    await transport.send({ to: user.email, subject: m('accountMail.subject'), text, language }, user.id);
    return true;
  },
};
