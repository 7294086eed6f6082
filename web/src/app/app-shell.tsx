import { ActionIcon, AppShell, Badge, Burger, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconCopy,
  IconUserX,
  IconChartBar,
  IconChartLine,
  IconPresentation,
  IconWorld,
  IconLink,
  IconFolders,
  IconHistory,
  IconHome,
  IconTargetArrow,
  IconChecklist,
  IconInbox,
  IconLogout,
  IconTableShare,
  IconUserCircle,
  IconUsers,
  IconReportAnalytics,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../src/core/permissions.js';
import type { SessionView } from '../../../src/modules/access/access.schemas.js';
import { AppBrand } from '../components/app-brand.js';
import { RouterNavLink } from '../components/router-links.js';
import { NotificationBell } from '../features/notifications/notification-bell.js';
import { countsQuery, type QueueCounts } from '../features/notifications/notifications.api.js';
import { LanguageMenu } from '../features/session/language-menu.js';
import { SignedInSession, useSession } from '../features/session/session.js';
import { useSignOut } from '../features/session/use-sign-out.js';

type NavigationItem = {
  to:
    | '/'
    | '/cases'
    | '/referrals'
    | '/link-requests'
    | '/duplicates'
    | '/data-requests'
    | '/plan'
    | '/progress/pending'
    | '/meetings'
    | '/activities'
    | '/cooperation'
    | '/statistics'
    | '/publication'
    | '/assessments'
    | '/agencies'
    | '/users'
    | '/audit'
    | '/account';
  label: string;
  icon: Icon;
  /** Shown only to holders of this permission; null: to everyone signed in. */
  permission: Permission | null;
};

function useNavigation(): NavigationItem[] {
  const { t } = useTranslation([
    'web',
    'common',
    'cases',
    'coordination',
    'assessments',
    'statistics',
    'retention',
  ]);
  return [
    { to: '/', label: t('nav.home'), icon: IconHome, permission: null },
    { to: '/cases', label: t('cases:nav.cases'), icon: IconFolders, permission: 'case.read' },
    { to: '/referrals', label: t('cases:nav.referrals'), icon: IconInbox, permission: 'referral.respond' },
    { to: '/link-requests', label: t('cases:nav.links'), icon: IconLink, permission: 'person.reveal' },
    {
      to: '/duplicates',
      label: t('cases:nav.duplicates'),
      icon: IconCopy,
      permission: 'duplicate.resolve',
    },
    {
      to: '/data-requests',
      label: t('retention:nav'),
      icon: IconUserX,
      permission: 'data_request.manage',
    },
    { to: '/plan', label: t('coordination:plan.nav'), icon: IconTargetArrow, permission: 'plan.read' },
    {
      to: '/progress/pending',
      label: t('coordination:plan.validation'),
      icon: IconChecklist,
      permission: 'progress.validate',
    },
    {
      to: '/meetings',
      label: t('coordination:meetings.nav'),
      icon: IconPresentation,
      permission: 'meeting.read',
    },
    {
      to: '/activities',
      label: t('coordination:activities.nav'),
      icon: IconChartBar,
      permission: 'activity.read',
    },
    {
      to: '/cooperation',
      label: t('coordination:cooperation.nav'),
      icon: IconWorld,
      permission: 'cooperation.read',
    },
    {
      to: '/statistics',
      label: t('statistics:dashboard.nav'),
      icon: IconChartLine,
      permission: 'statistics.read',
    },
    {
      to: '/publication',
      label: t('statistics:publication.nav'),
      icon: IconTableShare,
      permission: 'statistics.release',
    },
    {
      to: '/assessments',
      label: t('assessments:web.nav'),
      icon: IconReportAnalytics,
      permission: 'assessment.read',
    },
    { to: '/agencies', label: t('nav.agencies'), icon: IconBuildingCommunity, permission: 'agency.read' },
    { to: '/users', label: t('nav.users'), icon: IconUsers, permission: 'user.read' },
    { to: '/audit', label: t('nav.audit'), icon: IconHistory, permission: 'audit.read' },
    { to: '/account', label: t('nav.account'), icon: IconUserCircle, permission: null },
  ];
}

/** What waits behind a menu entry (the work queue's counts), for those entries that have a queue. */
function menuCount(counts: QueueCounts | undefined, to: string): number | null {
  if (!counts) return null;
  const byEntry: Record<string, number | null> = {
    '/referrals': counts.referrals,
    '/plan': counts.tasks,
    '/progress/pending': counts.validations,
    '/meetings': counts.decisions,
  };
  return byEntry[to] ?? null;
}

function MenuCount({ count }: { count: number | null }) {
  const { t } = useTranslation(['notifications']);
  if (!count) return null;
  return (
    <Badge
      size="sm"
      variant="filled"
      color="red"
      circle={count < 10}
      aria-label={t('notifications:menuCount', { count })}
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}

/** The frame of every signed-in screen; without a finished sign-in it sends to the sign-in screen. */
export function AppShellLayout() {
  const session = useSession();
  if (!session || session.stage !== 'active') return <Navigate to="/sign-in" replace />;
  return (
    <SignedInSession value={session}>
      <Shell session={session} />
    </SignedInSession>
  );
}

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function Shell({ session }: { session: SessionView }) {
  const { t } = useTranslation(['web', 'common']);
  const [navigationOpen, { toggle: toggleNavigation, close: closeNavigation }] = useDisclosure(false);
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const items = useNavigation().filter(
    (item) => item.permission === null || session.permissions.includes(item.permission),
  );
  const isCurrent = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));
  const counts = useQuery(countsQuery).data;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navigationOpen } }}
      padding="lg"
    >
      <a href="#main" className="skip-link" onClick={focusMain}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navigationOpen}
              onClick={toggleNavigation}
              hiddenFrom="sm"
              size="sm"
              aria-label={navigationOpen ? t('nav.close') : t('nav.open')}
              aria-expanded={navigationOpen}
              aria-controls="main-navigation"
            />
            <AppBrand signedIn />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <LanguageMenu />
            <Button
              variant="subtle"
              color="gray"
              visibleFrom="sm"
              leftSection={<IconLogout size={18} aria-hidden />}
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {t('action.signOut')}
            </Button>
            {/* On a phone the header has room for the icon only. */}
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              hiddenFrom="sm"
              aria-label={t('action.signOut')}
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              <IconLogout size={20} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('nav.label')}>
        <AppShell.Section grow>
          {items.map((item) => (
            <RouterNavLink
              key={item.to}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
              active={isCurrent(item.to)}
              rightSection={<MenuCount count={menuCount(counts, item.to)} />}
              aria-current={isCurrent(item.to) ? 'page' : undefined}
              onClick={closeNavigation}
              fw={500}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="sm" fw={600} truncate>
            {session.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {session.user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {session.user.agency.code} ·{' '}
            {session.user.roles.map((role) => t(`common:role.${role}`)).join(', ')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
