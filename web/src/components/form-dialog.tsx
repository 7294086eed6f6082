import { Button, Group, Stack, Text, type ButtonProps, type ModalProps } from '@mantine/core';
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  FormProvider,
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { showFieldErrors, withFormPaths as withPaths } from '../forms/problem.js';
import { translatedResolver } from '../forms/translated-resolver.js';
import { Dialog } from './dialog.js';
import { notifySuccess } from './notify.js';
import { ProblemAlert } from './problem-alert.js';

/** What a change does once the server has accepted it: the caches it makes stale, the words that say so. */
export type Outcome<Result> = {
  /** Queries the change makes stale. */
  invalidate?: readonly QueryKey[];
  /** Puts the server's answer into the cache itself (e.g. the case view it returns). */
  adopt?: (queryClient: QueryClient, result: Result) => void;
  /** The notification shown once it is done. */
  done: (result: Result) => string;
  /** After the dialog closed, e.g. to open the new record. */
  then?: (result: Result) => unknown;
  /**
   * The request stays pending (its button spinning) until what it made stale is read again, and
   * only then `then` runs: for a screen that must not show the old data a moment after "saved".
   */
  awaitRefresh?: boolean;
};

/**
 * A request and what follows its success: the caches it makes stale are refreshed (or take the
 * server's answer), and the person is told; the error stays on the mutation for the screen to show.
 * A request that takes no input is sent by `mutate()`.
 */
export function useAction<Input = void, Result = unknown>(
  run: (input: Input) => Promise<Result>,
  outcome: Outcome<Result>,
  onError?: (error: unknown) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (result) => {
      outcome.adopt?.(queryClient, result);
      const refreshed = Promise.all(
        (outcome.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      notifySuccess(outcome.done(result));
      if (!outcome.awaitRefresh) return void outcome.then?.(result);
      await refreshed;
      await outcome.then?.(result);
    },
    onError,
  });
}

/** A dialog's request: as useAction, and on success the dialog closes before what follows. */
export function useDialogAction<Input, Result>(
  run: (input: Input) => Promise<Result>,
  outcome: Outcome<Result>,
  onClose: () => void,
  onError?: (error: unknown) => void,
) {
  return useAction(
    run,
    {
      ...outcome,
      then: (result) => {
        onClose();
        outcome.then?.(result);
      },
    },
    onError,
  );
}

/** After a 409 for a stale version: refresh what the dialog was about and close it; the person starts again. */
export function useStaleReload(queryKey: QueryKey | undefined, onClose: () => void) {
  const queryClient = useQueryClient();
  if (!queryKey) return undefined;
  return () => {
    void queryClient.invalidateQueries({ queryKey }).then(onClose);
  };
}

type FooterProps = {
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  color?: ButtonProps['color'];
  disabled?: boolean;
};

/** Cancel, then the dialog's own action; the action spins while the request runs. */
export function DialogFooter({ onCancel, submitLabel, pending, color, disabled }: FooterProps) {
  const { t } = useTranslation('web');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('action.cancel')}
      </Button>
      <Button type="submit" color={color} loading={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}

type DialogFrame = {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps['size'];
};

export type FormBodyProps<Values extends FieldValues, Output, Result> = Outcome<Result> & {
  onClose: () => void;
  /** The form's rules: the server's request schema, picked and extended for the form's fields. */
  schema?: z.ZodType<Output, Values>;
  defaultValues: DefaultValues<Values>;
  /**
   * Fields on which the server's field errors are shown (the rest go to the alert); by default
   * the fields of `defaultValues`, which are the form's fields wherever it has no nested ones.
   */
  fields?: readonly Path<Values>[];
  /** Renames the server's field paths to the form's own, where the form lays them out differently. */
  formPath?: (serverPath: string) => string | undefined;
  submit: (values: Output, form: UseFormReturn<Values, unknown, Output>) => Promise<Result>;
  /** A check the schema cannot make; it sets its own field error and answers false to stop. */
  precheck?: (values: Output, form: UseFormReturn<Values, unknown, Output>) => boolean;
  /** Takes a problem the form answers in its own way (true), instead of showing it. */
  onProblem?: (error: unknown, form: UseFormReturn<Values, unknown, Output>) => boolean;
  submitLabel: string;
  submitColor?: ButtonProps['color'];
  /** What is stale after a 409: refreshed, and the dialog closes. */
  reloadKey?: QueryKey;
  /** What the form is about, above it; a sentence given as a string is set as one. */
  intro?: ReactNode;
  /** A remark on how to fill the form, set dimmed above it. */
  note?: string;
  children: ReactNode | ((form: UseFormReturn<Values, unknown, Output>) => ReactNode);
};

export type FormDialogProps<Values extends FieldValues, Output, Result> = DialogFrame &
  FormBodyProps<Values, Output, Result>;

/**
 * The one skeleton of Guia's form dialogs: a title, a react-hook-form form checked by a zod
 * schema with messages in the language on screen, the server's problem above the fields and its
 * field errors on them, Cancel and the action, and on success refresh, notify and close.
 * The form is mounted only while the dialog is open, so that each opening starts afresh.
 */
export function FormDialog<Values extends FieldValues, Output, Result>(
  props: FormDialogProps<Values, Output, Result>,
) {
  return (
    <Dialog opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'}>
      {props.opened && <FormBody {...props} />}
    </Dialog>
  );
}

/** The form of a FormDialog, for a dialog that frames it itself. */
export function FormBody<Values extends FieldValues, Output, Result>(
  props: FormBodyProps<Values, Output, Result>,
) {
  const form = useForm<Values, unknown, Output>({
    resolver: props.schema && translatedResolver(props.schema),
    defaultValues: props.defaultValues,
  });
  const fields = props.fields ?? (Object.keys(props.defaultValues) as Path<Values>[]);
  const renamed = (error: unknown) => (props.formPath ? withPaths(error, props.formPath) : error);
  const [answered, setAnswered] = useState<unknown>(null);
  const action = useDialogAction(
    (values: Output) => props.submit(values, form),
    props,
    props.onClose,
    (error) => {
      if (props.onProblem?.(error, form)) setAnswered(error);
      else showFieldErrors(renamed(error), form.setError, fields);
    },
  );
  const reload = useStaleReload(props.reloadKey, props.onClose);
  const onSubmit = form.handleSubmit((values) => {
    if (props.precheck && !props.precheck(values, form)) return;
    action.mutate(values);
  });
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          {typeof props.intro === 'string' ? <Text size="sm">{props.intro}</Text> : props.intro}
          {props.note && (
            <Text size="sm" c="dimmed">
              {props.note}
            </Text>
          )}
          <ProblemAlert
            error={action.error === answered ? null : renamed(action.error)}
            fields={fields}
            onReload={reload}
          />
          {typeof props.children === 'function' ? props.children(form) : props.children}
          <DialogFooter
            onCancel={props.onClose}
            submitLabel={props.submitLabel}
            pending={action.isPending}
            color={props.submitColor}
          />
        </Stack>
      </form>
    </FormProvider>
  );
}
