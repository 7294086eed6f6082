import {
  Alert,
  Badge,
  Card,
  Fieldset,
  Group,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { LabelledSegments } from '../../components/labelled-segments.js';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Dimension, ListId, Strength } from '../../../../src/core/screening/indicator-catalogue.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { today } from '../cases/case-labels.js';
import { plainBadge } from '../cases/plain-badge.js';
import { InterviewLanguageField } from './interview-language.js';
import type { Catalogue } from './protection.api.js';

export type Answer = 'yes' | 'no' | 'unanswered';
export type Exploitation = 'labour' | 'sexual';
type IndicatorView = Catalogue['lists'][number]['indicators'][number];
type Counts = { strong: number; medium: number; weak: number; positive: boolean };

const strengthColors: Record<Strength, string> = { strong: 'red', medium: 'orange', weak: 'gray' };

export type ListStepProps = {
  pseudonym: string;
  child: boolean;
  /** Under 18 by the recorded birth date: the children's list is the only one the server accepts. */
  childLocked: boolean;
  exploitation: Exploitation;
  onChoose: (child: boolean, exploitation: Exploitation) => void;
  list: Catalogue['lists'][number] | undefined;
  listId: ListId;
  screenedOn: string;
  onScreenedOn: (day: string) => void;
  interviewLanguage: string | null;
  onInterviewLanguage: (code: string | null) => void;
  interpreter: boolean | null;
  onInterpreter: (interpreter: boolean | null) => void;
};

/** Which list of indicators applies (a child or an adult, labour or sexual exploitation), the day and the interview. */
export function ListStep(props: ListStepProps) {
  const { t } = useTranslation(['cases']);
  const language = currentLanguage();
  const { child, exploitation, onChoose, list, listId } = props;
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Switch
          label={t('cases:screening.child')}
          description={
            props.childLocked
              ? t('cases:screening.childLocked', { pseudonym: props.pseudonym })
              : t('cases:screening.childDescription')
          }
          checked={child}
          disabled={props.childLocked}
          onChange={(event) => onChoose(event.currentTarget.checked, exploitation)}
        />
        <LabelledSegments
          id="exploitation-label"
          label={t('cases:screening.exploitation')}
          value={exploitation}
          onChange={(value) => onChoose(child, value === 'sexual' ? 'sexual' : 'labour')}
          data={[
            { value: 'labour', label: t('cases:screening.labour') },
            { value: 'sexual', label: t('cases:screening.sexual') },
          ]}
          maw={420}
        />
        <Text size="sm">{t('cases:screening.listInUse', { list: list?.label[language] ?? listId })}</Text>
        {list && !list.complete && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('cases:screening.listUnreviewed', { source: list.source })}
          </Alert>
        )}
        <TextInput
          type="date"
          label={t('cases:screening.screenedOn')}
          required
          max={today()}
          value={props.screenedOn}
          onChange={(event) => props.onScreenedOn(event.currentTarget.value)}
          maw={240}
        />
        <InterviewLanguageField value={props.interviewLanguage} onChange={props.onInterviewLanguage} />
        <Radio.Group
          label={t('cases:screening.interpreter')}
          value={props.interpreter === null ? '' : props.interpreter ? 'yes' : 'no'}
          onChange={(value) => props.onInterpreter(value === '' ? null : value === 'yes')}
        >
          <Group gap="md" mt={6}>
            <Radio value="yes" label={t('cases:screening.interpreterYes')} size="sm" />
            <Radio value="no" label={t('cases:screening.interpreterNo')} size="sm" />
          </Group>
        </Radio.Group>
      </Stack>
    </Card>
  );
}

/** One dimension's indicators, each answered yes, no or not yet, with the rule that makes it positive and where it stands. */
export function DimensionStep({
  dimension,
  label,
  indicators,
  counts,
  answerOf,
  onAnswer,
}: {
  dimension: Dimension;
  label: string;
  indicators: IndicatorView[];
  counts: Counts;
  answerOf: (id: string) => Answer;
  onAnswer: (id: string, answer: Answer) => void;
}) {
  const { t } = useTranslation(['cases']);
  const language = currentLanguage();
  return (
    <Stack gap="md">
      <Alert
        color={counts.positive ? 'orange' : 'gray'}
        variant="light"
        icon={counts.positive ? <IconAlertTriangle aria-hidden /> : <IconInfoCircle aria-hidden />}
        title={
          counts.positive
            ? t('cases:screening.dimensionPositive', { dimension })
            : t('cases:screening.dimensionNotPositive', { dimension })
        }
        aria-live="polite"
      >
        <Stack gap={4}>
          <Text size="sm">{t('cases:screening.dimensionState', counts)}</Text>
          <Text size="sm">{t('cases:screening.dimensionRule')}</Text>
        </Stack>
      </Alert>
      <Fieldset
        legend={
          <Text component="span" fw={700}>
            {dimension} · {label}
          </Text>
        }
        radius="md"
        bg="white"
      >
        <Stack gap={0}>
          {indicators.map((indicator, index) => (
            <Radio.Group
              key={indicator.id}
              value={answerOf(indicator.id)}
              onChange={(value) => onAnswer(indicator.id, value as Answer)}
              label={
                <Group gap="xs" component="span" wrap="nowrap" align="flex-start">
                  <Badge
                    component="span"
                    size="sm"
                    variant="light"
                    color={strengthColors[indicator.strength]}
                    style={plainBadge}
                    miw={72}
                  >
                    {t(`cases:strength.${indicator.strength}`)}
                  </Badge>
                  <Text component="span" size="sm" fw={400}>
                    {indicator.label[language]}
                  </Text>
                </Group>
              }
              py="xs"
              style={{ borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)' }}
              data-testid={`indicator-${indicator.id}`}
            >
              <Group gap="md" mt={6} ml={{ base: 0, sm: 80 }}>
                <Radio value="yes" label={t('cases:answer.yes')} size="sm" />
                <Radio value="no" label={t('cases:answer.no')} size="sm" />
                <Radio value="unanswered" label={t('cases:answer.unanswered')} size="sm" />
              </Group>
            </Radio.Group>
          ))}
        </Stack>
      </Fieldset>
    </Stack>
  );
}

/** What was observed in the interview: free text the server keeps encrypted. */
export function NotesField({ value, onChange }: { value: string; onChange: (notes: string) => void }) {
  const { t } = useTranslation(['cases']);
  return (
    <Textarea
      label={t('cases:screening.notes')}
      description={t('cases:screening.notesDescription')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      autosize
      minRows={3}
      maxLength={5000}
    />
  );
}
