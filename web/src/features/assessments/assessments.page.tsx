import { Badge, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../../../src/modules/assessments/assessments.schemas.js';
import { DataTable } from '../../components/data-table.js';
import { notifyProblem } from '../../components/notify.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor, RouterButton } from '../../components/router-links.js';
import { unsortedColumn } from '../../components/table-columns.js';
import { formatDateRange } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { assessmentListQuery, assessmentsApi, sourcesQuery, tierHistoryQuery } from './assessments.api.js';
import { useAssessmentChange } from './assessment-change.js';
import { ForecastPanel } from './forecast.panel.js';
import { NarrativeReview, reviewedSplit, type NarrativeReviewState } from './narrative-review.js';
import { TierHistoryChart } from './tier-history.chart.js';

export const jurisdictions = ['MAC', 'HKG'] as const;
type Jurisdiction = (typeof jurisdictions)[number];

export function AssessmentsPage() {
  const { t } = useTranslation('assessments');
  const can = useCan();
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>('MAC');
  const list = useQuery(assessmentListQuery(jurisdiction));
  const tiers = useQuery(tierHistoryQuery(jurisdiction));

  const columns: ColumnDef<AssessmentSummary>[] = [
    { id: 'year', header: t('web.year'), accessorFn: (a) => a.year },
    {
      id: 'tier',
      header: t('web.tier'),
      accessorFn: (a) => a.tier ?? '',
      cell: ({ row }) =>
        row.original.tier && (
          <Badge variant="light">
            {t(`web.tiers.${row.original.tier}`)}
            {row.original.waiver && ` · ${t('web.waiver')}`}
          </Badge>
        ),
    },
    {
      id: 'period',
      header: t('web.period'),
      accessorFn: (a) => a.period.start,
      cell: ({ row }) => formatDateRange(row.original.period.start, row.original.period.end),
    },
    { id: 'recommendations', header: t('web.tabs.recommendations'), accessorFn: (a) => a.recommendations },
    { id: 'claims', header: t('web.narrative.claims'), accessorFn: (a) => a.claims },
    unsortedColumn('open', '', (assessment) => (
      <RouterAnchor to="/assessments/$assessmentId" params={{ assessmentId: assessment.id }}>
        {t('web.open')}
      </RouterAnchor>
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('web.title')}
        description={t('web.intro')}
        actions={
          <RouterButton to="/assessments/recommendations" variant="light">
            {t('web.board.title')}
          </RouterButton>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('web.jurisdiction')}
          value={jurisdiction}
          onChange={(value) => setJurisdiction(value as Jurisdiction)}
          data={jurisdictions.map((j) => ({ value: j, label: t(`web.jurisdictions.${j}`) }))}
          maw={360}
        />
        <ProblemAlert error={tiers.error} />
        {tiers.data && (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <TierHistoryChart history={tiers.data.history} />
            <ForecastPanel history={tiers.data.history} />
          </SimpleGrid>
        )}
        <ProblemAlert error={list.error} />
        <DataTable
          label={t('web.title')}
          columns={columns}
          rows={[...(list.data ?? [])].sort((a, b) => b.year - a.year)}
          rowId={(a) => a.id}
          loading={list.isPending}
          empty={t('web.noAssessments')}
        />
        {can('assessment.manage') && <NewNarrative jurisdiction={jurisdiction} />}
      </Stack>
    </>
  );
}

/** Paste the narrative of a new report year: the assessment is created with the reviewed split. */
function NewNarrative({ jurisdiction }: { jurisdiction: Jurisdiction }) {
  const { t } = useTranslation('assessments');
  const navigate = useNavigate();
  const sources = useQuery(sourcesQuery);
  const save = useAssessmentChange(
    async ({ review, year }: { review: NarrativeReviewState; year: number }) => {
      // The first TIP narrative pasted brings its source with it.
      const tip =
        sources.data?.find((s) => s.kind === 'tip') ??
        (await assessmentsApi.createSource({ kind: 'tip', name: 'US Trafficking in Persons Report' }));
      const created = await assessmentsApi.create({
        sourceId: tip.id,
        jurisdiction,
        year,
        waiver: false,
        ...(review.split.tier ? { tier: review.split.tier } : {}),
        narrative: review.sections.map((s) => s.text).join('\n\n'),
      });
      return assessmentsApi.saveSplit(created.id, reviewedSplit(review, created.version));
    },
    {
      saved: t('web.narrative.saved'),
      then: (saved) => navigate({ to: '/assessments/$assessmentId', params: { assessmentId: saved.id } }),
    },
  );
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3">
        {t('web.narrative.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('web.narrative.intro')}
      </Text>
      <ProblemAlert error={sources.error} />
      <NarrativeReview
        saving={save.isPending}
        onSave={async (review, year) => {
          if (year === undefined) return notifyProblem(new Error(t('web.narrative.warnings.period_unknown')));
          await save.mutateAsync({ review, year });
        }}
      />
    </Paper>
  );
}
