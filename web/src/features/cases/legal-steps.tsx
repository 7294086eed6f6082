import { Badge, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconGavel, IconScale } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { judicialActKinds } from '../../../../src/core/cases/case-records.js';
import { JudicialActBody } from '../../../../src/modules/cases/cases.schemas.js';
import { formatDateTime } from '../../components/format.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatDate, qualificationBasis, qualificationText, today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, legalQualificationsQuery, type CaseView } from './cases.api.js';
import { plainBadge } from './plain-badge.js';
import { FormDialog } from '../../components/form-dialog.js';
import { AddButton, SectionCard } from '../../components/section-card.js';
import {
  CheckboxesField,
  DateField,
  MultiSelectField,
  SelectField,
  TextField,
  TextareaField,
} from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { QualificationChange } from '../../../../src/modules/cases/cases.schemas.js';

/** What the case is qualified as under the law, as it changed, and the judicial acts that authorised measures. */
export function LegalSteps({ kase }: { kase: CaseView }) {
  const { t } = useTranslation(['cases', 'common']);
  const mayUpdate = kase.can.update;
  const [changing, setChanging] = useState(false);
  const [recording, setRecording] = useState(false);
  const qualifications = useQuery(legalQualificationsQuery).data ?? [];
  const acts = kase.timeline.flatMap((entry) => (entry.type === 'judicial_act' ? [entry] : []));
  const history = [...kase.qualifications].sort((a, b) => a.addedAt.localeCompare(b.addedAt));

  return (
    <Stack gap="lg">
      <HistorySection
        id="qualifications"
        title={t('cases:legal.qualificationsTitle')}
        add={
          mayUpdate && {
            icon: <IconScale size={18} aria-hidden />,
            label: t('cases:legal.change'),
            onClick: () => setChanging(true),
          }
        }
        empty={history.length === 0 && t('cases:legal.noQualifications')}
        headers={[
          t('cases:legal.qualification'),
          t('cases:legal.basis'),
          t('cases:legal.added'),
          t('cases:legal.status'),
        ]}
      >
        {history.map((q) => (
          <Table.Tr key={q.id} c={q.removedAt ? 'dimmed' : undefined}>
            <Table.Td fw={q.removedAt ? 400 : 600}>{qualificationText(qualifications, q.code)}</Table.Td>
            <Table.Td>{qualificationBasis(qualifications, q.code)}</Table.Td>
            <Table.Td>
              {t('cases:legal.addedAt', {
                date: formatDateTime(q.addedAt),
                stage: t(`common:caseStage.${q.stage}`),
              })}
            </Table.Td>
            <Table.Td>
              {q.removedAt ? (
                <Text size="sm">
                  {t('cases:legal.removedAt', {
                    date: formatDateTime(q.removedAt),
                    stage: t(`common:caseStage.${q.removedStage ?? q.stage}`),
                  })}
                </Text>
              ) : (
                <Badge color="green" variant="light" style={plainBadge}>
                  {t('cases:legal.current')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </HistorySection>

      <HistorySection
        id="acts"
        title={t('cases:legal.actsTitle')}
        add={
          mayUpdate && {
            icon: <IconGavel size={18} aria-hidden />,
            label: t('cases:legal.recordAct'),
            onClick: () => setRecording(true),
          }
        }
        empty={acts.length === 0 && t('cases:legal.noActs')}
        headers={[
          t('cases:legal.actDate'),
          t('cases:legal.actKind'),
          t('cases:legal.authority'),
          t('cases:legal.description'),
        ]}
      >
        {acts.map((act) => (
          <Table.Tr key={act.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(act.at)}</Table.Td>
            <Table.Td>{t(`cases:judicialAct.${act.kind}`)}</Table.Td>
            <Table.Td>{act.authority}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
              {kase.textWithheld ? (
                <Text size="sm" c="dimmed" fs="italic" span>
                  {t('cases:case.withheld')}
                </Text>
              ) : (
                (act.description ?? '')
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </HistorySection>

      {mayUpdate && (
        <>
          <QualificationDialog kase={kase} opened={changing} onClose={() => setChanging(false)} />
          <JudicialActDialog kase={kase} opened={recording} onClose={() => setRecording(false)} />
        </>
      )}
    </Stack>
  );
}

/**
 * A part of the legal steps kept as a history: a plain table named by the section's heading
 * (or the sentence saying it is empty), and for those who may update the case, its action.
 */
function HistorySection({
  id,
  title,
  add,
  empty,
  headers,
  children,
}: {
  id: string;
  title: string;
  add: false | { icon: ReactNode; label: string; onClick: () => void };
  empty: string | false;
  headers: string[];
  children: ReactNode;
}) {
  return (
    <SectionCard id={id} title={title} headerGap="md" action={add && <AddButton {...add} />}>
      {empty ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-labelledby={`${id}-heading`} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                {headers.map((header) => (
                  <Table.Th key={header}>{header}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

const QualificationFields = QualificationChange.pick({ add: true, remove: true }).extend({
  note: blankOr(QualificationChange.shape.note),
});
type DialogProps = { kase: CaseView; opened: boolean; onClose: () => void };

function QualificationDialog({ kase, opened, onClose }: DialogProps) {
  const { t } = useTranslation(['cases', 'common']);
  const qualifications = useQuery(legalQualificationsQuery).data ?? [];
  const current = kase.qualifications.filter((q) => !q.removedAt).map((q) => q.code);
  const language = currentLanguage();
  const options = qualifications
    .filter((q) => q.active && !current.includes(q.code))
    .map((q) => ({ value: q.code, label: `${q.labels[language]} (${q.law} ${q.article})` }));
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('cases:legal.changeTitle')}
      schema={QualificationFields}
      defaultValues={{ add: [], remove: [], note: '' }}
      fields={['note']}
      precheck={(values, form) => {
        if (values.add.length > 0 || values.remove.length > 0) return true;
        form.setError(
          'add',
          { type: 'required', message: t('cases:legal.nothingToChange') },
          { shouldFocus: true },
        );
        return false;
      }}
      submit={(values) => casesApi.changeQualifications(kase.id, { version: kase.version, ...values })}
      adopt={adoptCase}
      reloadKey={caseKey(kase.id)}
      done={() => t('cases:legal.changed')}
      submitLabel={t('cases:legal.changeSubmit')}
      intro={t('cases:legal.changeIntro', { stage: t(`common:caseStage.${kase.stage}`) })}
    >
      {current.length > 0 && (
        <CheckboxesField
          name="remove"
          label={t('cases:legal.remove')}
          columns={1}
          data={current.map((code) => ({ value: code, label: qualificationText(qualifications, code) }))}
        />
      )}
      <MultiSelectField name="add" label={t('cases:legal.add')} data={options} />
      <TextareaField
        name="note"
        label={t('cases:legal.note')}
        description={t('cases:legal.noteDescription')}
        maxRows={undefined}
      />
    </FormDialog>
  );
}

const ActFields = JudicialActBody.pick({ kind: true, authority: true, actDate: true }).extend({
  description: blankOr(JudicialActBody.shape.description),
});

function JudicialActDialog({ kase, opened, onClose }: DialogProps) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('cases:legal.actTitle')}
      schema={ActFields}
      defaultValues={{
        kind: '' as JudicialActBody['kind'],
        authority: '',
        actDate: today(),
        description: '',
      }}
      submit={(values) => casesApi.recordJudicialAct(kase.id, values)}
      adopt={adoptCase}
      done={() => t('cases:legal.actRecorded')}
      submitLabel={t('cases:legal.recordAct')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="kind"
          label={t('cases:legal.actKind')}
          data={judicialActKinds.map((kind) => ({ value: kind, label: t(`cases:judicialAct.${kind}`) }))}
          required
        />
        <DateField name="actDate" label={t('cases:legal.actDate')} required />
      </SimpleGrid>
      <TextField
        name="authority"
        label={t('cases:legal.authority')}
        description={t('cases:legal.authorityDescription')}
        required
      />
      <TextareaField name="description" label={t('cases:legal.description')} maxRows={8} />
    </FormDialog>
  );
}
