import { Alert, Button, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconLink } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseRoles, type CaseRole } from '../../../../src/core/cases/case-records.js';
import { Dialog } from '../../components/dialog.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import {
  caseListQuery,
  caseQuery,
  casesApi,
  linkRequestsKey,
  noCaseFilters,
  type CasePersonView,
} from './cases.api.js';

/** The person to be linked, named by their place in a case the reader can read. */
export type LinkSource = {
  caseId: string;
  reference: string;
  person: Pick<CasePersonView, 'id' | 'role' | 'person'>;
};

type Props = { source: LinkSource | null; onClose: () => void };

/**
 * Asks the members of the case that holds a person to link that person into one of the
 * reader's own cases. Nothing about the person's identity crosses until one of them approves.
 */
export function LinkRequestDialog({ source, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <Dialog
      opened={source !== null}
      onClose={onClose}
      title={source ? t('cases:link.dialogTitle', { pseudonym: source.person.person.pseudonym }) : ''}
      size="lg"
    >
      {source && <LinkRequestForm source={source} onClose={onClose} />}
    </Dialog>
  );
}

function LinkRequestForm({ source, onClose }: { source: LinkSource; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const queryClient = useQueryClient();
  const [targetId, setTargetId] = useState<string | null>(null);
  const [role, setRole] = useState<CaseRole>(source.person.role);
  const [missing, setMissing] = useState(false);
  const cases = useInfiniteQuery(caseListQuery(noCaseFilters));
  // Only the members of a case link people into it: the server says whether the reader is one.
  const target = useQuery({ ...caseQuery(targetId ?? ''), enabled: targetId !== null });
  const mayLinkInto = target.data?.can.workPeople ?? false;
  const options = (cases.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((candidate) => candidate.id !== source.caseId)
    .map((candidate) => ({
      value: candidate.id,
      label: `${candidate.reference} (${candidate.leadAgency.code})`,
    }));
  const send = useMutation({
    mutationFn: (chosen: string) =>
      casesApi.requestLink(chosen, { sourceCasePersonId: source.person.id, role }),
    onSuccess: (request) => {
      void queryClient.invalidateQueries({ queryKey: linkRequestsKey });
      notifySuccess(
        t('cases:link.sent', { pseudonym: request.source.pseudonym, reference: request.target.reference }),
      );
      onClose();
    },
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!targetId) return setMissing(true);
        send.mutate(targetId);
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t('cases:link.dialogText', {
            pseudonym: source.person.person.pseudonym,
            reference: source.reference,
          })}
        </Text>
        <ProblemAlert error={send.error ?? cases.error} />
        <Select
          label={t('cases:link.target')}
          description={t('cases:link.targetDescription')}
          required
          data={options}
          searchable
          value={targetId}
          onChange={(value) => {
            setTargetId(value);
            setMissing(false);
          }}
          nothingFoundMessage={t('cases:link.noTarget')}
          error={missing ? t('common:validation.required') : undefined}
          data-autofocus
        />
        {targetId && target.data && !mayLinkInto && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('cases:link.notMember', { reference: target.data.reference })}
          </Alert>
        )}
        <Radio.Group
          label={t('cases:link.role')}
          required
          value={role}
          onChange={(value) => setRole(caseRoles.find((candidate) => candidate === value) ?? role)}
        >
          <Group gap="lg" mt="xs">
            {caseRoles.map((option) => (
              <Radio key={option} value={option} label={t(`cases:role.${option}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button
            type="submit"
            loading={send.isPending}
            disabled={targetId !== null && (target.isPending || !mayLinkInto)}
            leftSection={<IconLink size={18} aria-hidden />}
          >
            {t('cases:link.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
