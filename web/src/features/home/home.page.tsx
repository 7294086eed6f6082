import { Card, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconHistory,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../src/core/permissions.js';
import { PageHeader } from '../../components/page-header.js';
import { RouterAnchor } from '../../components/router-links.js';
import { useCan, useSignedInSession } from '../session/session.js';

type Destination = {
  to: '/agencies' | '/users' | '/audit' | '/account';
  title: string;
  text: string;
  icon: Icon;
  /** Offered only to holders of this permission; null: to everyone signed in. */
  permission: Permission | null;
};

export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const can = useCan();
  const destinations: Destination[] = [
    {
      to: '/agencies',
      title: t('nav.agencies'),
      text: t('home.agenciesText'),
      icon: IconBuildingCommunity,
      permission: 'agency.read',
    },
    {
      to: '/users',
      title: t('nav.users'),
      text: t('home.usersText'),
      icon: IconUsers,
      permission: 'user.read',
    },
    {
      to: '/audit',
      title: t('nav.audit'),
      text: t('home.auditText'),
      icon: IconHistory,
      permission: 'audit.read',
    },
    {
      to: '/account',
      title: t('nav.account'),
      text: t('home.accountText'),
      icon: IconUserCircle,
      permission: null,
    },
  ];
  const reachable = destinations.filter((d) => d.permission === null || can(d.permission));

  return (
    <>
      <PageHeader title={t('home.welcome', { name: session.user.name })} description={t('home.intro')} />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="purpose-heading">
          <Title order={2} size="h4" id="purpose-heading" mb="xs">
            {t('home.purposeTitle')}
          </Title>
          <Text mb="sm">{t('home.purpose')}</Text>
          <List spacing={4} size="sm">
            <List.Item>{t('home.pillarPrevention')}</List.Item>
            <List.Item>{t('home.pillarProtection')}</List.Item>
            <List.Item>{t('home.pillarProsecution')}</List.Item>
            <List.Item>{t('home.pillarPartnership')}</List.Item>
          </List>
          <Text size="sm" c="dimmed" mt="sm">
            {t('home.needToKnow')}
          </Text>
        </Card>

        <section aria-labelledby="destinations-heading">
          <Title order={2} size="h4" id="destinations-heading" mb="sm">
            {t('home.destinationsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {reachable.map((destination) => (
              <Card key={destination.to} withBorder radius="md" padding="lg">
                <ThemeIcon variant="light" size={40} radius="md" mb="sm" aria-hidden>
                  <destination.icon size={22} stroke={1.6} />
                </ThemeIcon>
                <RouterAnchor to={destination.to} fw={600} fz="lg">
                  {destination.title}
                </RouterAnchor>
                <Text size="sm" c="dimmed" mt={4}>
                  {destination.text}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </>
  );
}
