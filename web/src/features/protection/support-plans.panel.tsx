import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SupportPlanBody } from '../../../../src/modules/protection/protection.schemas.js';
import { EditorDialog, type EditorTarget } from '../../components/editor-dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { codeText, formatDate, today } from '../cases/case-labels.js';
import { Detail, Details } from '../cases/details.js';
import { AddButton, SectionCard } from '../../components/section-card.js';
import { plansQuery, protectionApi, protectionKey, type SupportPlan } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';
import { FormBody } from '../../components/form-dialog.js';
import { DateField, SelectField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { IsoDate } from '../../../../src/modules/cases/cases.schemas.js';

/** Support plans agreed with the victim (HTCDS support plan types), and how they ended. */
export function SupportPlansPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const plans = useQuery(plansQuery(caseId, victim.id));
  const [editing, setEditing] = useState<EditorTarget<SupportPlan>>(null);
  const none = t('cases:none');
  return (
    <SectionCard
      id="plans"
      title={t('cases:protection.plans')}
      action={
        mayWrite && (
          <AddButton
            icon={<IconPlus size={18} aria-hidden />}
            label={t('cases:plan.create')}
            onClick={() => setEditing({ record: null })}
          />
        )
      }
    >
      <Stack gap="md">
        <ProblemAlert error={plans.error} />
        {plans.data?.length === 0 && <Text c="dimmed">{t('cases:plan.empty')}</Text>}
        {plans.data?.map((plan) => (
          <Card
            key={plan.id}
            withBorder
            radius="md"
            padding="md"
            component="article"
            aria-label={codeText('support_plan_type', plan.type)}
          >
            <Group justify="space-between" mb="xs">
              <Group gap="sm">
                <Text fw={600}>{codeText('support_plan_type', plan.type)}</Text>
                {plan.actualEndDate ? (
                  <Badge color="gray" variant="light" style={plainBadge}>
                    {t('cases:plan.ended')}
                  </Badge>
                ) : (
                  <Badge color="green" variant="light" style={plainBadge}>
                    {t('cases:plan.current')}
                  </Badge>
                )}
              </Group>
              {mayWrite && (
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setEditing({ record: plan })}
                  aria-label={t('cases:plan.editNamed', { type: codeText('support_plan_type', plan.type) })}
                >
                  {t('web:action.edit')}
                </Button>
              )}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mb="xs">
              {plan.objectives}
            </Text>
            <Details>
              <Detail label={t('cases:plan.startDate')}>{formatDate(plan.startDate)}</Detail>
              <Detail label={t('cases:plan.plannedEndDate')}>
                {formatDate(plan.plannedEndDate) || none}
              </Detail>
              <Detail label={t('cases:plan.actualEndDate')}>{formatDate(plan.actualEndDate) || none}</Detail>
            </Details>
          </Card>
        ))}
      </Stack>
      <EditorDialog
        target={editing}
        onClose={() => setEditing(null)}
        title={(plan) => (plan ? t('cases:plan.editTitle') : t('cases:plan.createTitle'))}
        size="lg"
      >
        {(plan) => (
          <PlanForm {...{ caseId, victim, mayWrite }} plan={plan} onClose={() => setEditing(null)} />
        )}
      </EditorDialog>
    </SectionCard>
  );
}

const PlanFields = SupportPlanBody.pick({ type: true, objectives: true, startDate: true }).extend({
  plannedEndDate: blankOr(SupportPlanBody.shape.plannedEndDate),
  actualEndDate: blankOr(IsoDate.optional()),
});
type PlanValues = z.input<typeof PlanFields>;

const planValues = (plan: SupportPlan | null): PlanValues =>
  plan
    ? {
        type: plan.type as PlanValues['type'],
        objectives: plan.objectives,
        startDate: plan.startDate,
        plannedEndDate: plan.plannedEndDate ?? '',
        actualEndDate: plan.actualEndDate ?? '',
      }
    : {
        type: '' as PlanValues['type'],
        objectives: '',
        startDate: today(),
        plannedEndDate: '',
        actualEndDate: '',
      };

function PlanForm({
  caseId,
  victim,
  plan,
  onClose,
}: VictimContext & { plan: SupportPlan | null; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <FormBody
      schema={PlanFields}
      defaultValues={planValues(plan)}
      submit={(values) =>
        plan
          ? protectionApi.updatePlan(plan.id, {
              version: plan.version,
              objectives: values.objectives,
              plannedEndDate: values.plannedEndDate ?? null,
              actualEndDate: values.actualEndDate ?? null,
            })
          : protectionApi.createPlan(caseId, victim.id, {
              type: values.type,
              objectives: values.objectives,
              startDate: values.startDate,
              plannedEndDate: values.plannedEndDate,
            })
      }
      invalidate={[protectionKey(victim.id)]}
      reloadKey={protectionKey(victim.id)}
      done={() => (plan ? t('cases:plan.saved') : t('cases:plan.created'))}
      submitLabel={plan ? t('web:action.save') : t('cases:plan.create')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="type"
          label={t('cases:plan.type')}
          description={plan ? t('cases:plan.typeFixed') : undefined}
          codeList="support_plan_type"
          required
          readOnly={Boolean(plan)}
        />
        <DateField
          name="startDate"
          label={t('cases:plan.startDate')}
          description={plan ? t('cases:plan.startFixed') : undefined}
          required
          readOnly={Boolean(plan)}
        />
        <DateField name="plannedEndDate" label={t('cases:plan.plannedEndDate')} max={undefined} />
        {plan && <DateField name="actualEndDate" label={t('cases:plan.actualEndDate')} />}
      </SimpleGrid>
      <TextareaField
        name="objectives"
        label={t('cases:plan.objectives')}
        description={t('cases:plan.objectivesDescription')}
        required
        minRows={4}
        maxRows={12}
      />
    </FormBody>
  );
}
