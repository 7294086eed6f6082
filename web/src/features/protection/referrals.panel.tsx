import { Alert, Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ReferralBody, type ReferralStatus } from '../../../../src/modules/protection/protection.schemas.js';
import { ProblemError } from '../../api/http.js';
import { agenciesQuery } from '../agencies/agencies.api.js';
import { agencyOptions, codeText, formatDate, today } from '../cases/case-labels.js';
import { useCan, useSignedInSession } from '../session/session.js';
import { codeColumn, dateColumn, strongColumn } from '../../components/table-columns.js';
import { RecordsPanel } from '../../components/section-card.js';
import { protectionApi, protectionKey, referralsQuery, type Referral } from './protection.api.js';
import type { VictimContext } from './victim-protection.page.js';
import { plainBadge } from '../cases/plain-badge.js';
import { FormBody } from '../../components/form-dialog.js';
import { DateField, SelectField, TextareaField } from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';

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
    dateColumn('sentOn', t('cases:referral.sentOn'), (r) => r.sentOn),
    strongColumn('to', t('cases:referral.to'), (r) => r.toAgency.code),
    codeColumn('service', t('cases:referral.serviceKind'), 'service_kind', (r) => r.serviceKind),
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
  const { t } = useTranslation(['cases', 'casework']);
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
      {referral.assignedTo && (
        <Text size="xs" data-testid="referral-assignee">
          {t('casework:assign.assignedTo', { name: referral.assignedTo.name })}
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

const ReferralFields = ReferralBody.pick({
  toAgencyId: true,
  serviceKind: true,
  reason: true,
  sentOn: true,
}).extend({
  details: blankOr(ReferralBody.shape.details),
  // Checked against the server's rule only once the server has asked for it (see precheck).
  consentOverrideReason: z.string(),
});
const overrideRule = ReferralBody.shape.consentOverrideReason.unwrap();

/** Without the person's consent to a referral the server refuses; the sender may then say why it cannot wait. */
function ReferralForm({ caseId, victim, onClose }: VictimContext & { onClose: () => void }) {
  const { t } = useTranslation(['cases', 'common']);
  // The server's reason for refusing without consent, shown above the override.
  const [consentRefusal, setConsentRefusal] = useState<string | null>(null);
  return (
    <FormBody
      schema={ReferralFields}
      defaultValues={{
        toAgencyId: '',
        serviceKind: '' as ReferralBody['serviceKind'],
        reason: '' as ReferralBody['reason'],
        details: '',
        sentOn: today(),
        consentOverrideReason: '',
      }}
      submit={(values) =>
        protectionApi.sendReferral(caseId, victim.id, {
          ...values,
          consentOverrideReason: consentRefusal ? values.consentOverrideReason.trim() : undefined,
        })
      }
      precheck={(values, form) => {
        // The reason for going without consent is mandatory, and must say enough to be judged later.
        if (!consentRefusal || overrideRule.safeParse(values.consentOverrideReason).success) return true;
        form.setError(
          'consentOverrideReason',
          { type: 'min', message: t('common:validation.consent_required') },
          { shouldFocus: true },
        );
        return false;
      }}
      onProblem={(error, form) => {
        if (!(error instanceof ProblemError && error.code === 'referral.consent_required')) return false;
        setConsentRefusal(error.problem.title);
        // The field appears now; the focus goes to it once it is on screen.
        setTimeout(() => form.setFocus('consentOverrideReason'), 0);
        return true;
      }}
      invalidate={[protectionKey(victim.id)]}
      done={(referral) => t('cases:referral.sent', { agency: referral.toAgency.code })}
      submitLabel={consentRefusal ? t('cases:referral.sendWithoutConsent') : t('cases:referral.send')}
      submitColor={consentRefusal ? 'orange' : undefined}
      note={t('cases:referral.formNote', { pseudonym: victim.person.pseudonym })}
      onClose={onClose}
    >
      <ReferralChoices />
      <TextareaField
        name="details"
        label={t('cases:referral.details')}
        description={t('cases:referral.detailsDescription')}
      />
      {consentRefusal && <ConsentOverride refusal={consentRefusal} />}
    </FormBody>
  );
}

function ReferralChoices() {
  const { t } = useTranslation(['cases']);
  const session = useSignedInSession();
  const can = useCan();
  const agencies = useQuery({ ...agenciesQuery, enabled: can('agency.read') });
  const options = agencyOptions(agencies.data ?? []).filter(
    (option) => option.value !== session.user.agency.id,
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <SelectField name="toAgencyId" label={t('cases:referral.to')} data={options} searchable required />
      <DateField name="sentOn" label={t('cases:referral.sentOn')} required />
      <SelectField
        name="serviceKind"
        label={t('cases:referral.serviceKind')}
        codeList="service_kind"
        required
      />
      <SelectField name="reason" label={t('cases:referral.reason')} codeList="referral_reason" required />
    </SimpleGrid>
  );
}

function ConsentOverride({ refusal }: { refusal: string }) {
  const { t } = useTranslation(['cases']);
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('cases:referral.consentMissingTitle')}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">{refusal}</Text>
        <TextareaField
          name="consentOverrideReason"
          label={t('cases:referral.overrideReason')}
          description={t('cases:referral.overrideDescription')}
          required
          minRows={3}
          maxRows={8}
        />
      </Stack>
    </Alert>
  );
}
