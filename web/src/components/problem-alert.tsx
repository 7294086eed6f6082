import { Alert, Button, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/http.js';
import { unplacedMessages } from '../forms/problem.js';

type ProblemAlertProps = {
  error: unknown;
  /** Field errors on these paths are shown on their fields, not here. */
  fields?: readonly string[];
  /** Offered when someone else changed the record meanwhile (409 `resource.stale`). */
  onReload?: () => void;
};

/** The server's own words for what went wrong, in the language on screen. */
export function ProblemAlert({ error, fields = [], onReload }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const title = error instanceof ProblemError ? error.problem.title : t('errors.unexpected');
  const stale = error instanceof ProblemError && error.code === 'resource.stale';
  const details = unplacedMessages(error, fields);
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {details.length > 0 && (
        <List size="sm">
          {details.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
      {stale && onReload && (
        <Button size="xs" variant="white" color="red" mt="xs" onClick={onReload}>
          {t('action.reload')}
        </Button>
      )}
    </Alert>
  );
}
