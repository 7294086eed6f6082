import type { ModalProps } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { Dialog } from './dialog.js';

/** What an editor dialog is open for: nothing (closed), a new record (`record: null`), or a record. */
export type EditorTarget<R> = { record: R | null } | null;

/**
 * A dialog that adds a record or edits one. Its form is mounted afresh for each record (keyed by
 * the record's id), so that it starts from that record's values; the dialog itself stays mounted,
 * so that once closed the focus returns to the button that opened it.
 */
export function EditorDialog<R extends { id: string }>({
  target,
  onClose,
  title,
  size,
  children,
}: {
  target: EditorTarget<R>;
  onClose: () => void;
  title: (record: R | null) => string;
  size: ModalProps['size'];
  children: (record: R | null) => ReactNode;
}) {
  const record = target?.record ?? null;
  return (
    <Dialog opened={target !== null} onClose={onClose} title={title(record)} size={size}>
      {target && <Fragment key={record?.id ?? 'new'}>{children(record)}</Fragment>}
    </Dialog>
  );
}
