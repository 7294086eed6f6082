import { Badge, Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { LoadMore } from '../../components/list-table.js';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { notifyProblem } from '../../components/notify.js';
import { useNotificationText } from './notification-text.js';
import {
  notificationsApi,
  notificationsKey,
  notificationsQuery,
  workQueueKey,
  type Notification,
} from './notifications.api.js';

/** One's own notifications, newest first: cards that read on a phone as on a desk. */
export function NotificationsPage() {
  const { t } = useTranslation(['notifications']);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(notificationsQuery(unreadOnly));
  const markRead = useMarkRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <>
      <PageHeader
        title={t('notifications:page.title')}
        description={t('notifications:page.description')}
        actions={
          <Button
            variant="default"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({ all: true })}
          >
            {t('notifications:page.markAllRead')}
          </Button>
        }
      />
      <Stack gap="md" maw={840}>
        <Switch
          label={t('notifications:page.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) => setUnreadOnly(event.currentTarget.checked)}
        />
        <ProblemAlert error={list.error} onReload={() => void list.refetch()} />
        {list.isSuccess && items.length === 0 && (
          <Text c="dimmed">
            {unreadOnly ? t('notifications:page.emptyUnread') : t('notifications:page.empty')}
          </Text>
        )}
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((notification) => (
            <NotificationCard
              key={notification.id}
              notification={notification}
              onRead={() => markRead.mutate({ ids: [notification.id] })}
            />
          ))}
        </Stack>
        <LoadMore query={list} label={t('notifications:page.more')} />
      </Stack>
    </>
  );
}

function NotificationCard({ notification, onRead }: { notification: Notification; onRead: () => void }) {
  const { t } = useTranslation(['notifications']);
  const text = useNotificationText();
  const router = useRouter();
  const unread = notification.readAt === null;
  // A real link (new tab, address shown), followed inside the app; opening it reads it.
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || !notification.link) return;
    event.preventDefault();
    if (unread) onRead();
    router.history.push(notification.link);
  };
  const { caseReference } = notification.values;
  return (
    <Card component="li" withBorder radius="md" padding="md" bg={unread ? 'blue.0' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {formatDateTime(notification.createdAt)}
          </Text>
          {unread && (
            <Badge size="sm" variant="light">
              {t('notifications:page.unread')}
            </Badge>
          )}
        </Group>
        <Text fw={unread ? 600 : 400}>{text(notification)}</Text>
        {notification.kind.startsWith('referral.') && (
          <Text size="sm" c="dimmed">
            {caseReference
              ? t('notifications:page.caseLabel', { reference: caseReference })
              : t('notifications:page.caseHidden')}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {notification.link && (
            // A path the server built for this reader: one of the app's own routes.
            <Button component="a" href={notification.link} size="xs" variant="light" onClick={open}>
              {t('notifications:page.open')}
            </Button>
          )}
          {unread && (
            <Button size="xs" variant="subtle" onClick={onRead}>
              {t('notifications:page.markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: notificationsApi.markRead,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
      void queryClient.invalidateQueries({ queryKey: workQueueKey });
    },
    onError: notifyProblem,
  });
}
