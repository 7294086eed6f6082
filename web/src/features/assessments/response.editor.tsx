import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../../src/core/languages.js';
import type { ResponsePoint } from '../../../../src/modules/assessments/assessments.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useCan } from '../session/session.js';
import { useAssessmentChange } from './assessment-change.js';
import { assessmentsApi, assessmentsKey, responseDownloadUrl, responseQuery } from './assessments.api.js';

const languageNames: Record<Language, string> = { en: 'English', 'zh-Hant': '繁體中文', pt: 'Português' };

function PointEditor({
  assessmentId,
  point,
  language,
}: {
  assessmentId: string;
  point: ResponsePoint;
  language: Language;
}) {
  const { t } = useTranslation('assessments');
  const can = useCan();
  const [text, setText] = useState(point.text);
  const save = useAssessmentChange(
    () =>
      assessmentsApi.saveResponsePoint(assessmentId, point.targetId, {
        language,
        text,
        ...(point.textVersion !== null ? { version: point.textVersion } : {}),
      }),
    { saved: t('web.response.saved'), refresh: [...assessmentsKey, 'response', assessmentId] },
  );
  return (
    <Paper withBorder p="sm" data-testid="response-point">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light">
            {point.kind === 'recommendation' ? t('web.tabs.recommendations') : t('web.claims.title')}
          </Badge>
          {point.status && <Badge variant="outline">{t(`web.board.statuses.${point.status}`)}</Badge>}
          {point.categories.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('web.response.categories')}: {point.categories.join(', ')}
            </Text>
          )}
        </Group>
        <Text size="sm" fs="italic">
          {t('web.response.quote')}: {point.quote}
          {point.claimed !== null && ` (${point.claimed})`}
        </Text>
        {point.figures.length > 0 && (
          <Text size="sm">
            {t('web.response.figures')}:{' '}
            {point.figures
              .map(
                (f) =>
                  `${t(`web.narrative.subjects.${f.subject}`)} ${f.period.key}: ${
                    f.suppressed ? t('web.response.suppressed') : String(f.value)
                  }`,
              )
              .join(' · ')}
          </Text>
        )}
        <Textarea
          label={t('web.response.text')}
          autosize
          minRows={2}
          value={text}
          readOnly={!can('assessment.manage')}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {can('assessment.manage') && (
          <Group>
            <Button
              size="xs"
              loading={save.isPending}
              disabled={text === point.text}
              onClick={() => save.mutate()}
            >
              {t('web.response.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The point-by-point answer, its preview in the chosen language, and the documents to download. */
export function ResponseEditor({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation('assessments');
  const [language, setLanguage] = useState<Language>(
    (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en',
  );
  const preview = useQuery(responseQuery(assessmentId, language));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('web.response.intro')}
      </Text>
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label={t('web.response.language')}
          value={language}
          onChange={(v) => setLanguage(v as Language)}
          data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <Group gap="xs">
          {(['docx', 'pdf'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={responseDownloadUrl(assessmentId, format, language)}
              download
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('web.response.download', { format: format.toUpperCase() })}
            </Button>
          ))}
        </Group>
      </Group>
      <ProblemAlert error={preview.error} />
      {preview.data && (
        <>
          <Title order={3} size="h4">
            {t('web.response.preview')} — {preview.data.jurisdiction} {preview.data.year} (
            {preview.data.period.key})
          </Title>
          {preview.data.points.length === 0 && <Text>{t('web.response.empty')}</Text>}
          {preview.data.points.map((p) => (
            <PointEditor
              key={`${language}-${p.targetId}`}
              assessmentId={assessmentId}
              point={p}
              language={language}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
