import { Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { agencyKinds } from '../../../../src/core/agencies.js';
import {
  AgencyCreate,
  AgencyUpdate,
  type AgencyView,
} from '../../../../src/modules/access/access.schemas.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { useRecordAsRead } from '../../forms/record-as-read.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { agenciesApi, agenciesKey, agenciesQuery } from './agencies.api.js';
import { EditorDialog, type EditorTarget } from '../../components/editor-dialog.js';
import { DialogFooter, useDialogAction } from '../../components/form-dialog.js';

// One form for adding and editing. The code is chosen once, at creation; `active` only
// means something for an existing agency. The version travels beside the form, not in it.
const createResolver = translatedResolver(
  AgencyCreate.pick({ code: true, names: true, kind: true }).extend({ active: z.boolean() }),
);
const editResolver = translatedResolver(
  AgencyUpdate.pick({ names: true, kind: true, active: true }).required().extend({ code: z.string() }),
);
const fields = ['code', 'names.en', 'names.zh-Hant', 'names.pt', 'kind', 'active'] as const;

const emptyAgency = {
  code: '',
  names: { en: '', 'zh-Hant': '', pt: '' },
  kind: 'police',
  active: true,
} as const;
const valuesOf = (agency: AgencyView) => ({
  code: agency.code,
  names: agency.names,
  kind: agency.kind,
  active: agency.active,
});

/** Which agency the dialog is open for: none (closed), a new one (null), or an existing one. */
export type AgencyDialogTarget = EditorTarget<AgencyView>;

export function AgencyDialog({ target, onClose }: { target: AgencyDialogTarget; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  return (
    <EditorDialog
      target={target}
      onClose={onClose}
      title={(agency) =>
        agency ? t('agencies.editTitle', { code: agency.code }) : t('agencies.createTitle')
      }
      size="xl"
    >
      {(agency) => <AgencyForm agency={agency} onClose={onClose} />}
    </EditorDialog>
  );
}

function AgencyForm({ agency, onClose }: { agency: AgencyView | null; onClose: () => void }) {
  const { t } = useTranslation(['web', 'common']);
  const queryClient = useQueryClient();
  const [base, reload] = useRecordAsRead(agency, {
    read: async ({ id }) =>
      (await queryClient.fetchQuery({ ...agenciesQuery, staleTime: 0 })).find((a) => a.id === id),
    valuesOf,
    onGone: onClose,
  });
  const form = useForm({
    resolver: base ? editResolver : createResolver,
    defaultValues: base ? valuesOf(base) : emptyAgency,
  });
  const save = useDialogAction(
    ({ code, names, kind, active }: ReturnType<typeof valuesOf>) =>
      base
        ? agenciesApi.update(base.id, { version: base.version, names, kind, active })
        : agenciesApi.create({ code, names, kind }),
    {
      invalidate: [agenciesKey],
      done: (saved) =>
        base ? t('agencies.saved', { code: saved.code }) : t('agencies.created', { code: saved.code }),
    },
    onClose,
    (error) => showFieldErrors(error, form.setError, fields),
  );
  const { errors } = form.formState;
  const kindOptions = agencyKinds.map((kind) => ({ value: kind, label: t(`common:agencyKind.${kind}`) }));

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={save.error} fields={fields} onReload={() => void reload(form, save)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('agencies.code')}
            description={base ? t('agencies.codeFixed') : t('agencies.codeDescription')}
            required={!base}
            readOnly={Boolean(base)}
            variant={base ? 'filled' : 'default'}
            autoCapitalize="characters"
            // Codes are stored in capitals; showing them so avoids a surprise after saving.
            styles={{ input: { textTransform: 'uppercase' } }}
            // The help goes under the field, so that the fields of the row stay aligned.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            error={errors.code?.message}
            {...form.register('code')}
          />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('agencies.kind')}
                data={kindOptions}
                required
                allowDeselect={false}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.kind?.message}
              />
            )}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('agencies.nameEn')}
            required
            error={errors.names?.en?.message}
            {...form.register('names.en')}
          />
          <TextInput
            label={t('agencies.nameZhHant')}
            lang="zh-Hant"
            required
            error={errors.names?.['zh-Hant']?.message}
            {...form.register('names.zh-Hant')}
          />
          <TextInput
            label={t('agencies.namePt')}
            lang="pt"
            required
            error={errors.names?.pt?.message}
            {...form.register('names.pt')}
          />
        </SimpleGrid>
        {base && (
          <Controller
            control={form.control}
            name="active"
            render={({ field }) => (
              <Switch
                label={t('agencies.active')}
                description={t('agencies.activeDescription')}
                checked={field.value}
                onChange={(event) => field.onChange(event.currentTarget.checked)}
                onBlur={field.onBlur}
                ref={field.ref}
              />
            )}
          />
        )}
        <DialogFooter
          onCancel={onClose}
          submitLabel={base ? t('action.save') : t('agencies.create')}
          pending={save.isPending}
        />
      </Stack>
    </form>
  );
}
