import { Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  forecastAll,
  tierRuleSettings,
  TierRuleError,
  validateHistory,
  type Placement,
  type TierOutcome,
} from '../../../../src/core/assessments/tier-rules.js';
import { today } from '../cases/case-labels.js';

// The forecast is computed here, in the browser, by the same rules as `guia tier --json`
// (core/assessments/tier-rules.ts): what each tier the next report could assess would become.

function useForecast(history: readonly Placement[]) {
  return useMemo(() => {
    const settings = tierRuleSettings(today());
    try {
      return {
        forecast: forecastAll(history, settings),
        check: validateHistory(history, settings),
        error: null,
      };
    } catch (error) {
      if (error instanceof TierRuleError) return { forecast: null, check: null, error: error.message };
      throw error;
    }
  }, [history]);
}

function Consequences({ outcome }: { outcome: TierOutcome }) {
  const { t } = useTranslation('assessments');
  return (
    <Group gap={4}>
      {outcome.autoDowngrade && (
        <Badge color="red" variant="light">
          {outcome.rule === 'special'
            ? t('web.forecast.specialRuleDowngrade')
            : t('web.forecast.autoDowngrade')}
        </Badge>
      )}
      {outcome.waiverAvailable && !outcome.waiverApplied && (
        <Badge color="yellow" variant="light">
          {t('web.forecast.waiverAvailable')}
        </Badge>
      )}
      {outcome.specialWatchList && (
        <Badge color="blue" variant="light">
          {t('web.forecast.specialWatchList')}
        </Badge>
      )}
      {outcome.actionPlan && (
        <Badge color="grape" variant="light">
          {t('web.forecast.actionPlan')}
        </Badge>
      )}
    </Group>
  );
}

export function ForecastPanel({ history }: { history: readonly Placement[] }) {
  const { t } = useTranslation('assessments');
  const { forecast, check, error } = useForecast(history);
  if (error || !forecast || !check)
    return (
      <Paper withBorder p="md">
        <Text c="red">{error}</Text>
      </Paper>
    );
  const outcomes = forecast.outcomes.filter((o) => o.assessed !== 'NR');
  return (
    <Paper withBorder p="md" aria-labelledby="forecast-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="forecast-title">
            {t('web.forecast.title', { year: forecast.year })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.forecast.intro')}
          </Text>
        </div>
        <List size="sm" spacing={2}>
          <List.Item>{t('web.forecast.run', { count: forecast.run, year: forecast.year })}</List.Item>
          {forecast.run >= 2 && forecast.specialRuleSince === null && (
            <List.Item>
              {t('web.forecast.waivers', { used: forecast.waiversUsed, limit: forecast.waiverLimit })}
            </List.Item>
          )}
          {forecast.specialRuleSince !== null && (
            <List.Item>{t('web.forecast.specialRule', { since: forecast.specialRuleSince })}</List.Item>
          )}
        </List>
        <Table.ScrollContainer minWidth={360}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('web.forecast.assessed')}</Table.Th>
                <Table.Th>{t('web.forecast.result')}</Table.Th>
                <Table.Th>{t('web.forecast.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcomes.map((o) => (
                <Table.Tr
                  key={`${o.assessed}-${o.waiverApplied}`}
                  data-testid={`forecast-${o.assessed}${o.waiverApplied ? '-waiver' : ''}`}
                >
                  <Table.Td>
                    {t(`web.tiers.${o.assessed}`)}
                    {o.waiverApplied && ` (${t('web.forecast.withWaiver')})`}
                  </Table.Td>
                  <Table.Td fw={o.tier !== o.assessed ? 700 : undefined}>{t(`web.tiers.${o.tier}`)}</Table.Td>
                  <Table.Td>
                    <Consequences outcome={o} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {check.waiverYears.length > 0 && (
          <Text size="sm">{t('web.forecast.waiverYears', { years: check.waiverYears.join(', ') })}</Text>
        )}
        {check.violations.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('web.forecast.violations')}
            </Text>
            <List size="sm">
              {check.violations.map((v) => (
                <List.Item key={v.year} title={v.reason}>
                  {v.year}: {t(`web.forecast.violation.${v.rule}`)}
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
