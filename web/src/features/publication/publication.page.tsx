import {
  Alert,
  Button,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseBody, ReleasePreview } from '../../../../src/modules/statistics/publication.schemas.js';
import { dimensions, recordKinds } from '../../../../src/modules/statistics/statistics.schemas.js';
import { committeeToday, formatDateTime } from '../../components/format.js';
import { notifySuccess } from '../../components/notify.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { ReleasedTable } from '../public/released-table.js';
import {
  ledgerQuery,
  publicationApi,
  publicationKey,
  releasesQuery,
  ruleSetsQuery,
} from './publication.api.js';

type Query = ReleaseBody['query'];

/**
 * The publication officer's screen: a table is chosen by query, previewed as it would be
 * published with the auditor's verdict, and released to the public page.
 */
export function PublicationPage() {
  const { t } = useTranslation('statistics');
  const queryClient = useQueryClient();
  const ruleSets = useQuery(ruleSetsQuery);
  const releases = useQuery(releasesQuery);
  const ledger = useQuery(ledgerQuery);
  const [ruleSetId, setRuleSetId] = useState<string | null>(null);
  const [query, setQuery] = useState<Query>({
    kind: 'victim',
    rows: 'sex',
    cols: 'nationality',
    period: 'all',
  });
  const [title, setTitle] = useState({ en: '', 'zh-Hant': '', pt: '' });
  const [preview, setPreview] = useState<ReleasePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const chosen = ruleSets.data?.find((r) => r.id === ruleSetId) ?? null;

  const change = (next: Partial<Query>) => {
    setQuery((q) => ({ ...q, ...next }));
    setPreview(null);
  };
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (problem) {
      setError(problem);
    }
  };
  const doPreview = () =>
    run(async () => setPreview(await publicationApi.preview({ ruleSetId: ruleSetId!, query })));
  const doRelease = () =>
    run(async () => {
      await publicationApi.release({ ruleSetId: ruleSetId!, query, title });
      notifySuccess(t('publication.released'));
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: publicationKey });
    });

  return (
    <Stack>
      <PageHeader title={t('publication.title')} description={t('publication.intro')} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('publication.ruleSet')}
            data={(ruleSets.data ?? []).map((r) => ({
              value: r.id,
              label: t('publication.ruleSetOption', {
                name: r.name,
                version: r.version,
                threshold: r.threshold,
              }),
            }))}
            value={ruleSetId}
            onChange={(v) => {
              setRuleSetId(v);
              setPreview(null);
            }}
          />
          <Select
            label={t('publication.kind')}
            data={[...recordKinds]}
            value={query.kind}
            onChange={(v) => v && change({ kind: v as Query['kind'] })}
          />
          <Select
            label={t('publication.period')}
            data={[
              { value: 'all', label: t('publication.periodAll') },
              { value: 'year', label: t('publication.periodYear') },
              { value: 'tip', label: t('publication.periodTip') },
            ]}
            value={query.period}
            onChange={(v) => {
              const period = (v ?? 'all') as Query['period'];
              const year = String(Number(committeeToday().slice(0, 4)) - 1);
              change(
                period === 'all'
                  ? { period, periodKey: undefined }
                  : { period, periodKey: period === 'tip' ? `TIP${year}` : year },
              );
            }}
          />
          <Select
            label={t('publication.rows')}
            data={[...dimensions]}
            value={query.rows}
            onChange={(v) => v && change({ rows: v as Query['rows'] })}
          />
          <Select
            label={t('publication.cols')}
            data={[...dimensions]}
            value={query.cols}
            onChange={(v) => v && change({ cols: v as Query['cols'] })}
          />
          {query.period !== 'all' && (
            <TextInput
              label={t('publication.periodKey')}
              value={query.periodKey ?? ''}
              onChange={(e) => change({ periodKey: e.currentTarget.value })}
            />
          )}
          <TitleFields title={title} onChange={setTitle} />
        </SimpleGrid>
        <Group mt="md">
          <Button variant="default" disabled={!ruleSetId} onClick={() => void doPreview()}>
            {t('publication.preview')}
          </Button>
          <Button disabled={!ruleSetId || !preview?.passed} onClick={() => void doRelease()}>
            {t('publication.release')}
          </Button>
        </Group>
      </Paper>
      <ProblemAlert error={error} />
      {preview && chosen && <PreviewCard preview={preview} threshold={chosen.threshold} />}
      <Title order={2} size="h3">
        {t('publication.releases')}
      </Title>
      {ledger.data && <Text size="sm">{t('publication.epsilonSpent', { spent: ledger.data.spent })}</Text>}
      {(releases.data ?? []).map((release) => (
        <Paper withBorder p="md" key={release.id}>
          <Text fw={600}>{release.title.en}</Text>
          <Text size="sm" c="dimmed">
            {t('publication.releasedBy', {
              name: release.releasedBy.name,
              date: formatDateTime(release.releasedAt),
            })}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

type Titles = { en: string; 'zh-Hant': string; pt: string };

/** The release's title, in each language of the public page. */
function TitleFields({ title, onChange }: { title: Titles; onChange: (title: Titles) => void }) {
  const { t } = useTranslation('statistics');
  const labels = {
    en: 'publication.titleEn',
    'zh-Hant': 'publication.titleZhHant',
    pt: 'publication.titlePt',
  } as const;
  return (
    <>
      {(['en', 'zh-Hant', 'pt'] as const).map((language) => (
        <TextInput
          key={language}
          label={t(labels[language])}
          value={title[language]}
          onChange={(e) => onChange({ ...title, [language]: e.currentTarget.value })}
        />
      ))}
    </>
  );
}

/** The table as it would be published, with the auditor's verdict and each item's possible range. */
function PreviewCard({ preview, threshold }: { preview: ReleasePreview; threshold: number }) {
  const { t } = useTranslation('statistics');
  return (
    <Paper withBorder p="md">
      <Alert color={preview.passed ? 'teal' : 'red'} mb="md">
        {preview.passed ? t('publication.auditPassed') : t('publication.auditFailed')}
      </Alert>
      <ReleasedTable release={{ ...preview, threshold }} caption={t('publication.preview')} />
      <List size="sm" mt="sm">
        {preview.ranges.map((r) => (
          <List.Item key={r.item}>
            {t('publication.range', { item: r.item, min: r.min, max: r.max ?? t('publication.unbounded') })}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
