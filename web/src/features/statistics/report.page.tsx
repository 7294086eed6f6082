import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensionValueText } from '../../../../src/core/statistics/dimension-values.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatDate } from '../cases/case-labels.js';
import './report.css';
import {
  reportFileUrl,
  reportQuery,
  type DashboardPeriod,
  type ReportSectionView,
} from './statistics.api.js';
import { PeriodKindControl } from './period-kind.js';

type ReportWords = (typeof import('../../../../locales/en/statistics.json'))['report'];
type SectionId = keyof ReportWords['sections'];
type DimensionId = keyof ReportWords['dimension'];

/** The years offered: this year and the fourteen before it (a TIP year ends on 31 March). */
function recentYears(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 15 }, (_, i) => now - i);
}

/**
 * The secretariat's yearly report: the figures the committee publishes for one calendar year
 * or TIP period, on screen, printed (navigation and controls left out) or downloaded as PDF in
 * the reader's language, XLSX or CSV. Counts only.
 */
export function ReportPage() {
  const { t } = useTranslation('statistics');
  const [period, setPeriod] = useState<DashboardPeriod>('year');
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const report = useQuery(reportQuery(period, year));
  const language = currentLanguage();
  const periodName = t(period === 'tip' ? 'report.tipPeriod' : 'report.calendarYear', { year });

  return (
    <Stack className="guia-report" gap="md">
      <PageHeader
        title={t('report.title')}
        description={t('report.intro')}
        actions={
          <Group gap="xs" data-print="hide">
            <Button variant="default" onClick={() => window.print()}>
              {t('report.print')}
            </Button>
            {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                variant="default"
                component="a"
                href={reportFileUrl(format, period, year, language)}
                download
                aria-label={`${t('report.download')} ${format.toUpperCase()}`}
              >
                {format.toUpperCase()}
              </Button>
            ))}
          </Group>
        }
      />
      <Paper withBorder p="md" data-print="hide">
        <Group align="flex-end" wrap="wrap">
          <PeriodKindControl label={t('report.periodKind')} value={period} onChange={setPeriod} />
          <Select
            label={t('report.year')}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            data={recentYears().map((y) => String(y))}
            allowDeselect={false}
          />
        </Group>
      </Paper>
      {report.isError && <ProblemAlert error={report.error} />}
      {report.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : report.data ? (
        <>
          <Title order={2} size="h3" data-testid="report-period">
            {t('report.periodLine', {
              period: periodName,
              start: formatDate(report.data.start),
              end: formatDate(report.data.end),
            })}
          </Title>
          {report.data.sections.every((s) => s.total === 0) && <Alert>{t('report.none')}</Alert>}
          {report.data.sections.map((section) => (
            <ReportSection key={section.id} section={section} />
          ))}
        </>
      ) : null}
    </Stack>
  );
}

function ReportSection({ section }: { section: ReportSectionView }) {
  const { t } = useTranslation('statistics');
  const language = currentLanguage();
  const title = t(`report.sections.${section.id as SectionId}`);
  const label = (value: string | null) =>
    value === null
      ? t('report.notRecorded')
      : section.dimension
        ? (dimensionValueText(section.dimension, value, language) ?? value)
        : value;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`report-${section.id}`}
      data-testid={`report-${section.id}`}
    >
      <Title order={3} size="h4" id={`report-${section.id}`} mb="xs">
        {title}
      </Title>
      <Table withTableBorder striped maw={640}>
        {section.dimension && (
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(`report.dimension.${section.dimension as DimensionId}`)}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('report.count')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
        )}
        <Table.Tbody>
          {section.rows.map((row) => (
            <Table.Tr key={row.value ?? ''}>
              <Table.Td>{label(row.value)}</Table.Td>
              <Table.Td ta="right">{row.count}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('report.total')}</Table.Th>
            <Table.Td ta="right" fw={700}>
              {section.total}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {section.recordsWithValue !== null && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('report.multiValued', { records: section.recordsWithValue, total: section.total })}
        </Text>
      )}
      {section.measure !== null && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('report.months', { months: section.measure })}
        </Text>
      )}
    </Paper>
  );
}
