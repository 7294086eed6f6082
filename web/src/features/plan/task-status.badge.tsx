import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatusReason as Reason } from '../../../../src/core/coordination/task-status.js';
import { formatDate } from '../cases/case-labels.js';
import { statusColour, type Task } from './plan.api.js';

/** A task's derived status, coloured the same everywhere. */
export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  const { t } = useTranslation('coordination');
  return (
    <Badge color={statusColour[status]} variant="filled" data-status={status}>
      {t(`plan.status.${status}`)}
    </Badge>
  );
}

/** Why the task has its status, in words: the rule's reason code and its figures. */
export function StatusReason({ reason }: { reason: Task['reason'] }) {
  const { t } = useTranslation('coordination');
  const params = Object.fromEntries(
    Object.entries(reason.params).map(([key, value]) => [
      key,
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value,
    ]),
  );
  return (
    <Text size="sm" c="dimmed">
      {t(`plan.reason.${reason.code as Reason['code']}`, params)}
    </Text>
  );
}
