import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../cases/case-labels.js';
import { useSignedInSession } from '../session/session.js';
import type { Progress } from './plan.api.js';
import { ReturnDialog, SubmitDialog, ValidateDialog } from './progress.dialogs.js';
import { AgencyLabel } from '../../components/agency-label.js';

const progressColour: Record<Progress['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  validated: 'teal',
  returned: 'orange',
};

/**
 * Reports, newest period first, with what the viewer may do to each: the reporting agency
 * submits its drafts and returned reports; the secretariat validates or returns submitted ones.
 */
export function ProgressList({
  reports,
  mayReport,
  mayValidate,
  showTask = false,
}: {
  reports: readonly Progress[];
  mayReport: boolean;
  mayValidate: boolean;
  showTask?: boolean;
}) {
  const { t } = useTranslation('coordination');
  const session = useSignedInSession();
  const [submitting, setSubmitting] = useState<Progress | null>(null);
  const [validating, setValidating] = useState<Progress | null>(null);
  const [returning, setReturning] = useState<Progress | null>(null);
  if (reports.length === 0) return <Text c="dimmed">{t('plan.progress.none')}</Text>;
  return (
    <Stack gap="sm">
      {reports.map((report) => {
        const ownAgency = report.agency.id === session.user.agency.id;
        const editable = report.status === 'draft' || report.status === 'returned';
        return (
          <Card key={report.id} withBorder padding="sm" data-progress-status={report.status}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs">
                <Text fw={600}>{report.period}</Text>
                <Text>
                  <AgencyLabel code={report.agency.code} />
                </Text>
                {report.value !== null && <Text>{report.value}</Text>}
                {report.complete && <Badge variant="light">{t('plan.progress.complete')}</Badge>}
              </Group>
              <Badge color={progressColour[report.status]}>{t(`plan.progressStatus.${report.status}`)}</Badge>
            </Group>
            {showTask && <Text size="sm">{report.taskTitle}</Text>}
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {report.narrative}
            </Text>
            {report.comment && (
              <Text size="sm" c="orange.8" mt={4}>
                {t('plan.progress.comment', { comment: report.comment })}
              </Text>
            )}
            {report.evidence.map((file) => (
              <Anchor key={file.id} size="sm" href={`/api/v1/progress/${report.id}/evidence/${file.id}`}>
                {file.fileName}
              </Anchor>
            ))}
            <Text size="xs" c="dimmed" mt={4}>
              {report.createdBy?.name}
              {report.decidedAt &&
                ` · ${t('plan.progress.decided', { name: report.decidedBy?.name ?? '', date: formatDate(report.decidedAt) })}`}
            </Text>
            <Group gap="xs" mt="xs">
              {mayReport && ownAgency && editable && (
                <Button size="xs" onClick={() => setSubmitting(report)}>
                  {t('plan.report.submit')}
                </Button>
              )}
              {mayValidate && report.status === 'submitted' && (
                <>
                  <Button size="xs" color="teal" onClick={() => setValidating(report)}>
                    {t('plan.validate.validate')}
                  </Button>
                  <Button size="xs" color="orange" variant="light" onClick={() => setReturning(report)}>
                    {t('plan.validate.return')}
                  </Button>
                </>
              )}
            </Group>
          </Card>
        );
      })}
      <SubmitDialog report={submitting} onClose={() => setSubmitting(null)} />
      <ValidateDialog report={validating} onClose={() => setValidating(null)} />
      <ReturnDialog report={returning} onClose={() => setReturning(null)} />
    </Stack>
  );
}
