import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IsoDate } from '../../../../src/modules/cases/cases.schemas.js';
import { ReferralBody, type ReferralStatus } from '../../../../src/modules/protection/protection.schemas.js';
import { ProblemError } from '../../api/http.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { agencyOptions, codeOptions, codeText, formatDate, optional, today } from '../cases/case-labels.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { RecordsPanel } from './panel-card.js';
import { protectionApi, protectionKey, referralsQuery, type Referral } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';

export const referralStatusColors: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'teal',
  declined: 'red',
  completed: 'gray',
};

/** Referrals of the victim to other agencies, and how each was answered. */
export function ReferralsPanel({ caseId, victim, mayWrite }: VictimContext) {
  const { t } = useTranslation(['cases', 'web']);
  const referrals = useQuery(referralsQuery(caseId, victim.id));
  const columns: ColumnDef<Referral>[] = [
    {
      id: 'sentOn',
      header: t('cases:referral.sentOn'),
      accessorFn: (r) => r.sentOn,
      cell: ({ row }) => formatDate(row.original.sentOn),
    },
    {
      id: 'to',
      header: t('cases:referral.to'),
      accessorFn: (r) => r.toAgency.code,
      cell: ({ row }) => (
        <Text size="sm" fw={500}>
          {row.original.toAgency.code}
        </Text>
      ),
    },
    {
      id: 'service',
      header: t('cases:referral.serviceKind'),
      accessorFn: (r) => codeText('service_kind', r.serviceKind),
    },
    {
      id: 'reason',
      header: t('cases:referral.reason'),
      accessorFn: (r) => codeText('referral_reason', r.reason),
      cell: ({ row }) => (
        <Stack gap={2}>
          <Text size="sm">{codeText('referral_reason', row.original.reason)}</Text>
          {row.original.details && (
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {t('cases:referral.detailsText', { details: row.original.details })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'status',
      header: t('cases:referral.status'),
      accessorFn: (r) => r.status,
      cell: ({ row }) => <ReferralStatusCell referral={row.original} />,
    },
  ];
  return (
    <RecordsPanel
      id="referrals"
      title={t('cases:protection.referrals')}
      mayWrite={mayWrite}
      addLabel={t('cases:referral.send')}
      addIcon={<IconSend size={18} aria-hidden />}
      addTitle={t('cases:referral.sendTitle')}
      records={referrals}
      columns={columns}
      empty={t('cases:referral.empty')}
      renderForm={(onClose) => <ReferralForm {...{ caseId, victim, mayWrite }} onClose={onClose} />}
    ></RecordsPanel>
  );
}

function ReferralStatusCell({ referral }: { referral: Referral }) {
  const { t } = useTranslation(['cases']);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={referralStatusColors[referral.status]} variant="light" style={plainBadge}>
        {t(`cases:referralStatus.${referral.status}`)}
      </Badge>
      {referral.respondedOn && (
        <Text size="xs" c="dimmed">
          {t('cases:referral.respondedOn', {
            date: formatDate(referral.respondedOn),
            name: referral.respondedBy?.name ?? t('cases:none'),
          })}
        </Text>
      )}
      {referral.declineReason && (
        <Text size="xs">{t('cases:referral.declineReasonText', { reason: referral.declineReason })}</Text>
      )}
      {referral.completedOn && (
        <Text size="xs" c="dimmed">
          {t('cases:referral.completedOn', { date: formatDate(referral.completedOn) })}
        </Text>
      )}
      {referral.sentWithoutConsent && (
        <Badge color="orange" variant="light" size="sm" style={plainBadge}>
          {t('cases:referral.withoutConsent')}
        </Badge>
      )}
    </Stack>
  );
}

const ReferralFields = z.object({
  toAgencyId: ReferralBody.shape.toAgencyId,
  serviceKind: ReferralBody.shape.serviceKind,
  reason: ReferralBody.shape.reason,
  details: z.string().trim().max(5000),
  sentOn: IsoDate,
  consentOverrideReason: z.string().trim().max(2000),
});
type ReferralValues = z.input<typeof ReferralFields>;
const resolver = translatedResolver(ReferralFields);
const fields = ['toAgencyId', 'serviceKind', 'reason', 'details', 'sentOn', 'consentOverrideReason'] as const;

/** Without the person's consent to a referral the server refuses; the sender may then say why it cannot wait. */
function ReferralForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const session = useSignedInSession();
  const can = useCan();
  const queryClient = useQueryClient();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  // The server's reason for refusing without consent, shown above the override.
  const [consentRefusal, setConsentRefusal] = useState<string | null>(null);
  const form = useForm<ReferralValues>({
    resolver,
    defaultValues: {
      toAgencyId: '',
      serviceKind: '' as ReferralValues['serviceKind'],
      reason: '' as ReferralValues['reason'],
      details: '',
      sentOn: today(),
      consentOverrideReason: '',
    },
  });
  const send = useMutation({
    mutationFn: (values: ReferralValues) =>
      protectionApi.sendReferral(caseId, victim.id, {
        toAgencyId: values.toAgencyId,
        serviceKind: values.serviceKind,
        reason: values.reason,
        details: optional(values.details),
        sentOn: values.sentOn,
        consentOverrideReason: consentRefusal ? optional(values.consentOverrideReason) : undefined,
      }),
    onSuccess: (referral) => {
      void queryClient.invalidateQueries({ queryKey: protectionKey(victim.id) });
      notifySuccess(t('cases:referral.sent', { agency: referral.toAgency.code }));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ProblemError && error.code === 'referral.consent_required') {
        setConsentRefusal(error.problem.title);
        // The field appears now; the focus goes to it once it is on screen.
        setTimeout(() => form.setFocus('consentOverrideReason'), 0);
        return;
      }
      showFieldErrors(error, form.setError, fields);
    },
  });
  const submit = form.handleSubmit((values) => {
    // The reason for going without consent is mandatory, and must say enough to be judged later.
    if (consentRefusal && values.consentOverrideReason.trim().length < 20) {
      form.setError(
        'consentOverrideReason',
        { type: 'min', message: t('common:validation.consent_required') },
        { shouldFocus: true },
      );
      return;
    }
    send.mutate(values);
  });
  const { errors } = form.formState;
  const shownError =
    send.error instanceof ProblemError && send.error.code === 'referral.consent_required' ? null : send.error;
  const options = agencyOptions(agencies.data ?? []).filter(
    (option) => option.value !== session.user.agency.id,
  );

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('cases:referral.formNote', { pseudonym: victim.person.pseudonym })}
        </Text>
        <ProblemAlert error={shownError} fields={fields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="toAgencyId"
            render={({ field }) => (
              <Select
                label={t('cases:referral.to')}
                data={options}
                searchable
                required
                nothingFoundMessage={t('web:table.noMatch')}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.toAgencyId?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:referral.sentOn')}
            required
            max={today()}
            error={errors.sentOn?.message}
            {...form.register('sentOn')}
          />
          <Controller
            control={form.control}
            name="serviceKind"
            render={({ field }) => (
              <Select
                label={t('cases:referral.serviceKind')}
                data={codeOptions('service_kind')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.serviceKind?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="reason"
            render={({ field }) => (
              <Select
                label={t('cases:referral.reason')}
                data={codeOptions('referral_reason')}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.reason?.message}
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t('cases:referral.details')}
          description={t('cases:referral.detailsDescription')}
          autosize
          minRows={2}
          maxRows={6}
          error={errors.details?.message}
          {...form.register('details')}
        />
        {consentRefusal && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('cases:referral.consentMissingTitle')}
            role="alert"
          >
            <Stack gap="sm">
              <Text size="sm">{consentRefusal}</Text>
              <Textarea
                label={t('cases:referral.overrideReason')}
                description={t('cases:referral.overrideDescription')}
                required
                autosize
                minRows={3}
                maxLength={2000}
                error={errors.consentOverrideReason?.message}
                {...form.register('consentOverrideReason')}
              />
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" color={consentRefusal ? 'orange' : undefined} loading={send.isPending}>
            {consentRefusal ? t('cases:referral.sendWithoutConsent') : t('cases:referral.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
