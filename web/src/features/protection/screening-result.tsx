import { Alert, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DIMENSIONS, type Dimension } from '../../../../src/core/screening/indicator-catalogue.js';
import { currentLanguage } from '../../i18n/i18n.js';
import type { Catalogue } from './protection.api.js';
import { plainBadge } from '../cases/plain-badge.js';

type Counts = { strong: number; medium: number; weak: number; positive: boolean };
const noCounts: Counts = { strong: 0, medium: 0, weak: 0, positive: false };

/** The result of the screening rule, whether stored or computed while the form is filled in. */
export type ScreeningOutcome = {
  status: 'complete' | 'incomplete';
  presumedVictim: boolean | null;
  positiveDimensions: Dimension[];
  dimensions: Partial<Record<Dimension, Counts>>;
  unanswered: number;
};

type Props = {
  outcome: ScreeningOutcome;
  child: boolean;
  catalogue: Catalogue | undefined;
  /** Names the table; several results can be on one page. */
  label: string;
  /** In a narrow column the counts are listed under each dimension instead of in a table. */
  narrow?: boolean;
};

/** Presumed victim or not, and why: which dimensions are positive, with the indicators found in each. */
export function ScreeningResult({ outcome, child, catalogue, label, narrow = false }: Props) {
  const { t } = useTranslation(['cases']);
  const language = currentLanguage();
  const dimensionLabel = (id: Dimension) =>
    catalogue?.dimensions.find((dimension) => dimension.id === id)?.label[language] ?? id;
  const verdict =
    outcome.presumedVictim === true
      ? { color: 'orange', icon: IconAlertTriangle, title: t('cases:screening.presumed') }
      : outcome.presumedVictim === false
        ? { color: 'gray', icon: IconCircleCheck, title: t('cases:screening.notPresumed') }
        : { color: 'yellow', icon: IconHelpCircle, title: t('cases:screening.incompleteResult') };

  return (
    <Stack gap="sm">
      <Alert color={verdict.color} variant="light" icon={<verdict.icon aria-hidden />} title={verdict.title}>
        <Stack gap={4}>
          <Text size="sm">
            {outcome.positiveDimensions.length > 0
              ? t('cases:screening.positiveDimensions', {
                  dimensions: outcome.positiveDimensions.map((d) => `${d} ${dimensionLabel(d)}`).join('; '),
                })
              : t('cases:screening.noPositiveDimension')}
          </Text>
          <Text size="sm">{child ? t('cases:screening.ruleChild') : t('cases:screening.ruleAdult')}</Text>
          {outcome.unanswered > 0 && (
            <Text size="sm" fw={500}>
              {t('cases:screening.unanswered', { n: outcome.unanswered })}
            </Text>
          )}
        </Stack>
      </Alert>
      {narrow ? (
        <List size="sm" spacing={6} listStyleType="none" aria-label={label}>
          {DIMENSIONS.map((id) => {
            const counts = outcome.dimensions[id] ?? noCounts;
            return (
              <List.Item key={id}>
                <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                  <Text size="sm" fw={counts.positive ? 600 : 400}>
                    {id} {dimensionLabel(id)}
                  </Text>
                  {counts.positive && (
                    <Badge color="orange" variant="light" style={plainBadge}>
                      {t('cases:screening.positiveYes')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('cases:screening.counts', counts)}
                </Text>
              </List.Item>
            );
          })}
        </List>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={label} verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases:screening.dimension')}</Table.Th>
                <Table.Th ta="right">{t('cases:strength.strong')}</Table.Th>
                <Table.Th ta="right">{t('cases:strength.medium')}</Table.Th>
                <Table.Th ta="right">{t('cases:strength.weak')}</Table.Th>
                <Table.Th>{t('cases:screening.positive')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DIMENSIONS.map((id) => {
                const counts = outcome.dimensions[id] ?? noCounts;
                return (
                  <Table.Tr key={id}>
                    <Table.Td>
                      <Text size="sm" fw={counts.positive ? 600 : 400}>
                        {id} {dimensionLabel(id)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{counts.strong}</Table.Td>
                    <Table.Td ta="right">{counts.medium}</Table.Td>
                    <Table.Td ta="right">{counts.weak}</Table.Td>
                    <Table.Td>
                      {counts.positive ? (
                        <Badge color="orange" variant="light" style={plainBadge}>
                          {t('cases:screening.positiveYes')}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('cases:screening.positiveNo')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {t('cases:screening.aidNote')}
        </Text>
      </Group>
    </Stack>
  );
}
