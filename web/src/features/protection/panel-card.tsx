import { Button, Card, Group, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { DataTable } from '../../components/data-table.js';
import { Dialog } from '../../components/dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';

/** One part of a victim's protection record: a titled section with its action beside the title. */
export function PanelCard({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={`${id}-heading`}>
      <Group justify="space-between" mb="sm" gap="sm">
        <Title order={2} size="h4" id={`${id}-heading`}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

/**
 * A protection record kept as a table: the records, and for those who may write, a button
 * that opens the form adding one. Further dialogs of the panel (withdraw, end) come as children.
 */
export function RecordsPanel<Row extends { id: string }>(props: {
  id: string;
  title: string;
  mayWrite: boolean;
  addLabel: string;
  addIcon: ReactNode;
  addTitle: string;
  records: { data?: Row[] | undefined; error: unknown; isPending: boolean };
  columns: ColumnDef<Row>[];
  empty: string;
  renderForm: (onClose: () => void) => ReactNode;
  children?: ReactNode;
}) {
  const [adding, setAdding] = useState(false);
  const close = () => setAdding(false);
  return (
    <PanelCard
      id={props.id}
      title={props.title}
      action={
        props.mayWrite && (
          <Button variant="light" leftSection={props.addIcon} onClick={() => setAdding(true)}>
            {props.addLabel}
          </Button>
        )
      }
    >
      <ProblemAlert error={props.records.error} />
      <DataTable
        label={props.title}
        columns={props.columns}
        rows={props.records.data ?? []}
        rowId={(row) => row.id}
        loading={props.records.isPending}
        empty={props.empty}
        minWidth={800}
      />
      <Dialog opened={adding} onClose={close} title={props.addTitle} size="lg">
        {adding && props.renderForm(close)}
      </Dialog>
      {props.children}
    </PanelCard>
  );
}
