import { ActionIcon, Badge, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { claimSubjects, type ClaimInput } from '../../../../src/modules/assessments/assessments.schemas.js';

/** A claim under review: what will be saved, plus the words that made it, to check against. */
export type ReviewClaim = ClaimInput & { quote: string; previous: boolean };

type Props = { claims: ReviewClaim[]; onChange: (claims: ReviewClaim[]) => void };

// One card per claim rather than a table: the sentence must stay readable on a 390 px screen.
export function NarrativeClaimsEditor({ claims, onChange }: Props) {
  const { t } = useTranslation('assessments');
  const update = (index: number, patch: Partial<ReviewClaim>) =>
    onChange(claims.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Stack gap="xs">
      {claims.map((claim, index) => (
        <Paper key={index} withBorder p="xs" data-testid="review-claim">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap={4}>
                <Badge variant="light" color={claim.kind === 'numeric' ? 'blue' : 'orange'}>
                  {t(`web.narrative.claimKinds.${claim.kind}`)}
                </Badge>
                {claim.section && (
                  <Badge variant="outline" color="gray">
                    {t(`web.narrative.sectionKinds.${claim.section}`)}
                  </Badge>
                )}
                {claim.previous && (
                  <Badge variant="outline" color="gray">
                    {t('web.narrative.previousPeriod')}
                  </Badge>
                )}
              </Group>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('web.narrative.remove')}
                onClick={() => onChange(claims.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Text size="sm">
              <Text span fw={700}>
                {claim.quote}
              </Text>
              {' — '}
              <Text span c="dimmed">
                {claim.text}
              </Text>
            </Text>
            {claim.kind === 'numeric' ? (
              <Group grow wrap="wrap" gap="xs">
                <Select
                  label={t('web.narrative.subject')}
                  size="xs"
                  miw={160}
                  value={claim.subject}
                  allowDeselect={false}
                  data={claimSubjects.map((s) => ({ value: s, label: t(`web.narrative.subjects.${s}`) }))}
                  onChange={(value) => value && update(index, { subject: value as ReviewClaim['subject'] })}
                />
                <NumberInput
                  label={t('web.narrative.value')}
                  size="xs"
                  miw={90}
                  min={0}
                  allowDecimal={false}
                  value={claim.value ?? ''}
                  onChange={(value) => update(index, { value: typeof value === 'number' ? value : null })}
                />
                <TextInput
                  label={t('web.narrative.periodKey')}
                  size="xs"
                  miw={90}
                  value={claim.periodKey ?? ''}
                  onChange={(e) => update(index, { periodKey: e.currentTarget.value || undefined })}
                />
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('web.narrative.marker')}: {claim.marker}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
