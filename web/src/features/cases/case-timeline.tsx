import { Card, Group, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconArrowRight, IconFileText, IconGavel, IconScale, type Icon } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, qualificationBasis, qualificationText } from './case-labels.js';
import { legalQualificationsQuery, type CaseView, type TimelineEntry } from './cases.api.js';

const icons: Record<TimelineEntry['type'], Icon> = {
  transition: IconArrowRight,
  judicial_act: IconGavel,
  qualification: IconScale,
  document: IconFileText,
};

/** Everything that happened in the case, oldest first, so that it reads as the story of the case. */
export function CaseTimeline({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'common']);
  if (kase.timeline.length === 0) return <Text c="dimmed">{t('cases:timeline.empty')}</Text>;
  return (
    <Card withBorder radius="md" padding="lg">
      <Timeline bulletSize={30} lineWidth={2} role="list" aria-label={t('cases:tab.timeline')}>
        {kase.timeline.map((entry) => {
          const EntryIcon = icons[entry.type];
          return (
            <Timeline.Item
              key={`${entry.type}-${entry.id}-${entry.at}-${'change' in entry ? entry.change : ''}`}
              role="listitem"
              bullet={
                <ThemeIcon size={30} radius="xl" variant="light" aria-hidden>
                  <EntryIcon size={16} />
                </ThemeIcon>
              }
              data-testid={`timeline-${entry.type}`}
            >
              <TimelineEntryContent entry={entry} />
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}

function TimelineEntryContent({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation(['cases', 'common']);
  const qualifications = useQuery(legalQualificationsQuery).data ?? [];
  // Facts about the entry are quieter than what someone wrote in it (a note, a description).
  const lines: { text: ReactNode; written?: boolean }[] = [];
  let title: string;
  switch (entry.type) {
    case 'transition':
      title = entry.from
        ? t('cases:timeline.transition', { stage: t(`common:caseStage.${entry.to}`) })
        : t('cases:timeline.opened', { stage: t(`common:caseStage.${entry.to}`) });
      if (entry.from)
        lines.push({ text: t('cases:timeline.from', { stage: t(`common:caseStage.${entry.from}`) }) });
      if (entry.decidedBy)
        lines.push({ text: t('cases:timeline.decidedBy', { agency: entry.decidedBy.code }) });
      if (entry.authority)
        lines.push({ text: t('cases:timeline.authority', { authority: entry.authority }) });
      if (entry.note) lines.push({ text: entry.note, written: true });
      if (entry.recordedBy) lines.push({ text: t('cases:timeline.recordedBy', { name: entry.recordedBy }) });
      break;
    case 'judicial_act':
      title = t('cases:timeline.judicialAct', { kind: t(`cases:judicialAct.${entry.kind}`) });
      lines.push({ text: t('cases:timeline.authority', { authority: entry.authority }) });
      if (entry.description) lines.push({ text: entry.description, written: true });
      if (entry.recordedBy) lines.push({ text: t('cases:timeline.recordedBy', { name: entry.recordedBy }) });
      break;
    case 'qualification': {
      const name = qualificationText(qualifications, entry.code);
      title =
        entry.change === 'added'
          ? t('cases:timeline.qualificationAdded', { name })
          : t('cases:timeline.qualificationRemoved', { name });
      const basis = qualificationBasis(qualifications, entry.code);
      if (basis) lines.push({ text: basis });
      lines.push({ text: t('cases:timeline.atStage', { stage: t(`common:caseStage.${entry.stage}`) }) });
      break;
    }
    case 'document':
      // A title is withheld (null) from readers who do not work the case: titles often name people.
      title =
        entry.title === null
          ? t('cases:timeline.documentWithheld', { kind: t(`cases:documentKind.${entry.kind}`) })
          : t('cases:timeline.document', { kind: t(`cases:documentKind.${entry.kind}`), title: entry.title });
      if (entry.reference)
        lines.push({ text: t('cases:timeline.reference', { reference: entry.reference }) });
      if (entry.issuedBy) lines.push({ text: t('cases:timeline.issuedBy', { agency: entry.issuedBy.code }) });
      break;
  }
  return (
    <Stack gap={2} pb="xs">
      <Group gap="sm" wrap="wrap" align="baseline">
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={entry.at}>{formatDate(entry.at)}</time>
        </Text>
        <Text fw={600}>{title}</Text>
      </Group>
      {lines.map((line, index) => (
        <Text
          key={index}
          size="sm"
          c={line.written ? undefined : 'dimmed'}
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {line.text}
        </Text>
      ))}
    </Stack>
  );
}
