import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  Executor,
  MeetingAgendaItemTable,
  MeetingAttendanceTable,
  MeetingDecisionTable,
  MeetingGroupTable,
  MeetingTable,
} from '../../db/schema.js';
import { updateVersionedOrStale } from '../../db/versioned.js';

export type GroupRow = Selectable<MeetingGroupTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type AgendaRow = Selectable<MeetingAgendaItemTable>;
export type AttendanceRow = Selectable<MeetingAttendanceTable>;
export type DecisionRow = Selectable<MeetingDecisionTable>;

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export const meetingsRepo = {
  // --- groups ---
  groups: (db: Executor) =>
    db.selectFrom('meeting_groups').selectAll().orderBy('kind').orderBy('name').execute(),
  group: (db: Executor, id: string) =>
    db.selectFrom('meeting_groups').selectAll().where('id', '=', id).executeTakeFirst(),
  insertGroup: (db: Executor, row: Insertable<MeetingGroupTable>) =>
    db.insertInto('meeting_groups').values(row).execute(),
  updateGroup: (db: Executor, id: string, version: number, changes: Updateable<MeetingGroupTable>) =>
    updateVersionedOrStale(db, 'meeting_groups', id, version, changes, 'meeting_group'),
  async replaceMembers(db: Executor, groupId: string, userIds: string[]): Promise<void> {
    await db.deleteFrom('meeting_group_members').where('group_id', '=', groupId).execute();
    if (userIds.length > 0)
      await db
        .insertInto('meeting_group_members')
        .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
        .execute();
  },
  membersOf: (db: Executor, groupIds: string[]) =>
    groupIds.length === 0
      ? none<{ group_id: string; user_id: string; agency_id: string }>()
      : db
          .selectFrom('meeting_group_members')
          .innerJoin('users', 'users.id', 'meeting_group_members.user_id')
          .select(['meeting_group_members.group_id', 'meeting_group_members.user_id', 'users.agency_id'])
          .where('meeting_group_members.group_id', 'in', groupIds)
          .orderBy('users.name')
          .execute(),
  /** Users by id with their agency, to check ids a writer gives. */
  users: (db: Executor, ids: string[]) =>
    ids.length === 0
      ? none<{ id: string; agency_id: string; active: number }>()
      : db.selectFrom('users').select(['id', 'agency_id', 'active']).where('id', 'in', ids).execute(),
  agencyExists: async (db: Executor, id: string) =>
    (await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,

  // --- meetings ---
  meetings: (db: Executor, groupId?: string) =>
    db
      .selectFrom('meetings')
      .selectAll()
      .$if(groupId !== undefined, (q) => q.where('group_id', '=', groupId ?? ''))
      .orderBy('held_on', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute(),
  meeting: (db: Executor, id: string) =>
    db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst(),
  insertMeeting: (db: Executor, row: Insertable<MeetingTable>) =>
    db.insertInto('meetings').values(row).execute(),
  updateMeeting: (db: Executor, id: string, version: number, changes: Updateable<MeetingTable>) =>
    updateVersionedOrStale(db, 'meetings', id, version, changes, 'meeting'),
  /** The group's meeting held last before this one (same day: the one created earlier). */
  previousMeeting: (db: Executor, meeting: MeetingRow) =>
    db
      .selectFrom('meetings')
      .selectAll()
      .where('group_id', '=', meeting.group_id)
      .where((eb) =>
        eb.or([
          eb('held_on', '<', meeting.held_on),
          eb.and([eb('held_on', '=', meeting.held_on), eb('id', '<', meeting.id)]),
        ]),
      )
      .orderBy('held_on', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),

  agenda: (db: Executor, meetingId: string) =>
    db
      .selectFrom('meeting_agenda_items')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute(),
  async replaceAgenda(db: Executor, meetingId: string, items: Insertable<MeetingAgendaItemTable>[]) {
    await db.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).execute();
    if (items.length > 0) await db.insertInto('meeting_agenda_items').values(items).execute();
  },
  attendance: (db: Executor, meetingId: string) =>
    db
      .selectFrom('meeting_attendance')
      .innerJoin('users', 'users.id', 'meeting_attendance.user_id')
      .select(['meeting_attendance.user_id', 'meeting_attendance.status', 'users.agency_id'])
      .where('meeting_attendance.meeting_id', '=', meetingId)
      .orderBy('users.name')
      .execute(),
  async replaceAttendance(db: Executor, meetingId: string, rows: MeetingAttendanceTable[]) {
    await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
    if (rows.length > 0) await db.insertInto('meeting_attendance').values(rows).execute();
  },

  // --- decisions ---
  decision: (db: Executor, id: string) =>
    db.selectFrom('meeting_decisions').selectAll().where('id', '=', id).executeTakeFirst(),
  decisionsOf: (db: Executor, meetingIds: string[]) =>
    meetingIds.length === 0
      ? none<DecisionRow>()
      : db
          .selectFrom('meeting_decisions')
          .selectAll()
          .where('meeting_id', 'in', meetingIds)
          .orderBy('meeting_id')
          .orderBy('number')
          .execute(),
  async nextNumber(db: Executor, meetingId: string): Promise<number> {
    const row = await db
      .selectFrom('meeting_decisions')
      .select((eb) => eb.cast<number>(eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)), 'integer').as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    return Number(row.n) + 1;
  },
  insertDecision: (db: Executor, row: Insertable<MeetingDecisionTable>) =>
    db.insertInto('meeting_decisions').values(row).execute(),
  updateDecision: (db: Executor, id: string, version: number, changes: Updateable<MeetingDecisionTable>) =>
    updateVersionedOrStale(db, 'meeting_decisions', id, version, changes, 'decision'),
  /** Decisions still open from the group's meetings held before this one. */
  openDecisionsBefore: (db: Executor, meeting: MeetingRow) =>
    db
      .selectFrom('meeting_decisions')
      .innerJoin('meetings', 'meetings.id', 'meeting_decisions.meeting_id')
      .selectAll('meeting_decisions')
      .where('meetings.group_id', '=', meeting.group_id)
      .where('meeting_decisions.status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('meetings.held_on', '<', meeting.held_on),
          eb.and([eb('meetings.held_on', '=', meeting.held_on), eb('meetings.id', '<', meeting.id)]),
        ]),
      )
      .orderBy('meetings.held_on')
      .orderBy('meeting_decisions.number')
      .execute(),
  /** Decision ids of the group's meetings held before this one, whatever their status. */
  decisionIdsBefore: (db: Executor, meeting: MeetingRow) =>
    db
      .selectFrom('meeting_decisions')
      .innerJoin('meetings', 'meetings.id', 'meeting_decisions.meeting_id')
      .select('meeting_decisions.id')
      .where('meetings.group_id', '=', meeting.group_id)
      .where((eb) =>
        eb.or([
          eb('meetings.held_on', '<', meeting.held_on),
          eb.and([eb('meetings.held_on', '=', meeting.held_on), eb('meetings.id', '<', meeting.id)]),
        ]),
      )
      .execute(),
  /** Tasks of the action plan created from these decisions (tasks.decision_id, migration 0008). */
  tasksOfDecisions: (db: Executor, decisionIds: string[]) =>
    decisionIds.length === 0
      ? none<{ id: string; decision_id: string | null }>()
      : db
          .selectFrom('tasks')
          .select(['id', 'decision_id'])
          .where('decision_id', 'in', decisionIds)
          .orderBy('id')
          .execute(),
  /** Open decisions assigned to the user or to the agency, with their meeting. */
  queue: (db: Executor, userId: string, agencyId: string) =>
    db
      .selectFrom('meeting_decisions')
      .innerJoin('meetings', 'meetings.id', 'meeting_decisions.meeting_id')
      .select([
        'meeting_decisions.id',
        'meeting_decisions.meeting_id',
        'meeting_decisions.number',
        'meeting_decisions.text',
        'meeting_decisions.due_on',
        'meetings.title as meeting_title',
        'meetings.held_on',
      ])
      .where('meeting_decisions.status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('meeting_decisions.assignee_user_id', '=', userId),
          eb('meeting_decisions.assignee_agency_id', '=', agencyId),
        ]),
      )
      .orderBy('meeting_decisions.due_on')
      .orderBy('meetings.held_on')
      .limit(200)
      .execute(),
};
