import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  counterpartKinds,
  exchangeFacts,
  exchangeKinds,
  ExchangeBody,
  type ExchangeView,
} from '../../../../src/modules/cooperation/cooperation.schemas.js';
import { FormDialog } from '../../components/form-dialog.js';
import {
  CountrySelectField,
  DateField,
  MultiSelectField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form-fields.js';
import { today } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { cooperationApi, cooperationKey, linkableCasesQuery } from './cooperation.api.js';

// One dialog records a new exchange or changes one. Linked cases are chosen among the cases
// the writer may read; links to cases the writer cannot read are not shown and stay as they are.

const Form = ExchangeBody.pick({
  kind: true,
  counterpartKind: true,
  counterpart: true,
  subject: true,
  startedOn: true,
}).extend({
  country: z.string().trim().max(3),
  endedOn: z.string(),
  outcome: z.string().max(4000),
  caseIds: z.array(z.string()),
});
const fields = [...exchangeFacts, 'caseIds'] as const;

/** Closed (undefined), a new exchange (null) or one to change. */
export type ExchangeTarget = ExchangeView | null | undefined;

export function ExchangeDialog({ target, onClose }: { target: ExchangeTarget; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  const can = useCan();
  const cases = useQuery({ ...linkableCasesQuery, enabled: target !== undefined && can('case.read') });
  const existing = target ?? null;
  const caseOptions = (cases.data?.items ?? []).map((c) => ({ value: c.id, label: c.reference }));
  for (const linked of existing?.cases ?? [])
    if (linked.id && !caseOptions.some((o) => o.value === linked.id))
      caseOptions.push({ value: linked.id, label: linked.reference ?? linked.id });
  return (
    <FormDialog
      opened={target !== undefined}
      onClose={onClose}
      size="xl"
      title={existing ? t('cooperation.edit') : t('cooperation.record')}
      schema={Form}
      defaultValues={{
        kind: existing?.kind ?? 'information_request_sent',
        counterpartKind: existing?.counterpartKind ?? 'hong_kong',
        counterpart: existing?.counterpart ?? '',
        country: existing?.country ?? '',
        subject: existing?.subject ?? '',
        startedOn: existing?.startedOn ?? today(),
        endedOn: existing?.endedOn ?? '',
        outcome: existing?.outcome ?? '',
        caseIds: existing?.cases.flatMap((c) => (c.id ? [c.id] : [])) ?? [],
      }}
      fields={fields}
      submit={(v) => {
        const body = {
          kind: v.kind,
          counterpartKind: v.counterpartKind,
          counterpart: v.counterpart,
          country: v.country.toUpperCase() || null,
          subject: v.subject,
          startedOn: v.startedOn,
          endedOn: v.endedOn || null,
          outcome: v.outcome.trim() || null,
          caseIds: v.caseIds,
        };
        return existing
          ? cooperationApi.update(existing.id, { ...body, version: existing.version })
          : cooperationApi.record({ ...body, taskIds: [] });
      }}
      invalidate={[cooperationKey]}
      done={() => (existing ? t('cooperation.saved') : t('cooperation.recorded'))}
      submitLabel={existing ? t('cooperation.edit') : t('cooperation.record')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="kind"
          label={t('cooperation.kindField')}
          required
          data={exchangeKinds.map((k) => ({ value: k, label: t(`cooperation.kind.${k}`) }))}
        />
        <SelectField
          name="counterpartKind"
          label={t('cooperation.counterpartKindField')}
          required
          data={counterpartKinds.map((k) => ({ value: k, label: t(`cooperation.counterpartKind.${k}`) }))}
        />
        <TextField name="counterpart" label={t('cooperation.counterpart')} required />
        <CountrySelectField name="country" label={t('cooperation.country')} />
        <DateField name="startedOn" label={t('cooperation.startedOn')} required />
        <DateField name="endedOn" label={t('cooperation.endedOn')} />
      </SimpleGrid>
      <TextareaField name="subject" label={t('cooperation.subject')} required />
      <TextareaField name="outcome" label={t('cooperation.outcome')} />
      <MultiSelectField name="caseIds" label={t('cooperation.cases')} data={caseOptions} />
    </FormDialog>
  );
}
