import { Badge, Group, List, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { formatDateRange } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { useAssessmentChange } from './assessment-change.js';
import { assessmentQuery, assessmentsApi } from './assessments.api.js';
import { ClaimCheckPanel } from './claim-check.panel.js';
import { NarrativeReview, reviewedSplit } from './narrative-review.js';
import { ResponseEditor } from './response.editor.js';

const route = getRouteApi('/app/assessments/$assessmentId');

export function AssessmentPage() {
  const { assessmentId } = route.useParams();
  const { t } = useTranslation('assessments');
  const can = useCan();
  const assessment = useQuery(assessmentQuery(assessmentId));
  const resplit = useAssessmentChange(
    (body: Parameters<typeof assessmentsApi.saveSplit>[1]) => assessmentsApi.saveSplit(assessmentId, body),
    { saved: t('web.narrative.saved') },
  );
  if (assessment.error) return <ProblemAlert error={assessment.error} />;
  const a = assessment.data;
  if (!a) return null;
  return (
    <>
      <PageHeader
        title={`${t(`web.jurisdictions.${a.jurisdiction as 'MAC'}`, { defaultValue: a.jurisdiction })} ${a.year} — ${a.source.name}`}
        description={`${t('web.period')}: ${formatDateRange(a.period.start, a.period.end)}`}
        actions={<RouterAnchor to="/assessments">{t('web.back')}</RouterAnchor>}
      />
      <Stack gap="md">
        {a.tier && (
          <Group gap="xs">
            <Badge size="lg" variant="light">
              {t(`web.tiers.${a.tier}`)}
            </Badge>
            {a.waiver && <Badge variant="outline">{t('web.waiver')}</Badge>}
          </Group>
        )}
        {a.warnings.length > 0 && (
          <List size="sm" c="orange">
            {a.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        )}
        <Tabs defaultValue="recommendations" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="recommendations">{t('web.tabs.recommendations')}</Tabs.Tab>
            <Tabs.Tab value="claims">{t('web.tabs.claims')}</Tabs.Tab>
            <Tabs.Tab value="response">{t('web.tabs.response')}</Tabs.Tab>
            <Tabs.Tab value="narrative">{t('web.tabs.narrative')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="recommendations" pt="md">
            {a.recommendations.length === 0 ? (
              <Text c="dimmed">{t('web.board.empty')}</Text>
            ) : (
              <List type="ordered" spacing="xs">
                {a.recommendations.map((r) => (
                  <List.Item key={r.id}>
                    {r.text}{' '}
                    <Badge size="xs" variant="light">
                      {t(`web.board.statuses.${r.status}`)}
                    </Badge>
                  </List.Item>
                ))}
              </List>
            )}
            <Group mt="sm">
              <RouterAnchor to="/assessments/recommendations" search={{ year: a.year }}>
                {t('web.board.title')}
              </RouterAnchor>
            </Group>
          </Tabs.Panel>
          <Tabs.Panel value="claims" pt="md">
            <ClaimCheckPanel assessmentId={a.id} />
          </Tabs.Panel>
          <Tabs.Panel value="response" pt="md">
            <ResponseEditor assessmentId={a.id} />
          </Tabs.Panel>
          <Tabs.Panel value="narrative" pt="md">
            <NarrativeReview
              initialText={a.narrative ?? a.sections.map((s) => s.text).join('\n\n')}
              year={a.year}
              saving={resplit.isPending}
              onSave={
                can('assessment.manage')
                  ? (review) => resplit.mutateAsync(reviewedSplit(review, a.version, a)).then(() => undefined)
                  : undefined
              }
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
