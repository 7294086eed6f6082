import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { SupportPlanBody } from '../../../../src/modules/protection/protection.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { codeOptions, codeText, formatDate, today } from '../cases/case-labels.js';
import { Detail, Details } from '../cases/details.js';
import { PanelCard } from './panel-card.js';
import { plansQuery, protectionApi, protectionKey, type SupportPlan } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';

/** Support plans agreed with the victim (HTCDS support plan types), and how they ended. */
export function SupportPlansPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const plans = useQuery(plansQuery(caseId, victim.id));
  // null: closed; { plan: null }: a new plan; { plan }: editing that plan.
  const [editing, setEditing] = useState<{ plan: SupportPlan | null } | null>(null);
  const none = t('cases:none');
  return (
    <PanelCard
      id="plans"
      title={t('cases:protection.plans')}
      action={
        mayWrite && (
          <Button
            variant="light"
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setEditing({ plan: null })}
          >
            {t('cases:plan.create')}
          </Button>
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
                  onClick={() => setEditing({ plan })}
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
      <Dialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.plan ? t('cases:plan.editTitle') : t('cases:plan.createTitle')}
        size="lg"
      >
        {editing && (
          <PlanForm
            key={editing.plan?.id ?? 'new'}
            {...{ caseId, victim, mayWrite }}
            plan={editing.plan}
            onClose={() => setEditing(null)}
          />
        )}
      </Dialog>
    </PanelCard>
  );
}

const PlanFields = z.object({
  type: SupportPlanBody.shape.type,
  objectives: SupportPlanBody.shape.objectives,
  startDate: IsoDate,
  plannedEndDate: IsoDate.or(z.literal('')),
  actualEndDate: IsoDate.or(z.literal('')),
});
type PlanValues = z.input<typeof PlanFields>;
const resolver = translatedResolver(PlanFields);
const fields = ['type', 'objectives', 'startDate', 'plannedEndDate', 'actualEndDate'] as const;

function PlanForm({
  caseId,
  victim,
  plan,
  onClose,
}: VictimContext & { plan: SupportPlan | null; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const form = useForm<PlanValues>({
    resolver,
    defaultValues: plan
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
        },
  });
  const save = useMutation({
    mutationFn: (values: PlanValues) =>
      plan
        ? protectionApi.updatePlan(plan.id, {
            version: plan.version,
            objectives: values.objectives.trim(),
            plannedEndDate: values.plannedEndDate || null,
            actualEndDate: values.actualEndDate || null,
          })
        : protectionApi.createPlan(caseId, victim.id, {
            type: values.type,
            objectives: values.objectives.trim(),
            startDate: values.startDate,
            plannedEndDate: values.plannedEndDate || undefined,
          }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(plan ? t('cases:plan.saved') : t('cases:plan.created'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, fields),
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
    onClose();
  };
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={save.error} fields={fields} onReload={() => void reload()} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Select
                label={t('cases:plan.type')}
                description={plan ? t('cases:plan.typeFixed') : undefined}
                data={codeOptions('support_plan_type')}
                required
                readOnly={Boolean(plan)}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.type?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:plan.startDate')}
            description={plan ? t('cases:plan.startFixed') : undefined}
            required
            readOnly={Boolean(plan)}
            max={today()}
            error={errors.startDate?.message}
            {...form.register('startDate')}
          />
          <TextInput
            type="date"
            label={t('cases:plan.plannedEndDate')}
            error={errors.plannedEndDate?.message}
            {...form.register('plannedEndDate')}
          />
          {plan && (
            <TextInput
              type="date"
              label={t('cases:plan.actualEndDate')}
              max={today()}
              error={errors.actualEndDate?.message}
              {...form.register('actualEndDate')}
            />
          )}
        </SimpleGrid>
        <Textarea
          label={t('cases:plan.objectives')}
          description={t('cases:plan.objectivesDescription')}
          required
          autosize
          minRows={4}
          maxRows={12}
          error={errors.objectives?.message}
          {...form.register('objectives')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {plan ? t('web:action.save') : t('cases:plan.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
