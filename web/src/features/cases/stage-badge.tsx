import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStage } from '../../../../src/core/cases/case-stages.js';
import { plainBadge } from './plain-badge.js';

// Colour groups the stages by who holds the case: police, prosecution, court, and ended.
const stageColors: Record<CaseStage, MantineColor> = {
  reported: 'gray',
  under_investigation: 'blue',
  referred_to_prosecution: 'indigo',
  charged: 'violet',
  no_charges: 'gray',
  archived: 'gray',
  at_trial: 'grape',
  judgment: 'teal',
  appeal: 'orange',
  closed: 'dark',
};

export function StageBadge({ stage, size = 'md' }: { stage: CaseStage; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <Badge color={stageColors[stage]} variant="light" size={size} style={plainBadge}>
      {t(`common:caseStage.${stage}`)}
    </Badge>
  );
}
