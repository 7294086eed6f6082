import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan, useSignedInSession } from '../session/session.js';
import { today } from './case-labels.js';
import { adoptCase, caseKey, casesApi, type CaseView } from './cases.api.js';
import { FormDialog } from '../../components/form-dialog.js';
import {
  AgencySelectField,
  DateField,
  RadioField,
  TextareaField,
  TextField,
} from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';
import { TransitionBody } from '../../../../src/modules/cases/cases.schemas.js';

const TransitionFields = TransitionBody.pick({ to: true, decidedOn: true }).extend({
  decidedByAgencyId: blankOr(TransitionBody.shape.decidedByAgencyId),
  authority: blankOr(TransitionBody.shape.authority),
  note: blankOr(TransitionBody.shape.note),
});

type Props = { kase: CaseView; opened: boolean; onClose: () => void };

export function StageTransitionDialog({ kase, opened, onClose }: Props) {
  const { t } = useTranslation(['cases', 'common']);
  const session = useSignedInSession();
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('cases:transition.title')}
      schema={TransitionFields}
      defaultValues={{
        // With one way forward, it is already chosen.
        to: kase.allowedNextStages.length === 1 ? kase.allowedNextStages[0] : ('' as TransitionBody['to']),
        decidedOn: today(),
        decidedByAgencyId: session.user.agency.id,
        authority: '',
        note: '',
      }}
      fields={['to', 'decidedOn', 'decidedByAgencyId', 'authority', 'note']}
      submit={(values) => casesApi.transition(kase.id, { version: kase.version, ...values })}
      adopt={adoptCase}
      // After a 409 for a stale version: the page shows the case as it now is, with the stages it
      // may now move to; the person chooses again.
      reloadKey={caseKey(kase.id)}
      done={(view) => t('cases:transition.done', { stage: t(`common:caseStage.${view.stage}`) })}
      submitLabel={t('cases:transition.submit')}
      intro={t('cases:transition.intro', { stage: t(`common:caseStage.${kase.stage}`) })}
    >
      <RadioField
        name="to"
        label={t('cases:transition.to')}
        required
        options={kase.allowedNextStages.map((stage) => ({
          value: stage,
          label: t(`common:caseStage.${stage}`),
          description: t(`cases:stageHelp.${stage}`),
        }))}
      />
      <TransitionDecision />
      <TextField
        name="authority"
        label={t('cases:transition.authority')}
        description={t('cases:transition.authorityDescription')}
      />
      <TextareaField name="note" label={t('cases:transition.note')} maxRows={8} />
    </FormDialog>
  );
}

function TransitionDecision() {
  const { t } = useTranslation(['cases']);
  const can = useCan();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <DateField name="decidedOn" label={t('cases:transition.decidedOn')} required />
      {can('agency.read') && (
        <AgencySelectField
          name="decidedByAgencyId"
          label={t('cases:transition.decidedBy')}
          allowDeselect={false}
        />
      )}
    </SimpleGrid>
  );
}
