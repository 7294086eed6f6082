import { Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseUpdate } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { DialogFooter, useDialogAction } from '../../components/form-dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { useRecordAsRead } from '../../forms/record-as-read.js';
import {
  CaseFactsFields,
  caseFormFields,
  caseFormProblem,
  caseFormOf,
  caseFormResolver,
  placesOf,
  type CaseFormValues,
} from './case-facts-fields.js';
import { optional } from './case-labels.js';
import { adoptCase, caseQuery, casesApi, type CaseView } from './cases.api.js';

type Props = { kase: CaseView; opened: boolean; onClose: () => void };

/** Corrects the facts of a case; a change made meanwhile by someone else is never overwritten. */
export function CaseEditDialog({ kase, opened, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={t('cases:edit.title', { reference: kase.reference })}
      size="xl"
    >
      {opened && <CaseEditForm kase={kase} onClose={onClose} />}
    </Dialog>
  );
}

function CaseEditForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web']);
  const queryClient = useQueryClient();
  const [base, reload] = useRecordAsRead(kase, {
    read: ({ id }) => queryClient.fetchQuery({ ...caseQuery(id), staleTime: 0 }),
    valuesOf: caseFormOf,
    onGone: onClose,
  });
  const form = useForm<CaseFormValues>({ resolver: caseFormResolver, defaultValues: caseFormOf(base) });
  const save = useDialogAction(
    // Only what the person changed is sent, so that the audit trail records only that.
    // The server checks every code against its list; the cast restates the form's strings as codes.
    (values: CaseFormValues) => {
      const dirty = form.formState.dirtyFields;
      const placeChanged = Boolean(dirty.placeCountry || dirty.placeLocality);
      return casesApi.update(base.id, {
        version: base.version,
        ...(dirty.origin ? { origin: values.origin } : {}),
        ...(dirty.reportDate ? { reportDate: values.reportDate } : {}),
        ...(dirty.factsDate ? { factsDate: optional(values.factsDate) ?? null } : {}),
        ...(placeChanged ? { places: placesOf(values, base.places.slice(1)) } : {}),
        ...(dirty.exploitationTypes ? { exploitationTypes: values.exploitationTypes } : {}),
        ...(dirty.sectors ? { sectors: values.sectors } : {}),
        ...(dirty.summary ? { summary: optional(values.summary) ?? null } : {}),
      } as CaseUpdate);
    },
    { adopt: adoptCase, done: (view) => t('cases:edit.done', { reference: view.reference }) },
    onClose,
    (error) => showFieldErrors(caseFormProblem(error), form.setError, caseFormFields),
  );
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
        <Stack gap="md">
          <ProblemAlert
            error={caseFormProblem(save.error)}
            fields={caseFormFields}
            onReload={() => void reload(form, save)}
          />
          <CaseFactsFields summaryWithheld={kase.textWithheld} />
          <DialogFooter onCancel={onClose} submitLabel={t('web:action.save')} pending={save.isPending} />
        </Stack>
      </form>
    </FormProvider>
  );
}
