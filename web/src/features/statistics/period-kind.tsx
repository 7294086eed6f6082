import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardPeriod } from './statistics.api.js';

/** Calendar year or TIP reporting period (1 April – 31 March): how the dashboard and the report count. */
export function PeriodKindControl({
  label,
  value,
  onChange,
}: {
  label: string;
  value: DashboardPeriod;
  onChange: (period: DashboardPeriod) => void;
}) {
  const { t } = useTranslation('statistics');
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={(v) => onChange(v === 'tip' ? 'tip' : 'year')}
        data={[
          { value: 'year', label: t('dashboard.calendarYear') },
          { value: 'tip', label: t('dashboard.tipYear') },
        ]}
      />
    </Stack>
  );
}
