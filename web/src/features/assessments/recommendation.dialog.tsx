import { Button, Group, Modal, MultiSelect, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  recommendationStatuses,
  type RecommendationStatus,
  type RecommendationView,
} from '../../../../src/modules/assessments/assessments.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { useCan } from '../session/session.js';
import { useAssessmentChange } from './assessment-change.js';
import { assessmentsApi, recommendationQuery, tasksQuery } from './assessments.api.js';

type Draft = { agencyIds: string[]; taskIds: string[]; status: RecommendationStatus; reason: string };

const draftOf = (r: RecommendationView): Draft => ({
  agencyIds: r.agencies.map((a) => a.id),
  taskIds: r.taskIds,
  status: r.status,
  reason: r.reason ?? '',
});

/** Follow-up of one recommendation: responsible agencies, linked plan tasks, status (with its reason). */
export function RecommendationDialog({
  recommendationId,
  onClose,
}: {
  recommendationId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation(['assessments', 'web']);
  const can = useCan();
  const open = recommendationId !== null;
  const recommendation = useQuery({ ...recommendationQuery(recommendationId ?? ''), enabled: open });
  const agencies = useQuery({ ...agenciesQuery, enabled: open && can('agency.read') });
  const tasks = useQuery({ ...tasksQuery, enabled: open && can('plan.read') });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => setDraft(recommendation.data ? draftOf(recommendation.data) : null), [recommendation.data]);

  const save = useAssessmentChange(
    async () => {
      const r = recommendation.data!;
      let saved = await assessmentsApi.updateRecommendation(r.id, {
        version: r.version,
        agencyIds: draft!.agencyIds,
        taskIds: draft!.taskIds,
      });
      if (draft!.status !== r.status)
        saved = await assessmentsApi.changeStatus(r.id, {
          version: saved.version,
          status: draft!.status,
          ...(draft!.reason ? { reason: draft!.reason } : {}),
        });
      return saved;
    },
    { saved: t('web.board.saved'), then: onClose },
  );

  const agencyOptions = (agencies.data ?? []).map((a) => ({ value: a.id, label: a.code }));
  for (const a of recommendation.data?.agencies ?? [])
    if (!agencyOptions.some((o) => o.value === a.id)) agencyOptions.push({ value: a.id, label: a.code });
  const taskOptions = (tasks.data ?? []).map((task) => ({ value: task.id, label: task.title }));
  for (const id of recommendation.data?.taskIds ?? [])
    if (!taskOptions.some((o) => o.value === id)) taskOptions.push({ value: id, label: id });

  return (
    <Modal opened={open} onClose={onClose} title={t('web.board.edit')} size="lg">
      <ProblemAlert error={recommendation.error ?? save.error} />
      {recommendation.data && draft && (
        <Stack gap="sm">
          <Text size="sm">{recommendation.data.text}</Text>
          <MultiSelect
            label={t('web.board.agencies')}
            searchable
            data={agencyOptions}
            value={draft.agencyIds}
            onChange={(agencyIds) => setDraft({ ...draft, agencyIds })}
          />
          <MultiSelect
            label={t('web.board.taskIds')}
            searchable
            data={taskOptions}
            value={draft.taskIds}
            onChange={(taskIds) => setDraft({ ...draft, taskIds })}
          />
          <Select
            label={t('web.board.status')}
            allowDeselect={false}
            data={recommendationStatuses.map((s) => ({ value: s, label: t(`web.board.statuses.${s}`) }))}
            value={draft.status}
            onChange={(status) => status && setDraft({ ...draft, status: status as RecommendationStatus })}
          />
          {draft.status === 'not_accepted' && (
            <Textarea
              label={t('web.board.reason')}
              autosize
              minRows={2}
              value={draft.reason}
              onChange={(e) => setDraft({ ...draft, reason: e.currentTarget.value })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('web:action.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('web.response.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
