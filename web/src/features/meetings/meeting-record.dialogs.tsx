import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  DecisionBody,
  attendanceStatuses,
  type DecisionView,
  type MeetingView,
} from '../../../../src/modules/coordination/meetings.schemas.js';
import { TaskBody } from '../../../../src/modules/coordination/plan.schemas.js';
import { FormDialog } from '../../components/form-dialog.js';
import {
  AgencySelectField,
  DateField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form-fields.js';
import { usersQuery } from '../users/users.api.js';
import { anyDay } from './meeting.dialogs.js';
import { meetingKey, meetingsApi, meetingsKey } from './meetings.api.js';

// The secretariat's dialogs on a meeting's page: minutes, attendance, a decision, a task.

type Close = { opened: boolean; onClose: () => void; meeting: MeetingView };

const MinutesForm = z.object({ minutes: z.string().max(100_000), guests: z.string().max(2000) });

export function MinutesDialog({ opened, onClose, meeting }: Close) {
  const { t } = useTranslation('coordination');
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      size="xl"
      title={t('meetings.editMinutes')}
      schema={MinutesForm}
      defaultValues={{ minutes: meeting.minutes ?? '', guests: meeting.guests ?? '' }}
      submit={(v) =>
        meetingsApi.update(meeting.id, {
          minutes: v.minutes.trim() || null,
          guests: v.guests.trim() || null,
          version: meeting.version,
        })
      }
      invalidate={[meetingsKey]}
      reloadKey={meetingKey(meeting.id)}
      done={() => t('meetings.saved')}
      submitLabel={t('meetings.editMinutes')}
    >
      <TextareaField name="minutes" label={t('meetings.minutesText')} minRows={10} maxRows={30} />
      <TextField name="guests" label={t('meetings.guests')} />
    </FormDialog>
  );
}

/** Attendance of the group's members (and of anyone already recorded). */
export function AttendanceDialog({
  opened,
  onClose,
  meeting,
  members,
}: Close & { members: { id: string; name: string }[] }) {
  const { t } = useTranslation('coordination');
  const people = [
    ...members,
    ...meeting.attendance.map((a) => a.user).filter((u) => !members.some((m) => m.id === u.id)),
  ];
  const current = Object.fromEntries(meeting.attendance.map((a) => [a.user.id, a.status]));
  const statusOptions = [
    { value: '', label: '—' },
    ...attendanceStatuses.map((s) => ({ value: s, label: t(`meetings.attendanceStatus.${s}`) })),
  ];
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('meetings.editAttendance')}
      schema={z.object({ status: z.record(z.string(), z.string()) })}
      defaultValues={{ status: Object.fromEntries(people.map((p) => [p.id, current[p.id] ?? ''])) }}
      fields={[]}
      submit={(v) =>
        meetingsApi.update(meeting.id, {
          attendance: Object.entries(v.status)
            .filter(([, status]) => status)
            .map(([userId, status]) => ({ userId, status: status as (typeof attendanceStatuses)[number] })),
          version: meeting.version,
        })
      }
      invalidate={[meetingsKey]}
      reloadKey={meetingKey(meeting.id)}
      done={() => t('meetings.saved')}
      submitLabel={t('meetings.editAttendance')}
    >
      {people.map((p) => (
        <SelectField key={p.id} name={`status.${p.id}`} label={p.name} data={statusOptions} />
      ))}
    </FormDialog>
  );
}

const DecisionForm = DecisionBody.pick({ text: true }).extend({
  assigneeUserId: z.string(),
  assigneeAgencyId: z.string(),
  dueOn: z.string(),
});

export function DecisionDialog({ opened, onClose, meeting }: Close) {
  const { t } = useTranslation('coordination');
  const users = useQuery({
    ...usersQuery({ agencyId: null, role: null, active: 'true', q: '' }),
    enabled: opened,
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('meetings.newDecision')}
      schema={DecisionForm}
      defaultValues={{ text: '', assigneeUserId: '', assigneeAgencyId: '', dueOn: '' }}
      submit={(v) =>
        meetingsApi.recordDecision(meeting.id, {
          text: v.text,
          assigneeUserId: v.assigneeUserId || null,
          assigneeAgencyId: v.assigneeAgencyId || null,
          dueOn: v.dueOn || null,
        })
      }
      invalidate={[meetingsKey]}
      done={() => t('meetings.decisionRecorded')}
      submitLabel={t('meetings.newDecision')}
    >
      <TextareaField name="text" label={t('meetings.decisionText')} required />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField
          name="assigneeUserId"
          label={t('meetings.assigneeUser')}
          searchable
          clearable
          data={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.agency.code})` }))}
        />
        <AgencySelectField name="assigneeAgencyId" label={t('meetings.assigneeAgency')} clearable />
      </SimpleGrid>
      <DateField name="dueOn" label={t('meetings.dueOn')} max={anyDay} />
    </FormDialog>
  );
}

const TaskForm = TaskBody.pick({ title: true, leadAgencyId: true, startDate: true, dueDate: true });

export function TaskDialog({ decision, onClose }: { decision: DecisionView | null; onClose: () => void }) {
  const { t } = useTranslation('coordination');
  return (
    <FormDialog
      opened={decision !== null}
      onClose={onClose}
      title={
        decision ? `${t('meetings.createTask')} · ${t('meetings.numbered', { number: decision.number })}` : ''
      }
      schema={TaskForm}
      defaultValues={{
        title: decision?.text.slice(0, 500) ?? '',
        leadAgencyId: decision?.assigneeAgency?.id ?? '',
        startDate: decision?.meeting.heldOn ?? '',
        dueDate: decision?.dueOn ?? '',
      }}
      submit={(v) => meetingsApi.createTask(decision!.id, { ...v, supportingAgencyIds: [] })}
      invalidate={[meetingsKey]}
      done={() => t('meetings.taskCreated')}
      submitLabel={t('meetings.createTask')}
    >
      <TextField name="title" label={t('meetings.taskTitle')} required />
      <AgencySelectField name="leadAgencyId" label={t('meetings.leadAgency')} required />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField name="startDate" label={t('meetings.startDate')} max={anyDay} required />
        <DateField name="dueDate" label={t('meetings.dueDate')} max={anyDay} required />
      </SimpleGrid>
    </FormDialog>
  );
}
