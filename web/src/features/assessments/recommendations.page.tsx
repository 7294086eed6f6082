import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  recommendationStatuses,
  type RecommendationCard,
  type RecommendationStatus,
} from '../../../../src/modules/assessments/assessments.schemas.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan } from '../session/session.js';
import { boardQuery } from './assessments.api.js';
import { RecommendationDialog } from './recommendation.dialog.js';

const route = getRouteApi('/app/assessments/recommendations');

function Card({ card, onEdit }: { card: RecommendationCard; onEdit: (() => void) | null }) {
  const { t } = useTranslation('assessments');
  return (
    <Paper withBorder p="sm" data-testid="recommendation-card">
      <Stack gap={4}>
        <Text size="sm">{card.text}</Text>
        <Group gap={4}>
          <Badge size="xs" variant="outline">
            {card.jurisdiction} {card.year}
          </Badge>
          {card.agencies.map((a) => (
            <Badge key={a.id} size="xs" variant="light">
              {a.code}
            </Badge>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {t('web.board.yearsOpen', { count: card.yearsOpen, first: card.firstYear })} ·{' '}
          {t('web.board.tasks', { count: card.tasks })} · {t('web.board.evidence', { count: card.evidence })}
        </Text>
        <Group justify="space-between">
          <RouterAnchor
            to="/assessments/$assessmentId"
            params={{ assessmentId: card.assessmentId }}
            size="xs"
          >
            {t('web.open')}
          </RouterAnchor>
          {onEdit && (
            <Button size="compact-xs" variant="light" onClick={onEdit}>
              {t('web.board.edit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The recommendations of every report, in one column per status, filtered by agency and year. */
export function RecommendationsPage() {
  const { t } = useTranslation('assessments');
  const search = route.useSearch();
  const can = useCan();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const board = useQuery(
    boardQuery({ ...(agencyId ? { agencyId } : {}), ...(search.year ? { year: search.year } : {}) }),
  );
  const byStatus = (status: RecommendationStatus) => (board.data ?? []).filter((c) => c.status === status);
  return (
    <>
      <PageHeader title={t('web.board.title')} description={t('web.board.intro')} />
      <Stack gap="md">
        <Group wrap="wrap">
          {agencies.data && (
            <Select
              label={t('web.board.agency')}
              placeholder={t('web.board.allAgencies')}
              clearable
              w={260}
              value={agencyId}
              onChange={setAgencyId}
              data={agencies.data.map((a) => ({ value: a.id, label: a.code }))}
            />
          )}
          {search.year && <Badge variant="light">{search.year}</Badge>}
        </Group>
        <ProblemAlert error={board.error} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {recommendationStatuses.map((status) => (
            <Stack key={status} gap="xs" aria-label={t(`web.board.statuses.${status}`)} role="region">
              <Title order={2} size="h5">
                {t(`web.board.statuses.${status}`)} ({byStatus(status).length})
              </Title>
              {byStatus(status).map((card) => (
                <Card
                  key={card.id}
                  card={card}
                  onEdit={can('assessment.manage') ? () => setEditing(card.id) : null}
                />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
        {board.data?.length === 0 && <Text c="dimmed">{t('web.board.empty')}</Text>}
      </Stack>
      <RecommendationDialog recommendationId={editing} onClose={() => setEditing(null)} />
    </>
  );
}
