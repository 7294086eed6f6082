import { Button, type ButtonProps } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A file the server makes, as a plain link: the browser fetches it with the session cookie,
 * and the server decides (and audits) what it holds.
 */
export function DownloadButton({
  href,
  label,
  icon = <IconDownload size={16} aria-hidden />,
  variant = 'default',
  download = true,
}: {
  href: string;
  label: string;
  icon?: ReactNode;
  variant?: ButtonProps['variant'];
  /** Saves the file rather than letting the browser show it. */
  download?: boolean;
}) {
  return (
    <Button component="a" href={href} download={download} variant={variant} leftSection={icon}>
      {label}
    </Button>
  );
}
