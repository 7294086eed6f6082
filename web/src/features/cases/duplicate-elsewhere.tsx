import { Alert, Text } from '@mantine/core';
import { IconZoomQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CasePersonView } from './cases.api.js';

/**
 * A probable match in a case the reader cannot see: only that it exists, and which agencies
 * lead the cases holding it, so that the reader knows whom to ask.
 */
export function DuplicateElsewhere({
  person,
}: {
  person: Pick<CasePersonView, 'duplicateOutsideYourCases'>;
}) {
  const { t } = useTranslation(['cases']);
  const outside = person.duplicateOutsideYourCases;
  if (!outside) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconZoomQuestion aria-hidden />}
      title={t('cases:people.duplicateElsewhereTitle')}
      mb="sm"
      data-testid="duplicate-elsewhere"
    >
      <Text size="sm">
        {t('cases:people.duplicateElsewhereText', {
          agencies: outside.ask.map((agency) => agency.code).join(', '),
        })}
      </Text>
    </Alert>
  );
}
