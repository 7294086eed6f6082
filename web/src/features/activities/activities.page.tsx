import { Button, Group, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodOf } from '../../../../src/core/periods.js';
import type {
  ActivityGrid,
  ActivityTotals,
} from '../../../../src/modules/coordination/activities.schemas.js';
import { PageHeader } from '../../components/page-header.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { today } from '../cases/case-labels.js';
import { ReportDialog, type ReportTarget } from './activity-report.dialog.js';
import { gridQuery } from './activities.api.js';

type Column = { key: string; label: string; value: (t: ActivityTotals) => number };

function useColumns(): { group: string; columns: Column[] }[] {
  const { t } = useTranslation('coordination');
  return [
    {
      group: t('activities.inspections'),
      columns: [
        { key: 'venues', label: t('activities.venues'), value: (x) => x.inspections.venues },
        { key: 'labour', label: t('activities.labour'), value: (x) => x.inspections.labour },
        {
          key: 'employment',
          label: t('activities.employmentAgencies'),
          value: (x) => x.inspections.employmentAgencies,
        },
      ],
    },
    {
      group: t('activities.trainings'),
      columns: [
        { key: 'sessions', label: t('activities.sessions'), value: (x) => x.trainings.sessions },
        { key: 'trained', label: t('activities.trained'), value: (x) => x.trainings.trainedTotal },
      ],
    },
    {
      group: t('activities.campaigns'),
      columns: [
        { key: 'campaigns', label: t('activities.campaignCount'), value: (x) => x.campaigns.count },
        { key: 'reach', label: t('activities.reach'), value: (x) => x.campaigns.reach },
      ],
    },
    {
      group: t('activities.hotline'),
      columns: [
        { key: 'calls', label: t('activities.calls'), value: (x) => x.hotline.calls },
        { key: 'help', label: t('activities.helpRequests'), value: (x) => x.hotline.helpRequests },
        { key: 'referrals', label: t('activities.referrals'), value: (x) => x.hotline.referrals },
      ],
    },
    {
      group: t('activities.budget'),
      columns: [{ key: 'budget', label: t('activities.budget'), value: (x) => x.budget }],
    },
  ];
}

export function ActivitiesPage() {
  const { t } = useTranslation('coordination');
  // The last quarter that has begun is the one agencies are filling in.
  const [period, setPeriod] = useState(() => periodOf('quarter', today()).key);
  const [typed, setTyped] = useState(period);
  const [target, setTarget] = useState<ReportTarget>(null);
  const grid = useQuery(gridQuery(period));
  return (
    <>
      <PageHeader title={t('activities.title')} description={t('activities.intro')} />
      <Stack gap="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setPeriod(typed.trim());
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('activities.period')}
              description={t('activities.periodHint')}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              maw={260}
            />
            <Button type="submit" variant="light">
              {t('activities.show')}
            </Button>
          </Group>
        </form>
        <ProblemAlert error={grid.error} />
        {grid.data && !grid.data.editable && <Text c="dimmed">{t('activities.sumsOnly')}</Text>}
        {grid.data && <GridTable grid={grid.data} onReport={setTarget} />}
      </Stack>
      <ReportDialog target={target} onClose={() => setTarget(null)} />
    </>
  );
}

/** Agencies down, figures across; on a phone the table scrolls sideways with the agency in view. */
function GridTable({ grid, onReport }: { grid: ActivityGrid; onReport: (target: ReportTarget) => void }) {
  const { t } = useTranslation('coordination');
  const groups = useColumns();
  const columns = groups.flatMap((g) => g.columns);
  const number = (n: number) => n.toLocaleString();
  return (
    <ScrollArea type="auto">
      <Table striped withTableBorder withColumnBorders miw={900} aria-label={t('activities.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2}>{t('activities.agency')}</Table.Th>
            {groups.map((g) => (
              <Table.Th key={g.group} colSpan={g.columns.length} ta="center">
                {g.group}
              </Table.Th>
            ))}
            {grid.editable && <Table.Th rowSpan={2} />}
          </Table.Tr>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta="right">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((row) => (
            <Table.Tr key={row.agency.id}>
              <Table.Th scope="row">{row.agency.code}</Table.Th>
              {columns.map((c) => (
                <Table.Td key={c.key} ta="right" c={row.quarters === 0 ? 'dimmed' : undefined}>
                  {row.quarters === 0 ? '—' : number(c.value(row.totals))}
                </Table.Td>
              ))}
              {grid.editable && (
                <Table.Td>
                  {row.canReport && (
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() =>
                        onReport({ period: grid.period.key, agency: row.agency, version: row.version })
                      }
                    >
                      {row.version ? t('activities.edit') : t('activities.report')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Th scope="row">{t('activities.total')}</Table.Th>
            {columns.map((c) => (
              <Table.Td key={c.key} ta="right">
                {number(c.value(grid.total))}
              </Table.Td>
            ))}
            {grid.editable && <Table.Td />}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  );
}
