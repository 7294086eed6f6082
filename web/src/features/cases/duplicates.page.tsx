import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useAction } from '../../components/form-dialog.js';
import { LabelledSegments } from '../../components/labelled-segments.js';
import { CardList } from '../../components/card-list.js';
import { IconCopy, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDate } from './case-labels.js';
import { casesApi, duplicatesKey, duplicatesQuery, type DuplicateFlag } from './cases.api.js';
import { plainBadge } from './plain-badge.js';

const statusColors: Record<DuplicateFlag['status'], string> = {
  open: 'orange',
  distinct: 'gray',
  same: 'teal',
};
const shows = ['open', 'all'] as const;
type Show = (typeof shows)[number];

/**
 * Probable duplicates across cases, for the secretariat to decide: pseudonyms and cases only,
 * never the names that matched. Linking the records stays with the members of the cases.
 */
export function DuplicatesPage() {
  const { t } = useTranslation(['cases', 'web']);
  const [show, setShow] = useState<Show>('open');
  const flags = useQuery(duplicatesQuery);
  const shown = (flags.data ?? []).filter((flag) => show === 'all' || flag.status === 'open');

  return (
    <>
      <PageHeader title={t('cases:duplicates.title')} description={t('cases:duplicates.intro')} />
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={720}>
          {t('cases:duplicates.linkNote')}
        </Text>
        <LabelledSegments
          id="duplicates-show-label"
          label={t('cases:duplicates.show')}
          value={show}
          onChange={(value) => setShow(shows.find((candidate) => candidate === value) ?? 'open')}
          data={[
            { value: 'open', label: t('cases:duplicates.showOpen') },
            { value: 'all', label: t('cases:duplicates.showAll') },
          ]}
          maw={360}
        />
        <CardList query={flags} items={shown} empty={t('cases:duplicates.empty')}>
          {(flag) => <DuplicateCard flag={flag} />}
        </CardList>
      </Stack>
    </>
  );
}

function DuplicateCard({ flag }: { flag: DuplicateFlag }) {
  const { t } = useTranslation(['cases']);
  const [first, second] = flag.people;
  const names = { first: first?.pseudonym ?? '', second: second?.pseudonym ?? '' };
  const resolve = useAction((status: 'distinct' | 'same') => casesApi.resolveDuplicate(flag.id, status), {
    invalidate: [duplicatesKey],
    done: (resolved) =>
      t('cases:duplicates.resolved', { ...names, status: t(`cases:duplicateStatus.${resolved.status}`) }),
  });
  const headingId = `duplicate-${flag.id}`;
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={2}>
          <Group gap="sm">
            <IconCopy size={20} aria-hidden />
            <Title order={2} size="h4" id={headingId}>
              {t('cases:duplicates.pairNamed', names)}
            </Title>
          </Group>
          <Text size="xs" c="dimmed">
            {flag.resolvedAt
              ? t('cases:duplicates.resolvedOn', { date: formatDate(flag.resolvedAt) })
              : t('cases:duplicates.flaggedOn', { date: formatDate(flag.flaggedAt) })}
          </Text>
        </Stack>
        <Badge color={statusColors[flag.status]} variant="light" style={plainBadge}>
          {t(`cases:duplicateStatus.${flag.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {flag.people.map((person, index) => (
          <Stack key={`${person.pseudonym}-${index}`} gap={4}>
            <Text fw={600}>{person.pseudonym}</Text>
            {person.cases.map((kase) => (
              <Text size="sm" key={kase.caseId}>
                {t('cases:duplicates.inCases')}{' '}
                <RouterAnchor to="/cases/$caseId" params={{ caseId: kase.caseId }} size="sm" fw={500}>
                  {kase.reference}
                </RouterAnchor>{' '}
                <Text span size="sm" c="dimmed">
                  {t('cases:duplicates.ledBy', { agency: kase.leadAgency.code })}
                </Text>
              </Text>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
      <ProblemAlert error={resolve.error} />
      {flag.status === 'open' && (
        <Group gap="sm" mt="md">
          <Button
            size="sm"
            variant="light"
            color="teal"
            leftSection={<IconUsers size={16} aria-hidden />}
            loading={resolve.isPending && resolve.variables === 'same'}
            onClick={() => resolve.mutate('same')}
            aria-label={t('cases:duplicates.sameNamed', names)}
          >
            {t('cases:duplicates.same')}
          </Button>
          <Button
            size="sm"
            variant="default"
            loading={resolve.isPending && resolve.variables === 'distinct'}
            onClick={() => resolve.mutate('distinct')}
            aria-label={t('cases:duplicates.distinctNamed', names)}
          >
            {t('cases:duplicates.distinct')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
