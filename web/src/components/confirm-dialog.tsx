import { Stack, Text, type ButtonProps, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { DialogFooter, useDialogAction, type Outcome } from './form-dialog.js';
import { ProblemAlert } from './problem-alert.js';

type ConfirmDialogProps<Result> = Outcome<Result> & {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** What will happen, in a sentence the person can check before confirming. */
  message: ReactNode;
  confirmLabel: string;
  color?: ButtonProps['color'];
  size?: ModalProps['size'];
  action: () => Promise<Result>;
};

/** Asks before a step that takes no input: what it does, Cancel, and the step itself. */
export function ConfirmDialog<Result>(props: ConfirmDialogProps<Result>) {
  return (
    <Dialog opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'md'}>
      {props.opened && <Confirmation {...props} />}
    </Dialog>
  );
}

function Confirmation<Result>(props: ConfirmDialogProps<Result>) {
  const action = useDialogAction(props.action, props, props.onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate();
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {typeof props.message === 'string' ? <Text size="sm">{props.message}</Text> : props.message}
        <ProblemAlert error={action.error} />
        <DialogFooter
          onCancel={props.onClose}
          submitLabel={props.confirmLabel}
          pending={action.isPending}
          color={props.color}
        />
      </Stack>
    </form>
  );
}
