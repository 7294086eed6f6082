import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title, which is also what a screen reader announces first. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
}

type PageHeaderProps = { title: string; description?: ReactNode; actions?: ReactNode };

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  // After a client-side navigation the focus would stay on the link just used; moving it to
  // the new page's heading lets screen-reader and keyboard users start reading there. On a
  // fresh load nothing has the focus yet, and the browser starts at the top by itself.
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) heading.current?.focus();
  }, []);
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
      <Stack gap={4} maw={720}>
        <Title order={1} size="h2" ref={heading} tabIndex={-1}>
          {title}
        </Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

/** A page's main action that creates a record (it opens the form for it). */
export function CreateButton({
  label,
  onClick,
  icon = <IconPlus size={18} aria-hidden />,
}: {
  label: string;
  onClick: () => void;
  icon?: ReactNode;
}) {
  return (
    <Button leftSection={icon} onClick={onClick}>
      {label}
    </Button>
  );
}

/** A tab's sentence on what it holds, with its main action (if any) at the other end of the line. */
export function IntroBar({ intro, action }: { intro: string; action: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <Text c="dimmed" maw={720}>
        {intro}
      </Text>
      {action}
    </Group>
  );
}
