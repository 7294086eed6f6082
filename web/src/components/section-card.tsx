import { Button, Card, Group, Text, Title, type MantineSpacing } from '@mantine/core';
import { QueryTable } from './list-table.js';
import type { ColumnDef } from '@tanstack/react-table';
import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog.js';

/**
 * A titled part of a page, named by its heading for assistive technology, with its action (if
 * any) beside the title. Without an action the title stands alone above the content.
 */
export function SectionCard({
  id,
  title,
  action,
  headerGap = 'sm',
  intro,
  children,
}: {
  /** Makes the heading's id (`<id>-heading`), which names the section. */
  id: string;
  title: string;
  action?: ReactNode;
  headerGap?: MantineSpacing;
  /** A dimmed sentence under the title saying what the section holds. */
  intro?: string;
  children: ReactNode;
}) {
  const heading = `${id}-heading`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={heading}>
      {action === undefined ? (
        <Title order={2} size="h4" id={heading} mb={intro ? undefined : 'sm'}>
          {title}
        </Title>
      ) : (
        <CardHeader id={heading} title={title} action={action} mb="sm" gap={headerGap} />
      )}
      {intro && (
        <Text size="sm" c="dimmed" mb="sm">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** A card's title (a level-two heading) with its action at the other end of the line. */
export function CardHeader({
  id,
  title,
  action,
  mb,
  gap,
}: {
  id?: string;
  title: string;
  action: ReactNode;
  mb: MantineSpacing;
  gap?: MantineSpacing;
}) {
  return (
    <Group justify="space-between" mb={mb} gap={gap}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {action}
    </Group>
  );
}

/** A section's light button that opens what adds to it (a form, a dialog). */
export function AddButton({ icon, label, onClick }: { icon: ReactNode; label: string; onClick: () => void }) {
  return (
    <Button variant="light" leftSection={icon} onClick={onClick}>
      {label}
    </Button>
  );
}

/**
 * Records kept as a table: the records, and for those who may write, a button that opens the
 * form adding one. Further dialogs of the section (withdraw, end) come as children.
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
    <SectionCard
      id={props.id}
      title={props.title}
      action={
        props.mayWrite && (
          <AddButton icon={props.addIcon} label={props.addLabel} onClick={() => setAdding(true)} />
        )
      }
    >
      <QueryTable
        query={props.records}
        label={props.title}
        columns={props.columns}
        empty={props.empty}
        minWidth={800}
      />
      <Dialog opened={adding} onClose={close} title={props.addTitle} size="lg">
        {adding && props.renderForm(close)}
      </Dialog>
      {props.children}
    </SectionCard>
  );
}
