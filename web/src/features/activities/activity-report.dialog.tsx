import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  campaignKinds,
  professions,
  type ActivityFigures,
} from '../../../../src/modules/coordination/activities.schemas.js';
import { FormDialog } from '../../components/form-dialog.js';
import { NumberField, SelectField, TextField } from '../../components/form-fields.js';
import { activitiesApi, activitiesKey, reportQuery } from './activities.api.js';

/** Whose figures for which quarter the dialog is open for; `version` null: not reported yet. */
export type ReportTarget = {
  period: string;
  agency: { id: string; code: string };
  version: number | null;
} | null;

// Blank boxes are zeros; the server refuses a negative count naming its field, and the form
// shows that message on the box (`inspections.venues` is the same path on both sides).
const Count = z.coerce.number<string | number>().int().min(0);
const FormSchema = z.object({
  inspections: z.object({ venues: Count, labour: Count, employmentAgencies: Count }),
  trainings: z.object({ sessions: Count, trained: z.record(z.string(), Count) }),
  campaigns: z.array(z.object({ kind: z.enum(campaignKinds), languages: z.string().min(1), reach: Count })),
  hotline: z.object({ calls: Count, helpRequests: Count, referrals: Count }),
  budget: Count,
});
type FormValues = z.input<typeof FormSchema>;

const blank: FormValues = {
  inspections: { venues: 0, labour: 0, employmentAgencies: 0 },
  trainings: { sessions: 0, trained: Object.fromEntries(professions.map((p) => [p, 0])) },
  campaigns: [],
  hotline: { calls: 0, helpRequests: 0, referrals: 0 },
  budget: 0,
};

const valuesOf = (figures: ActivityFigures): FormValues => ({
  ...figures,
  trainings: {
    sessions: figures.trainings.sessions,
    trained: Object.fromEntries(professions.map((p) => [p, figures.trainings.trained[p] ?? 0])),
  },
  campaigns: figures.campaigns.map((c) => ({ ...c, languages: c.languages.join(', ') })),
});

export function ReportDialog({ target, onClose }: { target: ReportTarget; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  const existing = useQuery({
    ...reportQuery(target?.period ?? '', target?.agency.id ?? ''),
    enabled: Boolean(target?.version),
  });
  const ready = target !== null && (!target.version || existing.data !== undefined);
  return (
    <FormDialog
      opened={ready}
      onClose={onClose}
      size="xl"
      title={target ? t('activities.reportTitle', { agency: target.agency.code, period: target.period }) : ''}
      schema={FormSchema}
      defaultValues={existing.data && target?.version ? valuesOf(existing.data) : blank}
      fields={[]}
      submit={(v) => {
        const figures = FormSchema.parse(v);
        return activitiesApi.report(target!.period, target!.agency.id, {
          ...figures,
          trainings: {
            sessions: figures.trainings.sessions,
            trained: Object.fromEntries(Object.entries(figures.trainings.trained).filter(([, n]) => n > 0)),
          },
          campaigns: figures.campaigns.map((c) => ({
            ...c,
            languages: c.languages
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean),
          })),
          ...(existing.data && target?.version ? { version: existing.data.version } : {}),
        });
      }}
      invalidate={[activitiesKey]}
      done={() => t('activities.saved')}
      submitLabel={t('activities.report')}
    >
      <Fieldset legend={t('activities.inspections')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberField name="inspections.venues" label={t('activities.venues')} />
          <NumberField name="inspections.labour" label={t('activities.labour')} />
          <NumberField name="inspections.employmentAgencies" label={t('activities.employmentAgencies')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('activities.trainings')}>
        <NumberField name="trainings.sessions" label={t('activities.sessions')} maw={200} />
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" mt="sm">
          {professions.map((p) => (
            <NumberField key={p} name={`trainings.trained.${p}`} label={t(`activities.profession.${p}`)} />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Campaigns />
      <Fieldset legend={t('activities.hotline')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberField name="hotline.calls" label={t('activities.calls')} />
          <NumberField name="hotline.helpRequests" label={t('activities.helpRequests')} />
          <NumberField name="hotline.referrals" label={t('activities.referrals')} />
        </SimpleGrid>
      </Fieldset>
      <NumberField name="budget" label={t('activities.budget')} maw={260} thousandSeparator />
    </FormDialog>
  );
}

function Campaigns() {
  const { t } = useTranslation('coordination');
  const { control } = useFormContext<FormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'campaigns' });
  return (
    <Fieldset legend={t('activities.campaigns')}>
      <Stack gap="sm">
        {fields.map((field, index) => (
          <Group key={field.id} align="flex-end" gap="sm" wrap="wrap">
            <SelectField
              name={`campaigns.${index}.kind`}
              label={t('activities.campaignKindField')}
              data={campaignKinds.map((k) => ({ value: k, label: t(`activities.campaignKind.${k}`) }))}
              w={200}
            />
            <TextField
              name={`campaigns.${index}.languages`}
              label={t('activities.languages')}
              description={t('activities.languagesHint')}
              w={220}
            />
            <NumberField name={`campaigns.${index}.reach`} label={t('activities.reach')} w={140} />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('activities.removeCampaign')}
              onClick={() => remove(index)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => append({ kind: 'online', languages: 'zh-Hant, pt, en', reach: 0 })}
          w="fit-content"
        >
          {t('activities.addCampaign')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
