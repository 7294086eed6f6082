import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitNarrative, type NarrativeSplit } from '../../../../src/core/assessments/narrative.js';
import {
  sectionKinds,
  type ReviewedSplit,
  type SectionInput,
} from '../../../../src/modules/assessments/assessments.schemas.js';
import { NarrativeClaimsEditor, type ReviewClaim } from './narrative-claims.editor.js';

// The narrative is split in the browser by core/assessments/narrative.ts (the same code the server
// uses), and nothing is saved until the person has looked at the split and corrected it.

type Review = {
  split: NarrativeSplit;
  sections: SectionInput[];
  recommendations: { text: string }[];
  claims: ReviewClaim[];
};

// The API keeps whole counts up to ten million; larger amounts (budgets) stay as text only.
const savedValue = (value: number | null) => (value !== null && value <= 10_000_000 ? value : null);

function reviewOf(narrative: string, year: number | undefined): Review {
  const split = splitNarrative(narrative, { year });
  return {
    split,
    sections: split.sections.map((s) => ({ kind: s.kind, heading: s.heading, text: s.text })),
    recommendations: split.recommendations,
    claims: split.claims.map((c) => ({
      kind: c.kind,
      text: c.text,
      subject: c.subject,
      value: savedValue(c.value),
      ...(c.periodKey ? { periodKey: c.periodKey } : {}),
      section: c.section,
      ...(c.marker ? { marker: c.marker } : {}),
      quote: c.quote,
      previous: c.period === 'previous',
    })),
  };
}

type Saved = {
  recommendations: { id: string; text: string }[];
  claims: { id: string; text: string; subject: string; value: number | null }[];
};

/**
 * The corrected split as the API takes it. On a re-split, a recommendation or claim that is still there
 * word for word keeps its id, so that its follow-up (agencies, tasks, evidence, answers) stays with it.
 */
export function reviewedSplit(review: Review, version: number, saved?: Saved): ReviewedSplit {
  const recommendationId = (text: string) => saved?.recommendations.find((r) => r.text === text)?.id;
  const claimId = (c: ReviewClaim) =>
    saved?.claims.find((s) => s.text === c.text && s.subject === c.subject && s.value === c.value)?.id;
  return {
    version,
    sections: review.sections.filter((s) => s.text.trim()),
    recommendations: review.recommendations
      .filter((r) => r.text.trim())
      .map((r) => {
        const id = recommendationId(r.text);
        return id ? { id, text: r.text } : { text: r.text };
      }),
    claims: review.claims.map(({ quote: _quote, previous: _previous, ...claim }) => {
      const id = claimId({ ...claim, quote: '', previous: false });
      return id ? { id, ...claim } : claim;
    }),
  };
}

type Props = {
  initialText?: string;
  year?: number | undefined;
  /** Saving is offered only with a place to save to. */
  onSave?: ((split: Review, year: number | undefined) => Promise<void>) | undefined;
  saving?: boolean;
};

export function NarrativeReview({ initialText = '', year: initialYear, onSave, saving = false }: Props) {
  const { t } = useTranslation('assessments');
  const [text, setText] = useState(initialText);
  const [year, setYear] = useState<number | undefined>(initialYear);
  const [review, setReview] = useState<Review | null>(null);
  const patch = (p: Partial<Review>) => setReview((r) => (r ? { ...r, ...p } : r));

  return (
    <Stack gap="md">
      <Textarea
        label={t('web.narrative.text')}
        autosize
        minRows={6}
        maxRows={18}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group align="flex-end" wrap="wrap">
        <NumberInput
          label={t('web.year')}
          w={140}
          min={2001}
          max={2100}
          allowDecimal={false}
          value={year ?? ''}
          onChange={(v) => setYear(typeof v === 'number' ? v : undefined)}
        />
        <Button onClick={() => setReview(reviewOf(text, year))}>{t('web.narrative.split')}</Button>
      </Group>
      {review && (
        <ReviewEditor
          review={review}
          patch={patch}
          onSave={onSave && ((r) => onSave(r, year))}
          saving={saving}
        />
      )}
    </Stack>
  );
}

function ReviewEditor({
  review,
  patch,
  onSave,
  saving,
}: {
  review: Review;
  patch: (p: Partial<Review>) => void;
  onSave: ((review: Review) => Promise<void>) | undefined;
  saving: boolean;
}) {
  const { t } = useTranslation('assessments');
  const { split } = review;
  return (
    <Stack gap="md" data-testid="narrative-review">
      {split.warnings.map((w) => (
        <Alert key={w} color="yellow" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t(`web.narrative.warnings.${w.replace('narrative.', '') as 'empty'}`)}
        </Alert>
      ))}
      <Group gap="xs">
        <Badge variant="light">
          {t('web.narrative.layout')}: {t(`web.narrative.layouts.${split.layout}`)}
        </Badge>
        {split.tier && (
          <Badge variant="light" color="grape">
            {t('web.narrative.statedTier')}: {t(`web.tiers.${split.tier}`)}
          </Badge>
        )}
      </Group>
      <Title order={3} size="h4">
        {t('web.narrative.sections')} ({review.sections.length})
      </Title>
      <Accordion multiple variant="separated">
        {review.sections.map((section, index) => (
          <Accordion.Item key={index} value={String(index)}>
            <Accordion.Control>{t(`web.narrative.sectionKinds.${section.kind}`)}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Select
                  label={t('web.narrative.sectionKind')}
                  value={section.kind}
                  allowDeselect={false}
                  data={sectionKinds.map((k) => ({ value: k, label: t(`web.narrative.sectionKinds.${k}`) }))}
                  onChange={(kind) =>
                    kind &&
                    patch({
                      sections: review.sections.map((s, i) =>
                        i === index ? { ...s, kind: kind as SectionInput['kind'] } : s,
                      ),
                    })
                  }
                />
                <Textarea
                  autosize
                  maxRows={12}
                  aria-label={t(`web.narrative.sectionKinds.${section.kind}`)}
                  value={section.text}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    patch({
                      sections: review.sections.map((s, i) => (i === index ? { ...s, text: value } : s)),
                    });
                  }}
                />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <RecommendationsEditor review={review} patch={patch} />
      <Title order={3} size="h4">
        {t('web.narrative.claims')} ({review.claims.length})
      </Title>
      <NarrativeClaimsEditor claims={review.claims} onChange={(claims) => patch({ claims })} />
      {onSave && (
        <Group>
          <Button loading={saving} onClick={() => void onSave(review)}>
            {t('web.narrative.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RecommendationsEditor({ review, patch }: { review: Review; patch: (p: Partial<Review>) => void }) {
  const { t } = useTranslation('assessments');
  const recs = review.recommendations;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('web.narrative.recommendations')} ({recs.length})
      </Title>
      {recs.map((r, index) => (
        <Group key={index} align="flex-start" wrap="nowrap" gap="xs" data-testid="review-recommendation">
          <Textarea
            style={{ flex: 1 }}
            autosize
            aria-label={t('web.narrative.recommendation', { n: index + 1 })}
            value={r.text}
            onChange={(e) => {
              const value = e.currentTarget.value;
              patch({ recommendations: recs.map((x, i) => (i === index ? { text: value } : x)) });
            }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={6}
            aria-label={t('web.narrative.remove')}
            onClick={() => patch({ recommendations: recs.filter((_, i) => i !== index) })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => patch({ recommendations: [...recs, { text: '' }] })}
        >
          {t('web.narrative.addRecommendation')}
        </Button>
      </Group>
    </Stack>
  );
}

export type { Review as NarrativeReviewState };
