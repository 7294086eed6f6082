import { Stack, Text, Title } from '@mantine/core';
import { SectionCard } from '../../components/section-card.js';
import { RecordView } from '../../components/record-view.js';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { NotAvailablePage } from '../../app/fallback.page.js';
import { DataTable } from '../../components/data-table.js';
import { PageHeader } from '../../components/page-header.js';
import { RouterAnchor } from '../../components/router-links.js';
import { codeText } from './case-labels.js';
import { personQuery, type PersonView } from './cases.api.js';
import { Detail, Details } from './details.js';
import { StageBadge } from './stage-badge.js';
import { countriesText } from '../../components/country.js';

const route = getRouteApi('/app/persons/$personId');

type PersonCase = PersonView['cases'][number];

/** A person by pseudonym, and the cases they appear in that the reader may open. */
export function PersonPage() {
  const { personId } = route.useParams();
  const person = useQuery(personQuery(personId));
  return (
    <RecordView query={person} notAvailable={<NotAvailablePage />}>
      {(view) => <PersonScreen view={view} />}
    </RecordView>
  );
}

function PersonScreen({ view }: { view: PersonView }) {
  const { t } = useTranslation(['cases', 'web']);

  const columns: ColumnDef<PersonCase>[] = [
    {
      id: 'reference',
      header: t('cases:list.reference'),
      accessorFn: (c) => c.reference,
      cell: ({ row }) => (
        <RouterAnchor to="/cases/$caseId" params={{ caseId: row.original.caseId }} fw={600}>
          {row.original.reference}
        </RouterAnchor>
      ),
    },
    { id: 'role', header: t('cases:people.role'), accessorFn: (c) => t(`cases:role.${c.role}`) },
    {
      id: 'stage',
      header: t('cases:list.stage'),
      accessorFn: (c) => c.stage,
      cell: ({ row }) => <StageBadge stage={row.original.stage} size="sm" />,
    },
  ];

  return (
    <>
      <PageHeader title={view.pseudonym} description={t('cases:personPage.intro')} />
      <Stack gap="lg">
        <SectionCard id="person-profile" title={t('cases:personPage.profile')}>
          <Details>
            <Detail label={t('cases:person.pseudonym')}>{view.pseudonym}</Detail>
            <Detail label={t('cases:person.gender')}>
              {codeText('gender', view.gender) || t('cases:none')}
            </Detail>
            <Detail label={t('cases:person.citizenship')}>
              {countriesText(view.citizenship) || t('cases:none')}
            </Detail>
          </Details>
          <Text size="sm" c="dimmed" mt="sm">
            {t('cases:personPage.identityNote')}
          </Text>
        </SectionCard>
        <section aria-labelledby="person-cases">
          <Title order={2} size="h4" id="person-cases" mb="sm">
            {t('cases:personPage.cases')}
          </Title>
          <DataTable
            label={t('cases:personPage.cases')}
            columns={columns}
            rows={view.cases}
            rowId={(c) => c.casePersonId}
            empty={t('cases:personPage.noCases')}
            minWidth={480}
          />
        </section>
      </Stack>
    </>
  );
}
