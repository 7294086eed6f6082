import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconGavel, IconScale } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { judicialActKinds } from '../../../../src/core/cases/case-records.js';
import { IsoDate, JudicialActBody } from '../../../../src/modules/cases/cases.schemas.js';
import { Dialog } from '../../components/dialog.js';
import { formatDateTime } from '../../components/format.js';
import { notifySuccess } from '../../components/notify.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { showFieldErrors } from '../../forms/problem.js';
import { translatedResolver } from '../../forms/translated-resolver.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { formatDate, optional, qualificationBasis, qualificationText, today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, legalQualificationsQuery, type CaseView } from './cases.api.js';
import { plainBadge } from './plain-badge.js';

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
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="qualifications-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="qualifications-heading">
            {t('cases:legal.qualificationsTitle')}
          </Title>
          {mayUpdate && (
            <Button
              variant="light"
              leftSection={<IconScale size={18} aria-hidden />}
              onClick={() => setChanging(true)}
            >
              {t('cases:legal.change')}
            </Button>
          )}
        </Group>
        {history.length === 0 ? (
          <Text c="dimmed">{t('cases:legal.noQualifications')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby="qualifications-heading" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases:legal.qualification')}</Table.Th>
                  <Table.Th>{t('cases:legal.basis')}</Table.Th>
                  <Table.Th>{t('cases:legal.added')}</Table.Th>
                  <Table.Th>{t('cases:legal.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.map((q) => (
                  <Table.Tr key={q.id} c={q.removedAt ? 'dimmed' : undefined}>
                    <Table.Td fw={q.removedAt ? 400 : 600}>
                      {qualificationText(qualifications, q.code)}
                    </Table.Td>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="acts-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="acts-heading">
            {t('cases:legal.actsTitle')}
          </Title>
          {mayUpdate && (
            <Button
              variant="light"
              leftSection={<IconGavel size={18} aria-hidden />}
              onClick={() => setRecording(true)}
            >
              {t('cases:legal.recordAct')}
            </Button>
          )}
        </Group>
        {acts.length === 0 ? (
          <Text c="dimmed">{t('cases:legal.noActs')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-labelledby="acts-heading" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases:legal.actDate')}</Table.Th>
                  <Table.Th>{t('cases:legal.actKind')}</Table.Th>
                  <Table.Th>{t('cases:legal.authority')}</Table.Th>
                  <Table.Th>{t('cases:legal.description')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      {mayUpdate && (
        <>
          <Dialog
            opened={changing}
            onClose={() => setChanging(false)}
            title={t('cases:legal.changeTitle')}
            size="lg"
          >
            {changing && <QualificationForm kase={kase} onClose={() => setChanging(false)} />}
          </Dialog>
          <Dialog
            opened={recording}
            onClose={() => setRecording(false)}
            title={t('cases:legal.actTitle')}
            size="lg"
          >
            {recording && <JudicialActForm kase={kase} onClose={() => setRecording(false)} />}
          </Dialog>
        </>
      )}
    </Stack>
  );
}

type QualificationValues = { add: string[]; remove: string[]; note: string };

function QualificationForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const queryClient = useQueryClient();
  const qualifications = useQuery(legalQualificationsQuery).data ?? [];
  const current = kase.qualifications.filter((q) => !q.removedAt).map((q) => q.code);
  const language = currentLanguage();
  const form = useForm<QualificationValues>({ defaultValues: { add: [], remove: [], note: '' } });
  const change = useMutation({
    mutationFn: (values: QualificationValues) =>
      casesApi.changeQualifications(kase.id, {
        version: kase.version,
        add: values.add,
        remove: values.remove,
        note: optional(values.note),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:legal.changed'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, ['note']),
  });
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
    onClose();
  };
  const options = qualifications
    .filter((q) => q.active && !current.includes(q.code))
    .map((q) => ({ value: q.code, label: `${q.labels[language]} (${q.law} ${q.article})` }));

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        if (values.add.length === 0 && values.remove.length === 0) {
          form.setError(
            'add',
            { type: 'required', message: t('cases:legal.nothingToChange') },
            { shouldFocus: true },
          );
          return;
        }
        change.mutate(values);
      })}
    >
      <Stack gap="md">
        <Text size="sm">{t('cases:legal.changeIntro', { stage: t(`common:caseStage.${kase.stage}`) })}</Text>
        <ProblemAlert error={change.error} fields={['note']} onReload={() => void reload()} />
        {current.length > 0 && (
          <Controller
            control={form.control}
            name="remove"
            render={({ field }) => (
              <Checkbox.Group label={t('cases:legal.remove')} value={field.value} onChange={field.onChange}>
                <Stack gap="xs" mt="xs">
                  {current.map((code) => (
                    <Checkbox key={code} value={code} label={qualificationText(qualifications, code)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
        )}
        <Controller
          control={form.control}
          name="add"
          render={({ field, fieldState }) => (
            <MultiSelect
              label={t('cases:legal.add')}
              data={options}
              searchable
              clearable
              nothingFoundMessage={t('web:table.noMatch')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <Textarea
          label={t('cases:legal.note')}
          description={t('cases:legal.noteDescription')}
          autosize
          minRows={2}
          maxLength={2000}
          error={form.formState.errors.note?.message}
          {...form.register('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t('cases:legal.changeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const ActForm = z.object({
  kind: JudicialActBody.shape.kind,
  authority: JudicialActBody.shape.authority,
  actDate: IsoDate,
  description: z.string().trim().max(5000),
});
type ActValues = z.input<typeof ActForm>;
const actResolver = translatedResolver(ActForm);
const actFields = ['kind', 'authority', 'actDate', 'description'] as const;

function JudicialActForm({ kase, onClose }: { kase: CaseView; onClose: () => void }) {
  const { t } = useTranslation(['cases', 'web', 'common']);
  const queryClient = useQueryClient();
  const form = useForm<ActValues>({
    resolver: actResolver,
    defaultValues: { kind: '' as ActValues['kind'], authority: '', actDate: today(), description: '' },
  });
  const record = useMutation({
    mutationFn: (values: ActValues) =>
      casesApi.recordJudicialAct(kase.id, {
        kind: values.kind,
        authority: values.authority.trim(),
        actDate: values.actDate,
        description: optional(values.description),
      }),
    onSuccess: (view) => {
      adoptCase(queryClient, view);
      notifySuccess(t('cases:legal.actRecorded'));
      onClose();
    },
    onError: (error) => showFieldErrors(error, form.setError, actFields),
  });
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => record.mutate(values))}>
      <Stack gap="md">
        <ProblemAlert error={record.error} fields={actFields} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('cases:legal.actKind')}
                data={judicialActKinds.map((kind) => ({
                  value: kind,
                  label: t(`cases:judicialAct.${kind}`),
                }))}
                required
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.kind?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('cases:legal.actDate')}
            required
            max={today()}
            error={errors.actDate?.message}
            {...form.register('actDate')}
          />
        </SimpleGrid>
        <TextInput
          label={t('cases:legal.authority')}
          description={t('cases:legal.authorityDescription')}
          required
          maxLength={300}
          error={errors.authority?.message}
          {...form.register('authority')}
        />
        <Textarea
          label={t('cases:legal.description')}
          autosize
          minRows={2}
          maxRows={8}
          error={errors.description?.message}
          {...form.register('description')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('web:action.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('cases:legal.recordAct')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
