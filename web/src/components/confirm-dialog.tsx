import type { ButtonProps, ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { FormBody, type Outcome } from './form-dialog.js';

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

/**
 * Asks before a step that takes no input: what it does, Cancel, and the step itself. It is a
 * form dialog without fields, so that it refreshes, notifies and shows problems the same way.
 */
export function ConfirmDialog<Result>({
  opened,
  onClose,
  title,
  message,
  confirmLabel,
  color,
  size,
  action,
  ...outcome
}: ConfirmDialogProps<Result>) {
  return (
    <Dialog opened={opened} onClose={onClose} title={title} size={size ?? 'md'}>
      {opened && (
        <FormBody
          {...outcome}
          defaultValues={{}}
          submit={() => action()}
          intro={message}
          submitLabel={confirmLabel}
          submitColor={color}
          onClose={onClose}
        >
          {null}
        </FormBody>
      )}
    </Dialog>
  );
}
