import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whether a record (an agency, an account) is in use: green when active, grey when not. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('web');
  return active ? (
    <Badge color="green" variant="light">
      {t('status.active')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      {t('status.inactive')}
    </Badge>
  );
}
