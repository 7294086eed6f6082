import { Button, Card, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { PageLoader } from '../../components/record-view.js';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DIMENSIONS,
  type Dimension,
  type IndicatorCatalogue,
  type ListId,
} from '../../../../src/core/screening/indicator-catalogue.js';
import { screen } from '../../../../src/core/screening/screening-rule.js';
import { ProblemError } from '../../api/http.js';
import { NotAvailablePage } from '../../app/fallback.page.js';
import { PageHeader } from '../../components/page-header.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useAction } from '../../components/form-dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { today } from '../cases/case-labels.js';
import { casePersonQuery } from '../cases/cases.api.js';
import {
  catalogueQuery,
  protectionApi,
  protectionKey,
  screeningContextQuery,
  type Catalogue,
} from './protection.api.js';
import { ScreeningResult } from './screening-result.js';
import {
  DimensionStep,
  ListStep,
  NotesField,
  type Answer,
  type Exploitation,
  type ListStepProps,
} from './screening-steps.js';

const route = getRouteApi('/app/cases/$caseId/victims/$casePersonId/screening');

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
  const { caseId, casePersonId } = route.useParams();
  // Through the person, not the case: a referral's recipient screens the victim without reading the case.
  const page = useQuery(casePersonQuery(caseId, casePersonId));
  const catalogue = useQuery(catalogueQuery);
  // Asked only of those who may screen: the server answers it to them alone.
  const context = useQuery(
    screeningContextQuery(caseId, casePersonId, page.data?.can.protectionWrite === true),
  );
  const loader = <PageLoader />;
  if (page.isPending) return loader;
  if (page.error instanceof ProblemError && [403, 404].includes(page.error.problem.status))
    return <NotAvailablePage />;
  if (page.isError) return <ProblemAlert error={page.error} />;
  const person = page.data.person;
  if (person.role !== 'victim' || !page.data.can.protectionWrite) return <NotAvailablePage />;
  if (catalogue.isError || context.isError) return <ProblemAlert error={catalogue.error ?? context.error} />;
  if (catalogue.isPending || context.isPending) return loader;
  return (
    <ScreeningForm
      caseId={caseId}
      casePersonId={casePersonId}
      reference={page.data.case.reference}
      pseudonym={person.person.pseudonym}
      catalogue={catalogue.data}
      under18={context.data.under18 === true}
    />
  );
}

type FormProps = {
  caseId: string;
  casePersonId: string;
  reference: string;
  pseudonym: string;
  catalogue: Catalogue;
  under18: boolean;
};

/** Few "yes" answers or most indicators unanswered: worth a second look before it is recorded. */
function needsConfirmation(answers: Answer[]): boolean {
  const yes = answers.filter((answer) => answer === 'yes').length;
  const unanswered = answers.filter((answer) => answer === 'unanswered').length;
  return yes <= 1 || unanswered * 2 > answers.length;
}

function ScreeningForm({ caseId, casePersonId, reference, pseudonym, catalogue, under18 }: FormProps) {
  const { t } = useTranslation(['cases', 'web']);
  const language = currentLanguage();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [child, setChild] = useState(under18);
  const [exploitation, setExploitation] = useState<Exploitation>('labour');
  const [screenedOn, setScreenedOn] = useState(today());
  const [interviewLanguage, setInterviewLanguage] = useState<string | null>(null);
  const [interpreter, setInterpreter] = useState<boolean | null>(null);
  const [notes, setNotes] = useState('');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const listId: ListId = `${child ? 'child' : 'adult'}-${exploitation}`;
  const list = catalogue.lists.find((candidate) => candidate.id === listId);
  const rules = useMemo(() => ruleCatalogue(catalogue), [catalogue]);
  const indicators = list?.indicators ?? [];
  const answerOf = (id: string): Answer => answers[id] ?? 'unanswered';
  const given = Object.fromEntries(indicators.map((i) => [i.id, answerOf(i.id)]));
  const preview = screen({ list: listId, child, answers: given }, rules);
  const answered = indicators.length - preview.unanswered.length;
  const dimensions = DIMENSIONS.filter((d) => indicators.some((i) => i.dimension === d));
  const dimensionLabel = (id: Dimension) =>
    catalogue.dimensions.find((d) => d.id === id)?.label[language] ?? id;
  const lastStep = dimensions.length + 1;
  const current = active > 0 && active < lastStep ? dimensions[active - 1] : undefined;
  const outcome = { ...preview, unanswered: preview.unanswered.length };

  const body = () => ({
    list: listId,
    child,
    answers: given,
    screenedOn,
    ...(notes.trim() ? { notes: notes.trim() } : {}),
    ...(interviewLanguage ? { interviewLanguage } : {}),
    ...(interpreter === null ? {} : { interpreter }),
  });
  const { record, send, afterRecording } = useRecordScreening(caseId, casePersonId, pseudonym, body);

  // Changing the list changes the indicators: answers given to the other list do not carry over.
  const chooseList = (nextChild: boolean, nextExploitation: Exploitation) => {
    setChild(nextChild);
    setExploitation(nextExploitation);
    setAnswers({});
  };
  const listStep: ListStepProps = {
    pseudonym,
    child,
    childLocked: under18,
    exploitation,
    onChoose: chooseList,
    list,
    listId,
    screenedOn,
    onScreenedOn: setScreenedOn,
    interviewLanguage,
    onInterviewLanguage: setInterviewLanguage,
    interpreter,
    onInterpreter: setInterpreter,
  };
  const stepNames = [
    t('cases:screening.stepList'),
    ...dimensions.map((d) => `${d} ${dimensionLabel(d)}`),
    t('cases:screening.stepSummary'),
  ];

  return (
    <>
      <ScreeningHeading
        caseId={caseId}
        casePersonId={casePersonId}
        pseudonym={pseudonym}
        reference={reference}
      />
      <ScreeningStepper
        active={active}
        onStep={setActive}
        names={stepNames}
        dimensions={dimensions}
        positive={(d) => preview.dimensions[d]?.positive === true}
        narrow={narrow === true}
      />
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4">
            {t('cases:screening.stepOf', { step: active + 1, total: lastStep + 1, name: stepNames[active] })}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('cases:screening.progress', { answered, total: indicators.length })}
          </Text>
        </Group>
        {active === 0 && <ListStep {...listStep} />}
        {current && (
          <DimensionStep
            dimension={current}
            label={dimensionLabel(current)}
            indicators={indicators.filter((i) => i.dimension === current)}
            counts={preview.dimensions[current]}
            answerOf={answerOf}
            onAnswer={(id, answer) => setAnswers((answered) => ({ ...answered, [id]: answer }))}
          />
        )}
        {active === lastStep && (
          <SummaryStep name={stepNames[lastStep]!} notes={notes} onNotes={setNotes} error={record.error}>
            <ScreeningResult
              outcome={outcome}
              child={child}
              catalogue={catalogue}
              label={t('cases:screening.preview')}
              narrow={narrow}
            />
          </SummaryStep>
        )}
        <StepNavigation
          active={active}
          last={lastStep}
          onStep={setActive}
          anyUnanswered={preview.unanswered.length > 0}
          onRestNo={() =>
            setAnswers((current) => ({
              ...Object.fromEntries(indicators.map((i) => [i.id, 'no' as const])),
              ...Object.fromEntries(Object.entries(current).filter(([, answer]) => answer !== 'unanswered')),
            }))
          }
          recording={record.isPending}
          onRecord={() => (needsConfirmation(Object.values(given)) ? setConfirming(true) : record.mutate())}
        />
      </Stack>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('cases:screening.confirmTitle')}
        message={
          <FewYesMessage
            answers={Object.values(given)}
            list={list?.label[language] ?? listId}
            result={
              preview.presumedVictim === true
                ? t('cases:screening.presumed')
                : preview.presumedVictim === false
                  ? t('cases:screening.notPresumed')
                  : t('cases:screening.incompleteResult')
            }
          />
        }
        confirmLabel={t('cases:screening.confirm')}
        action={send}
        {...afterRecording}
      />
    </>
  );
}

/** Records the screening, then tells so and goes back to the victim's page. */
function useRecordScreening(
  caseId: string,
  casePersonId: string,
  pseudonym: string,
  body: () => Parameters<typeof protectionApi.recordScreening>[2],
) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const send = () => protectionApi.recordScreening(caseId, casePersonId, body());
  // The same whether recorded at once or after the confirmation of a screening with few answers.
  const afterRecording = {
    invalidate: [protectionKey(casePersonId)],
    done: () => t('screening.recorded', { pseudonym }),
    then: () =>
      void navigate({ to: '/cases/$caseId/victims/$casePersonId', params: { caseId, casePersonId } }),
  };
  return { record: useAction(send, afterRecording), send, afterRecording };
}

/** The page's title and the way back to the victim. */
function ScreeningHeading(props: {
  caseId: string;
  casePersonId: string;
  pseudonym: string;
  reference: string;
}) {
  const { t } = useTranslation('cases');
  const { caseId, casePersonId, pseudonym, reference } = props;
  return (
    <>
      <PageHeader title={t('screening.title', { pseudonym })} description={t('screening.intro')} />
      <RouterAnchor
        to="/cases/$caseId/victims/$casePersonId"
        params={{ caseId, casePersonId }}
        size="sm"
        mb="md"
        display="inline-block"
      >
        {t('protection.back', { pseudonym, reference })}
      </RouterAnchor>
    </>
  );
}

/** The last step: the result as it stands, the observations, and what the server refused. */
function SummaryStep(props: {
  name: string;
  notes: string;
  onNotes: (notes: string) => void;
  error: unknown;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={props.name}>
      <Stack gap="md">
        {props.children}
        <NotesField value={props.notes} onChange={props.onNotes} />
        <ProblemAlert error={props.error} />
      </Stack>
    </Card>
  );
}

/** Back, "the rest are No", and Next — or, on the summary, Record. */
function StepNavigation(props: {
  active: number;
  last: number;
  onStep: (step: number) => void;
  anyUnanswered: boolean;
  onRestNo: () => void;
  recording: boolean;
  onRecord: () => void;
}) {
  const { t } = useTranslation('cases');
  const { active, last, onStep } = props;
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Button variant="default" disabled={active === 0} onClick={() => onStep(active - 1)}>
        {t('screening.back')}
      </Button>
      <Group gap="xs" wrap="wrap">
        <Button variant="default" disabled={!props.anyUnanswered} onClick={props.onRestNo}>
          {t('screening.restNo')}
        </Button>
        {active < last ? (
          <Button onClick={() => onStep(active + 1)}>{t('screening.next')}</Button>
        ) : (
          <Button loading={props.recording} onClick={props.onRecord}>
            {t('screening.submit')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** What is about to be recorded when it holds few "yes" or many unanswered. */
function FewYesMessage({ answers, list, result }: { answers: Answer[]; list: string; result: string }) {
  const { t } = useTranslation('cases');
  const counted = (answer: Answer) => answers.filter((a) => a === answer).length;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('screening.confirmText', {
          yes: counted('yes'),
          no: counted('no'),
          unanswered: counted('unanswered'),
          list,
          result,
        })}
      </Text>
      <Text size="sm" fw={500}>
        {t('screening.confirmFew')}
      </Text>
    </Stack>
  );
}

/** The steps: the list, one per dimension (orange once positive), the summary; numbers only on a phone. */
function ScreeningStepper({
  active,
  onStep,
  names,
  dimensions,
  positive,
  narrow,
}: {
  active: number;
  onStep: (step: number) => void;
  names: string[];
  dimensions: Dimension[];
  positive: (dimension: Dimension) => boolean;
  narrow: boolean;
}) {
  const { t } = useTranslation(['cases']);
  const last = names.length - 1;
  // On a phone a step shows only its number: it is named by number and name. With its label in
  // view, the step is named by what it shows (a name that hid the number would differ from it).
  const stepName = (index: number) => (narrow ? `${index + 1} ${names[index]}` : undefined);
  return (
    <Stepper
      active={active}
      onStepClick={onStep}
      allowNextStepsSelect
      size="sm"
      iconSize={narrow ? 28 : 34}
      aria-label={t('cases:screening.steps')}
      mb="md"
    >
      <Stepper.Step
        label={narrow ? undefined : names[0]}
        description={narrow ? undefined : t('cases:screening.stepListDescription')}
        aria-label={stepName(0)}
      />
      {dimensions.map((d, index) => (
        <Stepper.Step
          key={d}
          label={narrow ? undefined : d}
          color={positive(d) ? 'orange' : undefined}
          aria-label={stepName(index + 1)}
        />
      ))}
      <Stepper.Step
        label={narrow ? undefined : names[last]}
        description={narrow ? undefined : t('cases:screening.stepSummaryDescription')}
        aria-label={stepName(last)}
      />
    </Stepper>
  );
}
