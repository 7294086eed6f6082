import { Alert, Badge, Button, Card, Grid, Group, Tabs, Text, Title } from '@mantine/core';
import { RecordView } from '../../components/record-view.js';
import { IconArrowRight, IconLock, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotAvailable } from '../../app/fallback.page.js';
import { PageHeader } from '../../components/page-header.js';
import { CaseDocuments } from './case-documents.js';
import { CaseSummaryLink, JournalPanel, PrintButton } from './casework-panels.js';
import './case-print.css';
import { CaseEditDialog } from './case-edit.dialog.js';
import { Detail, Details } from './details.js';
import { codeTexts, formatDate } from './case-labels.js';
import { CaseMembers } from './case-members.js';
import { CasePeople } from './case-people.js';
import { CaseTimeline } from './case-timeline.js';
import { caseQuery, type CaseView, type IdentityView } from './cases.api.js';
import { LegalSteps } from './legal-steps.js';
import { StageBadge } from './stage-badge.js';
import { StageTransitionDialog } from './stage-transition.dialog.js';
import { plainBadge } from './plain-badge.js';
import { countryText } from '../../components/country.js';
import { AgencyLabel } from '../../components/agency-label.js';

export const caseTabs = ['timeline', 'people', 'legal', 'documents', 'journal', 'members'] as const;
export type CaseTab = (typeof caseTabs)[number];

const route = getRouteApi('/app/cases/$caseId');

export function CasePage() {
  const { t } = useTranslation(['cases', 'web']);
  const { caseId } = route.useParams();
  const kase = useQuery(caseQuery(caseId));
  return (
    <RecordView query={kase} notAvailable={<NotAvailable reason={t('cases:case.notAvailable')} />}>
      {(view) => <CaseScreen kase={view} />}
    </RecordView>
  );
}

function CaseScreen({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web', 'casework']);
  const { tab } = route.useSearch();
  const navigate = useNavigate();
  const [transitioning, setTransitioning] = useState(false);
  const [editing, setEditing] = useState(false);
  // Identities revealed on this page stay on screen until the person leaves the case.
  const [revealed, setRevealed] = useState<Record<string, IdentityView>>({});
  // What the reader may do here is the server's answer for this case, not a rule restated here.
  const mayTransition = kase.can.transition && kase.allowedNextStages.length > 0;
  const documents = kase.timeline.filter((entry) => entry.type === 'document').length;

  return (
    <div className="guia-print">
      <PageHeader
        title={t('cases:case.title', { reference: kase.reference })}
        description={t('cases:case.subtitle', {
          agency: kase.leadAgency.code,
          date: formatDate(kase.registrationDate),
        })}
        actions={
          <>
            <PrintButton />
            <CaseSummaryLink caseId={kase.id} />
            {kase.can.update && (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('cases:edit.open')}
              </Button>
            )}
            {mayTransition && (
              <Button
                leftSection={<IconArrowRight size={18} aria-hidden />}
                onClick={() => setTransitioning(true)}
              >
                {t('cases:transition.open')}
              </Button>
            )}
          </>
        }
      />
      {kase.textWithheld && <TextWithheldNote />}
      <CaseOverview kase={kase} />
      <Tabs
        value={tab ?? 'timeline'}
        onChange={(value) =>
          void navigate({
            to: '/cases/$caseId',
            params: { caseId: kase.id },
            search: {
              tab: (caseTabs as readonly string[]).includes(value ?? '') ? (value as CaseTab) : 'timeline',
            },
            replace: true,
          })
        }
        mt="lg"
        // Every tab stays in the page (hidden), loaded: printing shows them all.
        keepMountedMode="display-none"
      >
        <Tabs.List aria-label={t('cases:case.sections')}>
          <Tabs.Tab value="timeline">{t('cases:tab.timeline')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('cases:tab.people', { n: kase.people.length })}</Tabs.Tab>
          <Tabs.Tab value="legal">{t('cases:tab.legal')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('cases:tab.documents', { n: documents })}</Tabs.Tab>
          {kase.can.readText && <Tabs.Tab value="journal">{t('casework:journal.title')}</Tabs.Tab>}
          <Tabs.Tab value="members">{t('cases:tab.members', { n: kase.members.length })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md" data-print-title={t('cases:tab.timeline')}>
          <CaseTimeline kase={kase} />
        </Tabs.Panel>
        <Tabs.Panel
          value="people"
          pt="md"
          data-print-title={t('cases:tab.people', { n: kase.people.length })}
        >
          <CasePeople
            kase={kase}
            revealed={revealed}
            onRevealed={(identity, casePersonId) =>
              setRevealed(({ [casePersonId]: _hidden, ...others }) =>
                identity ? { ...others, [casePersonId]: identity } : others,
              )
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="legal" pt="md" data-print-title={t('cases:tab.legal')}>
          <LegalSteps kase={kase} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md" data-print-title={t('cases:tab.documents', { n: documents })}>
          <CaseDocuments kase={kase} />
        </Tabs.Panel>
        {kase.can.readText && (
          <Tabs.Panel value="journal" pt="md" data-print-title={t('casework:journal.title')}>
            <JournalPanel subject={{ caseId: kase.id }} mayWrite={kase.can.workPeople} />
          </Tabs.Panel>
        )}
        <Tabs.Panel
          value="members"
          pt="md"
          data-print-title={t('cases:tab.members', { n: kase.members.length })}
        >
          <CaseMembers kase={kase} />
        </Tabs.Panel>
      </Tabs>
      {kase.can.update && <CaseEditDialog kase={kase} opened={editing} onClose={() => setEditing(false)} />}
      {mayTransition && (
        <StageTransitionDialog kase={kase} opened={transitioning} onClose={() => setTransitioning(false)} />
      )}
    </div>
  );
}

function CaseOverview({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'web']);
  const none = t('cases:none');
  const places = kase.places
    .map((place) =>
      place.locality ? `${place.locality} (${countryText(place.country)})` : countryText(place.country),
    )
    .join('; ');
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <OverviewCard id="case-stage-heading" title={t('cases:case.stage')}>
          <StageBadge stage={kase.stage} size="lg" />
          <Text size="sm" c="dimmed" mt="xs">
            {t('cases:case.stageSince', { date: formatDate(kase.stageDecidedOn) })}
          </Text>
          <Text size="sm" fw={600} mt="md">
            {t('cases:case.agencies')}
          </Text>
          <Group gap={6} mt={4}>
            <Badge variant="filled" style={plainBadge}>
              {t('cases:case.leadBadge', { code: kase.leadAgency.code })}
            </Badge>
            {kase.participatingAgencies.map((agency) => (
              <Badge key={agency.id} variant="light" color="gray" style={plainBadge}>
                <AgencyLabel id={agency.id} code={agency.code} />
              </Badge>
            ))}
          </Group>
        </OverviewCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <OverviewCard id="case-facts-heading" title={t('cases:case.facts')}>
          <Details>
            <Detail label={t('cases:case.origin')}>{codeTexts('case_origin', [kase.origin])}</Detail>
            <Detail label={t('cases:case.reportDate')}>{formatDate(kase.reportDate)}</Detail>
            <Detail label={t('cases:case.factsDate')}>{formatDate(kase.factsDate) || none}</Detail>
            <Detail label={t('cases:case.exploitationTypes')}>
              {codeTexts('type_of_exploitation', kase.exploitationTypes) || none}
            </Detail>
            <Detail label={t('cases:case.sectors')}>
              {codeTexts('forced_labour_industry', kase.sectors) || none}
            </Detail>
            <Detail label={t('cases:case.places')}>{places || none}</Detail>
            <Detail label={t('cases:case.summary')}>
              {kase.textWithheld ? (
                <Text size="sm" c="dimmed" fs="italic">
                  {t('cases:case.withheld')}
                </Text>
              ) : (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {kase.summary ?? none}
                </Text>
              )}
            </Detail>
          </Details>
        </OverviewCard>
      </Grid.Col>
    </Grid>
  );
}

/** One of the overview's side-by-side cards, as tall as its neighbour. */
function OverviewCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%" component="section" aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Free text may name people: only those who work the case read it. */
export function TextWithheldNote() {
  const { t } = useTranslation(['cases']);
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock aria-hidden />}
      title={t('cases:case.textWithheldTitle')}
      mb="md"
      data-testid="text-withheld"
    >
      {t('cases:case.textWithheld')}
    </Alert>
  );
}
