import { Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyProblem } from '../../components/notify.js';

type RecoveryCodesProps = { codes: string[]; onDone: () => void | Promise<void> };

/** Recovery codes exist in clear only here, once: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'guia-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" bg="gray.0">
        <SimpleGrid
          cols={2}
          spacing="xs"
          component="ul"
          data-testid="recovery-codes"
          aria-label={t('recoveryCodes.listLabel')}
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {codes.map((code) => (
            <Text key={code} component="li" ff="monospace" fz="md" ta="center">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              onClick={copy}
              leftSection={copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
            >
              {copied ? t('action.copied') : t('recoveryCodes.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={download} leftSection={<IconDownload size={18} aria-hidden />}>
          {t('recoveryCodes.download')}
        </Button>
      </Group>
      <Checkbox
        label={t('recoveryCodes.stored')}
        checked={stored}
        onChange={(event) => setStored(event.currentTarget.checked)}
      />
      <Button
        disabled={!stored}
        loading={finishing}
        onClick={async () => {
          setFinishing(true);
          try {
            await onDone();
          } catch (error) {
            notifyProblem(error);
          } finally {
            setFinishing(false);
          }
        }}
      >
        {t('action.continue')}
      </Button>
    </Stack>
  );
}
