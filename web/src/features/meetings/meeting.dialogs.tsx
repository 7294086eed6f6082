import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { languages } from '../../../../src/core/languages.js';
import { GroupBody, MeetingBody } from '../../../../src/modules/coordination/meetings.schemas.js';
import { FormDialog } from '../../components/form-dialog.js';
import {
  DateField,
  MultiSelectField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form-fields.js';
import { today } from '../cases/case-labels.js';
import { useCan } from '../session/session.js';
import { usersQuery } from '../users/users.api.js';
import { groupsQuery, meetingsApi, meetingsKey } from './meetings.api.js';

// Forming a group and calling a meeting: the secretariat's two dialogs on the meetings page.

/** Far enough to let a meeting be planned ahead: date fields refuse the future by default. */
export const anyDay = '2999-12-31';

const agendaLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((title) => ({ title }));

const MeetingForm = MeetingBody.pick({ groupId: true, title: true, heldOn: true, language: true }).extend({
  location: z.string().trim().max(200),
  agenda: z.string().max(20_000),
});

export function MeetingDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation(['coordination', 'common']);
  const groups = useQuery({ ...groupsQuery, enabled: opened });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('meetings.newMeeting')}
      schema={MeetingForm}
      defaultValues={{
        groupId: '',
        title: '',
        heldOn: today(),
        language: 'zh-Hant',
        location: '',
        agenda: '',
      }}
      submit={(values) =>
        meetingsApi.create({
          groupId: values.groupId,
          title: values.title,
          heldOn: values.heldOn,
          language: values.language,
          location: values.location || null,
          agenda: agendaLines(values.agenda),
        })
      }
      invalidate={[meetingsKey]}
      done={() => t('meetings.created')}
      then={(meeting) => onCreated(meeting.id)}
      submitLabel={t('meetings.newMeeting')}
    >
      <SelectField
        name="groupId"
        label={t('meetings.groupField')}
        required
        data={(groups.data ?? [])
          .filter((g) => g.active)
          .map((g) => ({ value: g.id, label: `${g.name} (${t(`meetings.groupKind.${g.kind}`)})` }))}
      />
      <TextField name="title" label={t('meetings.meetingTitle')} required />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField name="heldOn" label={t('meetings.heldOn')} max={anyDay} required />
        <SelectField
          name="language"
          label={t('meetings.language')}
          required
          data={languages.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
        />
      </SimpleGrid>
      <TextField name="location" label={t('meetings.location')} />
      <TextareaField name="agenda" label={t('meetings.agenda')} description={t('meetings.agendaHint')} />
    </FormDialog>
  );
}

const GroupForm = GroupBody.pick({ kind: true, name: true }).extend({
  chairUserId: z.string(),
  memberIds: z.array(z.string()),
});

export function GroupDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['coordination', 'common']);
  const can = useCan();
  const users = useQuery({
    ...usersQuery({ agencyId: null, role: null, active: 'true', q: '' }),
    enabled: opened && can('user.read'),
  });
  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.agency.code})` }));
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('meetings.newGroup')}
      schema={GroupForm}
      defaultValues={{ kind: 'working_group', name: '', chairUserId: '', memberIds: [] }}
      submit={(values) =>
        meetingsApi.createGroup({
          kind: values.kind,
          name: values.name,
          chairUserId: values.chairUserId || null,
          memberIds: values.memberIds,
        })
      }
      invalidate={[meetingsKey]}
      done={() => t('meetings.groupCreated')}
      submitLabel={t('meetings.newGroup')}
    >
      <SelectField
        name="kind"
        label={t('meetings.kindField')}
        required
        data={(['plenary', 'working_group'] as const).map((k) => ({
          value: k,
          label: t(`meetings.groupKind.${k}`),
        }))}
      />
      <TextField name="name" label={t('meetings.name')} required />
      <SelectField name="chairUserId" label={t('meetings.chair')} data={userOptions} searchable clearable />
      <MultiSelectField name="memberIds" label={t('meetings.members')} data={userOptions} />
    </FormDialog>
  );
}
