import { Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/http.js';
import { NotAvailablePage } from '../../app/fallback.page.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { caseQuery, type CasePersonView, type CaseView } from '../cases/cases.api.js';
import { useCan } from '../session/session.js';
import { ConsentsPanel } from './consents.panel.js';
import { ReferralsPanel } from './referrals.panel.js';
import { ScreeningsPanel } from './screenings.panel.js';
import { ServicesPanel } from './services.panel.js';
import { SupportPlansPanel } from './support-plans.panel.js';

const route = getRouteApi('/app/cases/$caseId/victims/$casePersonId');

export type VictimContext = {
  kase: CaseView;
  victim: CasePersonView;
  /** Protection records are written by the people working the case. */
  mayWrite: boolean;
};

/** Everything done to identify, protect and support one victim of a case. */
export function VictimProtectionPage() {
  const { t } = useTranslation(['cases', 'web']);
  const { caseId, casePersonId } = route.useParams();
  const can = useCan();
  const kase = useQuery(caseQuery(caseId));
  if (kase.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('web:status.loading')} />
      </Center>
    );
  if (kase.error instanceof ProblemError && [403, 404].includes(kase.error.problem.status))
    return <NotAvailablePage />;
  if (kase.isError) return <ProblemAlert error={kase.error} />;
  const victim = kase.data.people.find((person) => person.id === casePersonId);
  if (!victim || victim.role !== 'victim') return <NotAvailablePage />;
  const context: VictimContext = {
    kase: kase.data,
    victim,
    mayWrite: can('protection.write') && kase.data.isMember,
  };
  const pseudonym = victim.person.pseudonym;

  return (
    <>
      <PageHeader
        title={t('cases:protection.title', { pseudonym })}
        description={t('cases:protection.intro')}
      />
      <RouterAnchor
        to="/cases/$caseId"
        params={{ caseId }}
        search={{ tab: 'people' }}
        size="sm"
        mb="md"
        display="inline-block"
      >
        {t('cases:protection.backToCase', { reference: kase.data.reference })}
      </RouterAnchor>
      <Stack gap="lg">
        <ScreeningsPanel {...context} />
        <ConsentsPanel {...context} />
        <ReferralsPanel {...context} />
        <ServicesPanel {...context} />
        <SupportPlansPanel {...context} />
      </Stack>
    </>
  );
}
