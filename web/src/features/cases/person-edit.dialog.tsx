import { useTranslation } from 'react-i18next';
import { adoptCase, caseKey, casesApi, type CasePersonView, type CaseView } from './cases.api.js';
import {
  personFieldPaths,
  personFormOf,
  personFormPath,
  PersonRoleFields,
  roleDetailsBody,
  type PersonFormValues,
} from './person-fields.js';
import { FormDialog } from '../../components/form-dialog.js';

// The request names sex and citizenship at its top level; the form keeps them with the person.
const formPath = (serverPath: string) => {
  const path = personFormPath(serverPath);
  return path === 'gender' || path === 'citizenship' ? `person.${path}` : path;
};

type Props = { kase: CaseView; person: CasePersonView | null; onClose: () => void };

/** The HTCDS details of a person in the case; the identity itself is never part of this form. */
export function PersonEditDialog({ kase, person, onClose }: Props) {
  const { t } = useTranslation(['cases', 'web']);
  return (
    <FormDialog<PersonFormValues, PersonFormValues, CaseView>
      opened={person !== null}
      onClose={onClose}
      title={person ? t('cases:people.editTitle', { pseudonym: person.person.pseudonym }) : ''}
      size="xl"
      defaultValues={person ? personFormOf(person) : {}}
      fields={personFieldPaths}
      formPath={formPath}
      submit={(values: PersonFormValues) =>
        casesApi.updatePerson(kase.id, person!.id, {
          version: person!.version,
          gender: values.person.gender || null,
          citizenship: values.person.citizenship,
          ...roleDetailsBody(person!.role, values),
        } as Parameters<typeof casesApi.updatePerson>[2])
      }
      adopt={adoptCase}
      // After a 409: the page shows the person as they now are; the change is made again from there.
      reloadKey={caseKey(kase.id)}
      done={() => t('cases:people.saved', { pseudonym: person!.person.pseudonym })}
      submitLabel={t('web:action.save')}
    >
      <PersonRoleFields role={person?.role} />
    </FormDialog>
  );
}
