import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

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
