import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Fieldset,
  Grid,
  Group,
  Loader,
  Radio,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DIMENSIONS,
  type IndicatorCatalogue,
  type ListId,
  type Strength,
} from '../../../../src/core/screening/indicator-catalogue.js';
import { screen } from '../../../../src/core/screening/screening-rule.js';
import { ProblemError } from '../../api/http.js';
import { NotAvailablePage } from '../../app/fallback.page.js';
import { PageHeader } from '../../components/page-header.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { today } from '../cases/case-labels.js';
import { casePersonQuery } from '../cases/cases.api.js';
import { catalogueQuery, protectionApi, protectionKey, type Catalogue } from './protection.api.js';
import { ScreeningResult } from './screening-result.js';
import { plainBadge } from '../cases/plain-badge.js';

const route = getRouteApi('/app/cases/$caseId/victims/$casePersonId/screening');

type Answer = 'yes' | 'no' | 'unanswered';
type Exploitation = 'labour' | 'sexual';

const strengthColors: Record<Strength, string> = { strong: 'red', medium: 'orange', weak: 'gray' };

/** The catalogue as the screening rule of core/ reads it, so the result can be shown as the form is filled in. */
function ruleCatalogue(view: Catalogue): IndicatorCatalogue {
  return {
    version: view.version,
    source: view.source,
    lists: Object.fromEntries(
      view.lists.map((list) => [
        list.id,
        {
          source: list.source,
          complete: list.complete,
          indicators: list.indicators.map((indicator) => ({ ...indicator, list: list.id })),
        },
      ]),
    ) as IndicatorCatalogue['lists'],
  };
}

export function ScreeningPage() {
  const { t } = useTranslation(['cases', 'web']);
  const { caseId, casePersonId } = route.useParams();
  // Through the person, not the case: a referral's recipient screens the victim without reading the case.
  const page = useQuery(casePersonQuery(caseId, casePersonId));
  const catalogue = useQuery(catalogueQuery);
  if (page.isPending || catalogue.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('web:status.loading')} />
      </Center>
    );
  if (page.error instanceof ProblemError && [403, 404].includes(page.error.problem.status))
    return <NotAvailablePage />;
  if (page.isError || catalogue.isError) return <ProblemAlert error={page.error ?? catalogue.error} />;
  const person = page.data.person;
  if (person.role !== 'victim' || !page.data.can.protectionWrite) return <NotAvailablePage />;
  return (
    <ScreeningForm
      caseId={caseId}
      casePersonId={casePersonId}
      reference={page.data.case.reference}
      pseudonym={person.person.pseudonym}
      catalogue={catalogue.data}
    />
  );
}

type FormProps = {
  caseId: string;
  casePersonId: string;
  reference: string;
  pseudonym: string;
  catalogue: Catalogue;
};

function ScreeningForm({ caseId, casePersonId, reference, pseudonym, catalogue }: FormProps) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [child, setChild] = useState(false);
  const [exploitation, setExploitation] = useState<Exploitation>('labour');
  const [screenedOn, setScreenedOn] = useState(today());
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const listId: ListId = `${child ? 'child' : 'adult'}-${exploitation}`;
  const list = catalogue.lists.find((candidate) => candidate.id === listId);
  const rules = useMemo(() => ruleCatalogue(catalogue), [catalogue]);
  const indicators = list?.indicators ?? [];
  const answerOf = (id: string): Answer => answers[id] ?? 'unanswered';
  const preview = screen(
    { list: listId, child, answers: Object.fromEntries(indicators.map((i) => [i.id, answerOf(i.id)])) },
    rules,
  );
  const answered = indicators.length - preview.unanswered.length;

  const record = useMutation({
    mutationFn: () =>
      protectionApi.recordScreening(caseId, casePersonId, {
        list: listId,
        child,
        answers: Object.fromEntries(indicators.map((i) => [i.id, answerOf(i.id)])),
        screenedOn,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(casePersonId) });
      notifySuccess(t('cases:screening.recorded', { pseudonym }));
      void navigate({ to: '/cases/$caseId/victims/$casePersonId', params: { caseId, casePersonId } });
    },
  });

  // Changing the list changes the indicators: answers given to the other list do not carry over.
  const chooseList = (nextChild: boolean, nextExploitation: Exploitation) => {
    setChild(nextChild);
    setExploitation(nextExploitation);
    setAnswers({});
  };

  return (
    <>
      <PageHeader
        title={t('cases:screening.title', { pseudonym })}
        description={t('cases:screening.intro')}
      />
      <RouterAnchor
        to="/cases/$caseId/victims/$casePersonId"
        params={{ caseId, casePersonId }}
        size="sm"
        mb="md"
        display="inline-block"
      >
        {t('cases:protection.back', { pseudonym, reference })}
      </RouterAnchor>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          record.mutate();
        }}
      >
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg">
              <ListChoice
                child={child}
                exploitation={exploitation}
                onChoose={chooseList}
                list={list}
                listId={listId}
                screenedOn={screenedOn}
                onScreenedOn={setScreenedOn}
              />

              {DIMENSIONS.map((dimension) => (
                <DimensionFieldset
                  key={dimension}
                  dimension={dimension}
                  indicators={indicators.filter((indicator) => indicator.dimension === dimension)}
                  catalogue={catalogue}
                  answerOf={answerOf}
                  onAnswer={(id, answer) => setAnswers((current) => ({ ...current, [id]: answer }))}
                />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card
              withBorder
              radius="md"
              padding="lg"
              style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 64px) + 16px)' }}
              component="section"
              aria-labelledby="preview-heading"
            >
              <Title order={2} size="h4" id="preview-heading" mb="xs">
                {t('cases:screening.preview')}
              </Title>
              <Text size="sm" c="dimmed" mb="sm" aria-live="polite">
                {t('cases:screening.progress', { answered, total: indicators.length })}
              </Text>
              <ScreeningResult
                outcome={{ ...preview, unanswered: preview.unanswered.length }}
                child={child}
                catalogue={catalogue}
                label={t('cases:screening.preview')}
                narrow
              />
              <Stack gap="xs" mt="md">
                <ProblemAlert error={record.error} />
                <Button
                  variant="default"
                  disabled={preview.unanswered.length === 0}
                  onClick={() =>
                    setAnswers((current) => ({
                      ...Object.fromEntries(indicators.map((i) => [i.id, 'no' as const])),
                      ...Object.fromEntries(
                        Object.entries(current).filter(([, answer]) => answer !== 'unanswered'),
                      ),
                    }))
                  }
                >
                  {t('cases:screening.restNo')}
                </Button>
                <Button type="submit" loading={record.isPending}>
                  {t('cases:screening.submit')}
                </Button>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}

type IndicatorView = Catalogue['lists'][number]['indicators'][number];

/** The indicators of one dimension, each answered yes, no or not yet. */
function DimensionFieldset({
  dimension,
  indicators,
  catalogue,
  answerOf,
  onAnswer,
}: {
  dimension: (typeof DIMENSIONS)[number];
  indicators: IndicatorView[];
  catalogue: Catalogue;
  answerOf: (id: string) => Answer;
  onAnswer: (id: string, answer: Answer) => void;
}) {
  const { t } = useTranslation(['cases']);
  const language = currentLanguage();
  if (indicators.length === 0) return null;
  const label = catalogue.dimensions.find((d) => d.id === dimension)?.label[language] ?? dimension;
  return (
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
          <Group
            key={indicator.id}
            justify="space-between"
            align="center"
            wrap="wrap"
            gap="xs"
            py="xs"
            style={{
              borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)',
            }}
          >
            <Radio.Group
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
              style={{ flex: 1 }}
              data-testid={`indicator-${indicator.id}`}
            >
              <Group gap="md" mt={6} ml={80}>
                <Radio value="yes" label={t('cases:answer.yes')} size="sm" />
                <Radio value="no" label={t('cases:answer.no')} size="sm" />
                <Radio value="unanswered" label={t('cases:answer.unanswered')} size="sm" />
              </Group>
            </Radio.Group>
          </Group>
        ))}
      </Stack>
    </Fieldset>
  );
}

/** Which list of indicators applies: a child or an adult, labour or sexual exploitation; and the day. */
function ListChoice({
  child,
  exploitation,
  onChoose,
  list,
  listId,
  screenedOn,
  onScreenedOn,
}: {
  child: boolean;
  exploitation: Exploitation;
  onChoose: (child: boolean, exploitation: Exploitation) => void;
  list: Catalogue['lists'][number] | undefined;
  listId: ListId;
  screenedOn: string;
  onScreenedOn: (day: string) => void;
}) {
  const { t } = useTranslation(['cases']);
  const language = currentLanguage();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Switch
          label={t('cases:screening.child')}
          description={t('cases:screening.childDescription')}
          checked={child}
          onChange={(event) => onChoose(event.currentTarget.checked, exploitation)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="exploitation-label">
            {t('cases:screening.exploitation')}
          </Text>
          <SegmentedControl
            aria-labelledby="exploitation-label"
            value={exploitation}
            onChange={(value) => onChoose(child, value === 'sexual' ? 'sexual' : 'labour')}
            data={[
              { value: 'labour', label: t('cases:screening.labour') },
              { value: 'sexual', label: t('cases:screening.sexual') },
            ]}
            maw={420}
          />
        </Stack>
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
          value={screenedOn}
          onChange={(event) => onScreenedOn(event.currentTarget.value)}
          maw={240}
        />
      </Stack>
    </Card>
  );
}
