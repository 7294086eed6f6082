import { Badge, Box, Button, Group, Paper, Select, type SelectProps } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { phoneWidth } from './data-table.js';

/**
 * A list's filters: in view at desk width; on a phone folded behind one button that says how
 * many are set, so the first screen shows the records, not six empty fields.
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useTranslation('web');
  const phone = useMediaQuery(phoneWidth);
  const [opened, { toggle }] = useDisclosure(false);
  const panel = (
    <Paper withBorder p="md" component="section" aria-label={t('table.filters')}>
      {children}
    </Paper>
  );
  if (!phone) return panel;
  return (
    <div>
      <Group>
        <Button
          variant="default"
          leftSection={<IconFilter size={18} aria-hidden />}
          rightSection={active > 0 ? <Badge size="sm">{active}</Badge> : undefined}
          aria-expanded={opened}
          onClick={toggle}
        >
          {t('table.filters')}
        </Button>
      </Group>
      {opened && <Box mt="sm">{panel}</Box>}
    </div>
  );
}

/** One filter of a list: empty means all, it can be cleared, and a searchable one says when nothing matches. */
export function FilterSelect(props: SelectProps) {
  const { t } = useTranslation('web');
  return (
    <Select
      placeholder={t('table.all')}
      clearable
      nothingFoundMessage={props.searchable ? t('table.noMatch') : undefined}
      {...props}
    />
  );
}
