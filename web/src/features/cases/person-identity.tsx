import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { RowButton } from '../../components/table-columns.js';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealPurposes } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate } from './case-labels.js';
import { casesApi, type IdentityView, type RevealPurpose } from './cases.api.js';
import { Detail, Details } from './details.js';

type RevealProps = {
  caseId: string;
  casePersonId: string;
  pseudonym: string;
  onRevealed: (identity: IdentityView) => void;
};

/**
 * Reveals a person's identity once the reader has said why: the purpose is recorded in the
 * audit trail with the reveal, and nothing is shown before it is given.
 */
export function RevealButton(props: RevealProps) {
  const { t } = useTranslation(['cases']);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <RowButton
        variant="light"
        color="orange"
        icon={<IconEye size={16} aria-hidden />}
        onClick={() => setAsking(true)}
        name={t('cases:identity.revealNamed', { pseudonym: props.pseudonym })}
        label={t('cases:identity.reveal')}
      />
      <Dialog
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('cases:identity.purposeTitle', { pseudonym: props.pseudonym })}
      >
        {asking && <RevealForm {...props} onClose={() => setAsking(false)} />}
      </Dialog>
    </>
  );
}

function RevealForm({ caseId, casePersonId, onRevealed, onClose }: RevealProps & { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const [purpose, setPurpose] = useState<RevealPurpose | null>(null);
  const [missing, setMissing] = useState(false);
  const reveal = useMutation({
    mutationFn: (chosen: RevealPurpose) => casesApi.reveal(caseId, casePersonId, chosen),
    onSuccess: (identity) => {
      onRevealed(identity);
      onClose();
    },
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!purpose) return setMissing(true);
        reveal.mutate(purpose);
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('cases:identity.purposeText')}</Text>
        <ProblemAlert error={reveal.error} />
        <Radio.Group
          label={t('cases:identity.purpose')}
          required
          value={purpose ?? ''}
          onChange={(value) => {
            setPurpose(revealPurposes.find((candidate) => candidate === value) ?? null);
            setMissing(false);
          }}
          error={missing ? t('common:validation.required') : undefined}
        >
          <Stack gap="xs" mt="xs">
            {revealPurposes.map((option, index) => (
              <Radio
                key={option}
                value={option}
                label={t(`cases:revealPurpose.${option}`)}
                data-autofocus={index === 0 ? true : undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={reveal.isPending} leftSection={<IconEye size={18} aria-hidden />}>
            {t('cases:identity.revealSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function IdentityPanel({ identity, onHide }: { identity: IdentityView; onHide: () => void }) {
  const { t } = useTranslation(['cases']);
  const none = t('cases:none');
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('cases:identity.revealedTitle')}
      icon={<IconEye aria-hidden />}
      mb="sm"
      data-testid="revealed-identity"
    >
      <Text size="sm" mb="xs">
        {t('cases:identity.auditNote')}
      </Text>
      <Details>
        <Detail label={t('cases:identity.givenNames')}>{identity.givenNames ?? none}</Detail>
        <Detail label={t('cases:identity.familyName')}>{identity.familyName ?? none}</Detail>
        <Detail label={t('cases:identity.identityNumber')}>{identity.identityNumber ?? none}</Detail>
        <Detail label={t('cases:identity.birthDate')}>{formatDate(identity.birthDate) || none}</Detail>
        <Detail label={t('cases:identity.contacts')}>{identity.contacts ?? none}</Detail>
        <Detail label={t('cases:identity.address')}>{identity.address ?? none}</Detail>
        <Detail label={t('cases:identity.notes')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {identity.notes ?? none}
          </Text>
        </Detail>
      </Details>
      <Button
        size="xs"
        variant="subtle"
        color="gray"
        mt="sm"
        leftSection={<IconEyeOff size={16} aria-hidden />}
        onClick={onHide}
      >
        {t('cases:identity.hide')}
      </Button>
    </Alert>
  );
}
