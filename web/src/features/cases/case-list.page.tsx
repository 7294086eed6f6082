import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { PagedTable } from '../../components/list-table.js';
import { dateColumn, unsortedColumn } from '../../components/table-columns.js';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStages, isCaseStage } from '../../../../src/core/cases/case-stages.js';
import { FilterPanel, FilterSelect } from '../../components/filter-panel.js';
import { CreateButton, PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { RouterAnchor } from '../../components/router-links.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { agencyOptions, codeOptions, codeTexts, today } from './case-labels.js';
import { CaseCreateDialog } from './case-create.dialog.js';
import { caseListQuery, noCaseFilters, type CaseFilters, type CaseSummary } from './cases.api.js';
import { StageBadge } from './stage-badge.js';
import { ExportButtons } from '../exports/export-buttons.js';

/** Years a case can have been registered in, newest first. */
function registrationYears(): string[] {
  const thisYear = Number(today().slice(0, 4));
  return Array.from({ length: thisYear - 1999 }, (_, i) => String(thisYear - i));
}

export function CaseListPage() {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const can = useCan();
  const mayCreate = can('case.create');
  // Searching by a person's name is for those who may see names at all.
  const maySearchNames = can('person.reveal');
  const [filters, setFilters] = useState<Omit<CaseFilters, 'reference' | 'name'>>(noCaseFilters);
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [debounced] = useDebouncedValue({ reference: reference.trim(), name: name.trim() }, 300);
  // A name of one letter finds nearly everyone: the server asks for at least two.
  const nameFilter = maySearchNames && debounced.name.length >= 2 ? debounced.name : '';
  const cases = useInfiniteQuery(
    caseListQuery({ ...filters, reference: debounced.reference, name: nameFilter }),
  );
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const [creating, setCreating] = useState(false);

  const columns = useCaseColumns();

  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const activeFilters =
    Object.values(filters).filter((value) => value !== null && value !== '').length +
    (reference.trim() ? 1 : 0) +
    (nameFilter ? 1 : 0);
  const caseScope = useSignedInSession().caseScope;
  const clear = () => {
    setFilters(noCaseFilters);
    setReference('');
    setName('');
  };

  return (
    <>
      <PageHeader
        title={t('cases:list.title')}
        description={t(`cases:list.intro.${caseScope ?? 'own'}`)}
        actions={
          <Group gap="xs" wrap="wrap">
            <ExportButtons
              path="/api/v1/cases/export"
              filters={{ ...filters, reference: debounced.reference, name: nameFilter }}
            />
            {mayCreate && <CreateButton label={t('cases:create.open')} onClick={() => setCreating(true)} />}
          </Group>
        }
      />
      <Stack gap="md">
        <FilterPanel active={activeFilters}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput
              label={t('cases:list.searchReference')}
              placeholder={t('cases:list.searchReferencePlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={reference}
              onChange={(event) => setReference(event.currentTarget.value)}
              type="search"
              maxLength={64}
              spellCheck={false}
            />
            {maySearchNames && (
              <TextInput
                label={t('cases:list.searchName')}
                description={t('cases:list.searchNameDescription')}
                inputWrapperOrder={['label', 'input', 'description']}
                leftSection={<IconSearch size={16} aria-hidden />}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                type="search"
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
              />
            )}
            <FilterSelect
              label={t('cases:list.stage')}
              data={caseStages.map((stage) => ({ value: stage, label: t(`common:caseStage.${stage}`) }))}
              value={filters.stage}
              onChange={(stage) => setFilters({ ...filters, stage: isCaseStage(stage) ? stage : null })}
            />
            {can('agency.read') && (
              <FilterSelect
                label={t('cases:list.agency')}
                data={agencyOptions(agencies.data ?? [])}
                value={filters.agencyId}
                onChange={(agencyId) => setFilters({ ...filters, agencyId })}
                searchable
              />
            )}
            <FilterSelect
              label={t('cases:list.year')}
              data={registrationYears()}
              value={filters.year}
              onChange={(year) => setFilters({ ...filters, year })}
            />
            <FilterSelect
              label={t('cases:list.exploitation')}
              data={codeOptions('type_of_exploitation')}
              value={filters.exploitationType}
              onChange={(exploitationType) => setFilters({ ...filters, exploitationType })}
              searchable
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={clear}>
              {t('web:action.clear')}
            </Button>
          </Group>
        </FilterPanel>

        <ProblemAlert error={cases.error} />
        <PagedTable
          query={cases}
          more={t('cases:list.more')}
          label={t('cases:list.title')}
          columns={columns}
          rows={rows}
          empty={
            activeFilters > 0
              ? t('cases:list.empty.filtered')
              : t(mayCreate ? 'cases:list.empty.noneCreate' : 'cases:list.empty.none')
          }
          minWidth={960}
        />
      </Stack>
      {mayCreate && <CaseCreateDialog opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

function useCaseColumns(): ColumnDef<CaseSummary>[] {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const columns: ColumnDef<CaseSummary>[] = [
    {
      id: 'reference',
      header: t('cases:list.reference'),
      accessorFn: (c) => c.reference,
      cell: ({ row }) => (
        <RouterAnchor
          to="/cases/$caseId"
          params={{ caseId: row.original.id }}
          fw={600}
          style={{ whiteSpace: 'nowrap' }}
        >
          {row.original.reference}
        </RouterAnchor>
      ),
    },
    {
      id: 'stage',
      header: t('cases:list.stage'),
      accessorFn: (c) => caseStages.indexOf(c.stage),
      cell: ({ row }) => <StageBadge stage={row.original.stage} size="sm" />,
    },
    { id: 'lead', header: t('cases:list.leadAgency'), accessorFn: (c) => c.leadAgency.code },
    unsortedColumn('exploitation', t('cases:list.exploitation'), (c) => (
      <Text size="sm">{codeTexts('type_of_exploitation', c.exploitationTypes) || t('cases:none')}</Text>
    )),
    { id: 'victims', header: t('cases:list.victims'), accessorFn: (c) => c.victims },
    { id: 'suspects', header: t('cases:list.suspects'), accessorFn: (c) => c.suspects },
    dateColumn('reported', t('cases:list.reportDate'), (c) => c.reportDate),
    dateColumn('registered', t('cases:list.registrationDate'), (c) => c.registrationDate),
  ];
  return columns;
}
