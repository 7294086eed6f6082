import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormDialog } from '../../components/form-dialog.js';
import { SelectField } from '../../components/form-fields.js';
import { assigneesQuery, caseworkApi } from './casework.api.js';
import { inboxKey, type InboxItem } from './protection.api.js';

const AssignForm = z.object({ assigneeId: z.string().min(1, 'required') });

/** The receiving agency's officer gives an accepted referral to one of the agency's workers. */
export function AssignDialog({ item, onClose }: { item: InboxItem | null; onClose: () => void }) {
  const { t } = useTranslation(['casework']);
  const workers = useQuery({ ...assigneesQuery(item?.id ?? ''), enabled: item !== null });
  const options = (workers.data ?? []).map((w) => ({ value: w.id, label: w.name }));
  return (
    <FormDialog
      opened={item !== null}
      onClose={onClose}
      title={t('casework:assign.title')}
      size="md"
      schema={AssignForm}
      defaultValues={{ assigneeId: item?.assignedTo?.id ?? '' }}
      submit={(values) => caseworkApi.assign(item!.id, values.assigneeId, item!.version)}
      invalidate={[inboxKey]}
      reloadKey={inboxKey}
      done={(result) =>
        t('casework:assign.done', { pseudonym: item!.pseudonym, name: result.assignedTo?.name ?? '' })
      }
      submitLabel={t('casework:assign.action')}
      intro={item && t('casework:assign.text', { pseudonym: item.pseudonym })}
    >
      {workers.isSuccess && options.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('casework:assign.noWorkers')}
        </Text>
      )}
      <SelectField
        name="assigneeId"
        label={t('casework:assign.worker')}
        data={options}
        searchable
        required
        data-autofocus
      />
    </FormDialog>
  );
}
