import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import { countsQuery } from './notifications.api.js';

const BellAnchor = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<'a'>>(
  function BellAnchor(props, ref) {
    return <ActionIcon component="a" ref={ref} variant="subtle" color="gray" size="lg" {...props} />;
  },
);
const BellLink = createLink(BellAnchor);

/** The header's bell: how many notifications are unread, and the way to them. */
export function NotificationBell() {
  const { t } = useTranslation(['notifications']);
  const counts = useQuery(countsQuery);
  const unread = counts.data?.notifications ?? 0;
  return (
    <Indicator
      // The link's own label says how many; the badge is for the eye only (hiding the whole
      // indicator would hide the link inside it from assistive technology).
      label={<span aria-hidden>{unread > 99 ? '99+' : unread}</span>}
      disabled={unread === 0}
      size={18}
      color="red"
      offset={6}
    >
      <BellLink
        to="/notifications"
        aria-label={unread > 0 ? t('notifications:bellUnread', { count: unread }) : t('notifications:bell')}
      >
        <IconBell size={20} aria-hidden />
      </BellLink>
    </Indicator>
  );
}
