import { Anchor, Alert, Center, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { usePageTitle } from '../../components/page-header.js';
import { LanguageMenu } from '../session/language-menu.js';
import { ReleaseChart } from './release.chart.js';
import { ReleasedTable } from './released-table.js';
import { publicReleasesQuery, type PublicReleaseView } from './public.api.js';

/** The public statistics page: released tables and their charts, without signing in. */
export function PublicStatisticsPage() {
  const { t } = useTranslation('statistics');
  usePageTitle(t('publication.public.title'));
  const releases = useQuery(publicReleasesQuery);
  return (
    <Container size="lg" py="lg">
      <Group justify="space-between" mb="md">
        <Title order={1}>{t('publication.public.title')}</Title>
        <Group>
          <LanguageMenu />
          <Anchor href="/sign-in">{t('publication.public.signIn')}</Anchor>
        </Group>
      </Group>
      <Text mb="lg">{t('publication.public.intro')}</Text>
      {releases.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : releases.isError ? (
        <ProblemAlert error={releases.error} />
      ) : releases.data.length === 0 ? (
        <Alert>{t('publication.public.none')}</Alert>
      ) : (
        <Stack gap="xl">
          {releases.data.map((release) => (
            <PublishedRelease key={release.id} release={release} />
          ))}
        </Stack>
      )}
    </Container>
  );
}

function PublishedRelease({ release }: { release: PublicReleaseView }) {
  const { t } = useTranslation('statistics');
  const title = release.title[currentLanguage()];
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('publication.public.meta', {
          name: release.ruleSet.name,
          version: release.ruleSet.version,
          date: formatDateTime(release.releasedAt),
        })}
        {release.roundingBase ? ` ${t('publication.public.rounded', { base: release.roundingBase })}` : ''}
        {release.noise ? ` ${t('publication.public.noise')}` : ''}
      </Text>
      <ReleaseChart release={release} label={t('publication.public.chart', { title })} />
      <ReleasedTable release={release} caption={t('publication.public.table', { title })} />
      <Text size="xs" c="dimmed" mt="xs">
        {t('publication.public.hidden')}
      </Text>
    </Paper>
  );
}
