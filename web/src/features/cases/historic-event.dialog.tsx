import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { HistoricEventBody } from '../../../../src/modules/cases/cases.schemas.js';
import { adoptCase, casesApi, type CasePersonView, type CaseView } from './cases.api.js';
import { FormDialog } from '../../components/form-dialog.js';
import {
  CountrySelectField,
  DateField,
  SelectField,
  TextField,
  TextareaField,
} from '../../components/form-fields.js';
import { blankOr } from '../../forms/form-schemas.js';

const upperCase = z.string().transform((value) => value.trim().toUpperCase());
const EventFields = HistoricEventBody.pick({ type: true }).extend({
  country: upperCase.pipe(blankOr(HistoricEventBody.shape.country)),
  locality: blankOr(HistoricEventBody.shape.locality),
  startDate: blankOr(HistoricEventBody.shape.startDate),
  endDate: blankOr(HistoricEventBody.shape.endDate),
  note: blankOr(HistoricEventBody.shape.note),
});

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** A step of the person's trafficking history: where they were recruited, moved through, exploited. */
export function HistoricEventDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases']);
  return (
    <FormDialog
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:event.title', { pseudonym: person.person.pseudonym }) : ''}
      schema={EventFields}
      defaultValues={{
        type: '' as HistoricEventBody['type'],
        country: '',
        locality: '',
        startDate: '',
        endDate: '',
        note: '',
      }}
      submit={(values) => casesApi.addEvent(kase.id, person!.id, values)}
      adopt={adoptCase}
      done={() => t('cases:event.done')}
      submitLabel={t('cases:event.submit')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField name="type" label={t('cases:event.type')} codeList="historic_event_type" required />
        <CountrySelectField
          name="country"
          label={t('cases:event.country')}
          description={t('cases:create.countryDescription')}
        />
        <TextField name="locality" label={t('cases:event.locality')} />
        <div />
        <DateField name="startDate" label={t('cases:event.startDate')} />
        <DateField name="endDate" label={t('cases:event.endDate')} max={undefined} />
      </SimpleGrid>
      <TextareaField name="note" label={t('cases:event.note')} maxRows={8} />
    </FormDialog>
  );
}
