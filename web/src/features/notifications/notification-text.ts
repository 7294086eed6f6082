import { useTranslation } from 'react-i18next';
import type { Notification } from './notifications.api.js';

/**
 * A notification's sentence in the reader's language, made from its kind and the values the
 * server let this reader see (the same catalogue the e-mail digest uses). A person the reader
 * may not see is "a person"; the text is rebuilt whenever the language changes.
 */
export function useNotificationText(): (notification: Notification) => string {
  const { t, i18n } = useTranslation(['notifications']);
  // Chinese puts a space on each side of a Latin name or number, as the e-mail digest does.
  const fit = (value: string) =>
    i18n.language === 'zh-Hant' && /^[\x20-\x7e]+$/.test(value) ? ` ${value} ` : value;
  return (notification) => {
    const { pseudonym, agency, due } = notification.values;
    // A key known only at run time: every kind of notification-kinds.ts has its sentence.
    const key = `notifications:kind.${notification.kind}` as 'notifications:kind.referral.received';
    return t(key, {
      person: fit(pseudonym ?? t('notifications:hidden.person')),
      agency: fit(agency ?? ''),
      due: fit(due ?? ''),
    }).trim();
  };
}
