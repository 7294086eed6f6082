import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { RecordView } from '../../components/record-view.js';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotAvailablePage } from '../../app/fallback.page.js';
import { PageHeader } from '../../components/page-header.js';
import { RouterAnchor } from '../../components/router-links.js';
import { PersonDetails } from '../cases/case-people.js';
import { DuplicateElsewhere } from '../cases/duplicate-elsewhere.js';
import {
  casePersonQuery,
  type CasePersonPage,
  type CasePersonView,
  type IdentityView,
} from '../cases/cases.api.js';
import { IdentityPanel, RevealButton } from '../cases/person-identity.js';
import { ConsentsPanel } from './consents.panel.js';
import { ReferralsPanel } from './referrals.panel.js';
import { ScreeningsPanel } from './screenings.panel.js';
import { ServicesPanel } from './services.panel.js';
import { SupportPlansPanel } from './support-plans.panel.js';

import {
  AttachmentsPanel,
  JournalPanel,
  PrintButton,
  VictimSummaryButton,
} from '../cases/casework-panels.js';
import '../cases/case-print.css';
const route = getRouteApi('/app/cases/$caseId/victims/$casePersonId');

export type VictimContext = {
  caseId: string;
  victim: CasePersonView;
  /** Whether the reader may write protection records: the server's answer for this person. */
  mayWrite: boolean;
};

/**
 * Everything done to identify, protect and support one victim of a case. It is loaded
 * through the person, not the case: whoever accepted a referral reaches this victim only,
 * and may not read the rest of the case.
 */
export function VictimProtectionPage() {
  const { caseId, casePersonId } = route.useParams();
  const page = useQuery(casePersonQuery(caseId, casePersonId));
  return (
    <RecordView query={page} notAvailable={<NotAvailablePage />}>
      {(view) => (view.person.role === 'victim' ? <VictimScreen page={view} /> : <NotAvailablePage />)}
    </RecordView>
  );
}

function VictimScreen({ page }: { page: CasePersonPage }) {
  const { t } = useTranslation(['cases', 'web']);
  const { person: victim, case: kase, can, via } = page;
  const pseudonym = victim.person.pseudonym;
  const context: VictimContext = { caseId: kase.id, victim, mayWrite: can.protectionWrite };
  // The server says whether the viewer may open the case (a referral's recipient often may not).
  const readsCase = kase.readable;
  const subject = { caseId: kase.id, casePersonId: victim.id };

  return (
    <div className="guia-print">
      <PageHeader
        title={t('cases:protection.title', { pseudonym })}
        description={t('cases:protection.intro')}
        actions={
          <>
            <PrintButton />
            {can.reveal && (
              <VictimSummaryButton caseId={kase.id} casePersonId={victim.id} pseudonym={pseudonym} />
            )}
          </>
        }
      />
      <Stack gap="lg">
        <Group gap="md" wrap="wrap">
          {readsCase ? (
            <RouterAnchor
              to="/cases/$caseId"
              params={{ caseId: kase.id }}
              search={{ tab: 'people' }}
              size="sm"
            >
              {t('cases:protection.backToCase', { reference: kase.reference })}
            </RouterAnchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('cases:protection.caseLine', { reference: kase.reference, agency: kase.leadAgency.code })}
            </Text>
          )}
        </Group>
        {via === 'referral' && (
          <Alert
            color="blue"
            variant="light"
            icon={<IconInfoCircle aria-hidden />}
            data-testid="via-referral"
          >
            {t('cases:protection.viaReferral', { pseudonym, reference: kase.reference })}
          </Alert>
        )}
        <PersonPanel page={page} />
        {can.protectionRead ? (
          <>
            <ScreeningsPanel {...context} />
            <ConsentsPanel {...context} />
            <ReferralsPanel {...context} />
            <ServicesPanel {...context} />
            <SupportPlansPanel {...context} />
            <JournalPanel subject={subject} mayWrite={can.protectionWrite} />
            <AttachmentsPanel subject={subject} mayWrite={can.protectionWrite} />
          </>
        ) : (
          <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
            {t('cases:protection.notForYou', { pseudonym })}
          </Alert>
        )}
      </Stack>
    </div>
  );
}

/** Who the victim is, by pseudonym; the identity once revealed, for a stated purpose. */
function PersonPanel({ page }: { page: CasePersonPage }) {
  const { t } = useTranslation(['cases']);
  const [identity, setIdentity] = useState<IdentityView | null>(null);
  const { person, can, via } = page;
  const pseudonym = person.person.pseudonym;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="victim-person-heading">
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} size="h4" id="victim-person-heading">
          {t('cases:protection.person')}
        </Title>
        {can.reveal && !identity && (
          <RevealButton
            caseId={page.case.id}
            casePersonId={person.id}
            pseudonym={pseudonym}
            onRevealed={setIdentity}
          />
        )}
      </Group>
      {via === 'referral' && !can.reveal && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('cases:identity.notShared', { pseudonym })}
        </Text>
      )}
      <DuplicateElsewhere person={person} />
      {identity && <IdentityPanel identity={identity} onHide={() => setIdentity(null)} />}
      <PersonDetails person={person} />
    </Card>
  );
}
