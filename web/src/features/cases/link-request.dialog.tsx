import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Id } from '../../../../src/modules/access/access.schemas.js';
import { caseRoles } from '../../../../src/core/cases/case-records.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { caseListQuery, casesApi, linkRequestsKey, noCaseFilters, type CasePersonView } from './cases.api.js';
import { FormDialog } from '../../components/form-dialog.js';
import { RadioField, SelectField } from '../../components/form-fields.js';
import { LinkRequestBody } from '../../../../src/modules/cases/cases.schemas.js';

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
    <FormDialog
      opened={source !== null}
      onClose={onClose}
      title={source ? t('cases:link.dialogTitle', { pseudonym: source.person.person.pseudonym }) : ''}
      schema={LinkFields}
      defaultValues={{ targetId: '', role: source?.person.role }}
      submit={(values) =>
        casesApi.requestLink(values.targetId, { sourceCasePersonId: source!.person.id, role: values.role })
      }
      invalidate={[linkRequestsKey]}
      done={(request) =>
        t('cases:link.sent', { pseudonym: request.source.pseudonym, reference: request.target.reference })
      }
      submitLabel={t('cases:link.submit')}
      intro={
        source &&
        t('cases:link.dialogText', { pseudonym: source.person.person.pseudonym, reference: source.reference })
      }
    >
      {source && <LinkTarget source={source} />}
      <RadioField
        name="role"
        label={t('cases:link.role')}
        required
        inline
        options={caseRoles.map((option) => ({ value: option, label: t(`cases:role.${option}`) }))}
      />
    </FormDialog>
  );
}

const LinkFields = LinkRequestBody.pick({ role: true }).extend({ targetId: Id });

/** Only the members of a case link people into it: the list offers the reader's own cases. */
function LinkTarget({ source }: { source: LinkSource }) {
  const { t } = useTranslation(['cases']);
  const cases = useInfiniteQuery(caseListQuery(noCaseFilters));
  const options = (cases.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((candidate) => candidate.isMember && candidate.id !== source.caseId)
    .map((candidate) => ({
      value: candidate.id,
      label: `${candidate.reference} (${candidate.leadAgency.code})`,
    }));
  return (
    <>
      <ProblemAlert error={cases.error} />
      <SelectField
        name="targetId"
        label={t('cases:link.target')}
        description={t('cases:link.targetDescription')}
        required
        data={options}
        searchable
        nothingFoundMessage={t('cases:link.noTarget')}
        data-autofocus
      />
    </>
  );
}
