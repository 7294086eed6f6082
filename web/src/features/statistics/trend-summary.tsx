import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { poissonTrend, type YearCount } from '../../../../src/core/statistics/trend.js';

const ratio = (v: number) => v.toFixed(2);
const pText = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/**
 * The Poisson log-linear trend of yearly counts (src/core/statistics/trend.ts), said in words and
 * numbers: a direction only when the whole 95% interval of the rate ratio is on one side of 1.
 */
export function TrendSummary({ id, counts }: { id: string; counts: YearCount[] }) {
  const { t } = useTranslation('statistics');
  const trend = poissonTrend(counts);
  const color = trend.direction === 'declining' ? 'teal' : trend.direction === 'increasing' ? 'red' : 'gray';
  const first = counts[0]?.year;
  const last = counts[counts.length - 1]?.year;
  return (
    <Stack gap={4} data-testid={`trend-${id}`} aria-live="polite">
      <Text size="sm" fw={600}>
        {t('dashboard.trendHeading')}
      </Text>
      <Badge color={color} variant="light" size="lg" style={{ alignSelf: 'flex-start' }}>
        {t(`trend.${trend.direction}`)}
      </Badge>
      {trend.fitted ? (
        <>
          <Text size="sm">
            {t(`dashboard.trendSentence.${trend.direction}`, {
              first,
              last,
              percent: Math.abs(Math.round((trend.rateRatio - 1) * 100)),
            })}
          </Text>
          <Text size="sm">{t('trend.rateRatio', { value: ratio(trend.rateRatio) })}</Text>
          <Text size="sm">{t('trend.ci95', { lo: ratio(trend.ci95[0]), hi: ratio(trend.ci95[1]) })}</Text>
          <Text size="sm">{t('trend.pValue', { value: pText(trend.pValue) })}</Text>
        </>
      ) : (
        <Text size="sm">{t('trend.notFitted')}</Text>
      )}
      <Text size="xs" c="dimmed">
        {t('dashboard.trendMethod')}
      </Text>
    </Stack>
  );
}
