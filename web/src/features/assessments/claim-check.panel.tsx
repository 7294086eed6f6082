import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClaimOutcome, NumericCheck } from '../../../../src/modules/assessments/assessments.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { claimCheckQuery } from './assessments.api.js';

const outcomeColour: Record<ClaimOutcome, string> = {
  consistent: 'green',
  different: 'red',
  not_measurable: 'gray',
};

function NumericCard({ check }: { check: NumericCheck }) {
  const { t } = useTranslation('assessments');
  const { claim } = check;
  return (
    <Paper withBorder p="sm" data-testid="claim-check" data-outcome={check.outcome}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Badge color={outcomeColour[check.outcome]} variant="light">
            {t(`web.claims.outcomes.${check.outcome}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`web.narrative.subjects.${claim.subject}`)} · {claim.period.key}
          </Text>
        </Group>
        <Text size="sm">{claim.text}</Text>
        <Group gap="lg">
          <Text size="sm">
            {t('web.claims.claimed')}: <b>{claim.value ?? '—'}</b>
          </Text>
          <Text size="sm">
            {t('web.claims.guia')}: <b>{check.guia ?? '—'}</b>
          </Text>
        </Group>
        {check.outcome === 'different' && (check.records.length > 0 || check.hiddenRecords > 0) && (
          <div>
            <Text size="xs" fw={600}>
              {t('web.claims.records')}
            </Text>
            <Group gap="xs">
              {check.records.map((r) => (
                <RouterAnchor
                  key={`${r.kind}-${r.id}`}
                  to="/cases/$caseId"
                  params={{ caseId: r.caseId }}
                  size="sm"
                >
                  {r.reference}
                </RouterAnchor>
              ))}
              {check.hiddenRecords > 0 && (
                <Text size="xs" c="dimmed">
                  {t('web.claims.hidden', { count: check.hiddenRecords })}
                </Text>
              )}
            </Group>
          </div>
        )}
      </Stack>
    </Paper>
  );
}

export function ClaimCheckPanel({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation('assessments');
  const check = useQuery(claimCheckQuery(assessmentId));
  if (check.error) return <ProblemAlert error={check.error} />;
  if (!check.data) return null;
  const { numeric, qualitative } = check.data;
  // Discrepancies first: they are what the answer has to address.
  const order: ClaimOutcome[] = ['different', 'not_measurable', 'consistent'];
  const sorted = [...numeric].sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('web.claims.intro')}
      </Text>
      {numeric.length === 0 && qualitative.length === 0 && <Text>{t('web.claims.empty')}</Text>}
      {sorted.map((c) => (
        <NumericCard key={c.claim.id} check={c} />
      ))}
      {qualitative.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('web.claims.qualitative')}
          </Title>
          {qualitative.map(({ claim, evidence }) => (
            <Paper key={claim.id} withBorder p="sm">
              <Stack gap={4}>
                <Badge color="orange" variant="light">
                  {claim.marker}
                </Badge>
                <Text size="sm">{claim.text}</Text>
                {evidence.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('web.claims.noEvidence')}
                  </Text>
                ) : (
                  <List size="sm">
                    {evidence.map((e) => (
                      <List.Item key={e.id}>
                        <Badge
                          size="xs"
                          color={e.stance === 'against' ? 'green' : 'red'}
                          variant="light"
                          mr={4}
                        >
                          {e.stance === 'against' ? t('web.claims.against') : t('web.claims.for')}
                        </Badge>
                        ({e.category}) {e.description}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}
