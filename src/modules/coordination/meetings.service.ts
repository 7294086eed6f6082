import { uuidv7 } from 'uuidv7';
import { creationStamps, givenColumns, updateStamps } from '../../db/versioned.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import { loadReferences } from '../access/references.js';
import { asId, asIsoDate } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { meetingsRepo, type GroupRow, type MeetingRow } from './meetings.repo.js';
import { presentDecisions, presentGroups, tasksByDecision } from './meetings.presenters.js';
import type {
  GroupBody,
  GroupUpdate,
  GroupView,
  MeetingBody,
  MeetingListItem,
  MeetingUpdate,
  MeetingView,
  OpenItems,
} from './meetings.schemas.js';

// Groups and meetings. Who runs them is `meeting.manage` (the secretariat), decided by the
// routes; everyone with `meeting.read` reads them.

/** Every id must name an existing user; the first unknown one is refused naming its place. */
export async function checkUsers(db: Executor, path: string, ids: readonly string[]): Promise<void> {
  const found = new Set((await meetingsRepo.users(db, [...new Set(ids)])).map((u) => u.id));
  ids.forEach((id, i) => {
    if (!found.has(id)) throw invalid(path.replace('#', String(i)), 'unknown');
  });
}

async function groupOrNotFound(db: Executor, id: string): Promise<GroupRow> {
  const row = await meetingsRepo.group(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'meeting_group' });
  return row;
}

export async function meetingOrNotFound(db: Executor, id: string): Promise<MeetingRow> {
  const row = await meetingsRepo.meeting(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'meeting' });
  return row;
}

/** The chair belongs to the group: added to its members if the writer left them out. */
const withChair = (memberIds: readonly string[], chair: string | null | undefined) => [
  ...new Set(chair ? [...memberIds, chair] : memberIds),
];

export const groupsService = {
  async list({ tx }: UseCase): Promise<GroupView[]> {
    return presentGroups(tx, await meetingsRepo.groups(tx));
  },

  async create({ tx, actor, now }: UseCase, input: GroupBody): Promise<GroupView> {
    await checkUsers(tx, 'memberIds.#', input.memberIds);
    if (input.chairUserId) await checkUsers(tx, 'chairUserId', [input.chairUserId]);
    const members = withChair(input.memberIds, input.chairUserId);
    const row: GroupRow = {
      id: uuidv7(),
      kind: input.kind,
      name: input.name,
      chair_user_id: input.chairUserId ?? null,
      active: 1,
      ...creationStamps(actor.userId, now),
    };
    await meetingsRepo.insertGroup(tx, row);
    await meetingsRepo.replaceMembers(tx, row.id, members);
    await auditService.record(tx, actor, 'meeting_group.created', {
      entityType: 'meeting_group',
      entityId: row.id,
      summary: { kind: input.kind, members: members.length },
    });
    return (await presentGroups(tx, [row]))[0]!;
  },

  async update({ tx, actor, now }: UseCase, id: string, input: GroupUpdate): Promise<GroupView> {
    const row = await groupOrNotFound(tx, id);
    if (input.memberIds) await checkUsers(tx, 'memberIds.#', input.memberIds);
    if (input.chairUserId) await checkUsers(tx, 'chairUserId', [input.chairUserId]);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.chairUserId !== undefined ? { chair_user_id: input.chairUserId } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...updateStamps(actor.userId, now),
    };
    await meetingsRepo.updateGroup(tx, id, input.version, changes);
    const current = (await meetingsRepo.membersOf(tx, [id])).map((m) => m.user_id);
    const members = withChair(input.memberIds ?? current, changes.chair_user_id ?? row.chair_user_id);
    await meetingsRepo.replaceMembers(tx, id, members);
    await auditService.record(tx, actor, 'meeting_group.updated', {
      entityType: 'meeting_group',
      entityId: id,
      summary: {
        fields: (['name', 'chairUserId', 'memberIds', 'active'] as const).filter(
          (f) => input[f] !== undefined,
        ),
        members: members.length,
      },
    });
    return (await presentGroups(tx, [{ ...row, ...changes, version: input.version + 1 }]))[0]!;
  },
};

export const meetingsService = {
  async list({ tx }: UseCase, groupId?: string): Promise<MeetingListItem[]> {
    const rows = await meetingsRepo.meetings(tx, groupId);
    const [groups, decisions] = await Promise.all([
      meetingsRepo.groups(tx),
      meetingsRepo.decisionsOf(
        tx,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((row) => {
      const group = groups.find((g) => g.id === row.group_id)!;
      const own = decisions.filter((d) => d.meeting_id === row.id);
      return {
        id: row.id,
        group: { id: group.id, name: group.name, kind: group.kind },
        title: row.title,
        heldOn: row.held_on,
        language: row.language,
        decisions: { open: own.filter((d) => d.status === 'open').length, total: own.length },
      };
    });
  },

  async get(uc: UseCase, id: string): Promise<MeetingView> {
    return present(uc, await meetingOrNotFound(uc.tx, id));
  },

  async create(uc: UseCase, input: MeetingBody): Promise<MeetingView> {
    const { tx, actor, now } = uc;
    const group = await meetingsRepo.group(tx, input.groupId);
    if (!group) throw invalid('groupId', 'unknown');
    if (group.active !== 1) throw invalid('groupId', 'inactive');
    const row: MeetingRow = {
      id: uuidv7(),
      group_id: input.groupId,
      title: input.title,
      held_on: input.heldOn,
      location: input.location ?? null,
      language: input.language,
      minutes: null,
      guests: null,
      ...creationStamps(actor.userId, now),
    };
    await meetingsRepo.insertMeeting(tx, row);
    await meetingsRepo.replaceAgenda(tx, row.id, agendaRows(row.id, input.agenda));
    await auditService.record(tx, actor, 'meeting.created', {
      entityType: 'meeting',
      entityId: row.id,
      summary: { groupId: asId(input.groupId), heldOn: asIsoDate(input.heldOn), language: input.language },
    });
    return present(uc, row);
  },

  async update(uc: UseCase, id: string, input: MeetingUpdate): Promise<MeetingView> {
    const { tx, actor, now } = uc;
    const row = await meetingOrNotFound(tx, id);
    if (input.attendance) {
      await checkUsers(
        tx,
        'attendance.#.userId',
        input.attendance.map((a) => a.userId),
      );
      const seen = new Set<string>();
      input.attendance.forEach((a, i) => {
        if (seen.has(a.userId)) throw invalid(`attendance.${i}.userId`, 'duplicate');
        seen.add(a.userId);
      });
    }
    const changes = {
      ...givenColumns(input, ['title', 'heldOn', 'location', 'language', 'minutes', 'guests']),
      ...updateStamps(actor.userId, now),
    };
    await meetingsRepo.updateMeeting(tx, id, input.version, changes);
    if (input.agenda) await meetingsRepo.replaceAgenda(tx, id, agendaRows(id, input.agenda));
    if (input.attendance)
      await meetingsRepo.replaceAttendance(
        tx,
        id,
        input.attendance.map((a) => ({ meeting_id: id, user_id: a.userId, status: a.status })),
      );
    await auditService.record(tx, actor, 'meeting.updated', {
      entityType: 'meeting',
      entityId: id,
      summary: {
        fields: (
          ['title', 'heldOn', 'location', 'language', 'minutes', 'guests', 'agenda', 'attendance'] as const
        ).filter((f) => input[f] !== undefined),
      },
    });
    return present(uc, { ...row, ...changes, version: input.version + 1 });
  },

  /**
   * What the meeting opens with: the decisions of the group's earlier meetings still open,
   * and the tasks made from the group's earlier decisions that are not done.
   */
  async openItems({ tx, today }: UseCase, id: string): Promise<OpenItems> {
    const meeting = await meetingOrNotFound(tx, id);
    const [previous, open, earlier] = await Promise.all([
      meetingsRepo.previousMeeting(tx, meeting),
      meetingsRepo.openDecisionsBefore(tx, meeting),
      meetingsRepo.decisionIdsBefore(tx, meeting),
    ]);
    const tasks = await tasksByDecision(
      tx,
      today,
      earlier.map((d) => d.id),
    );
    return {
      previous: previous ? { id: previous.id, title: previous.title, heldOn: previous.held_on } : null,
      decisions: await presentDecisions(tx, today, open),
      tasks: [...tasks.entries()]
        .flatMap(([decisionId, list]) => list.map((task) => ({ ...task, decisionId })))
        .filter((task) => task.status !== 'done')
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    };
  },
};

function agendaRows(meetingId: string, agenda: MeetingBody['agenda']) {
  return agenda.map((item, position) => ({
    id: uuidv7(),
    meeting_id: meetingId,
    position: position + 1,
    title: item.title,
    notes: item.notes ?? null,
  }));
}

async function present({ tx, actor, today }: UseCase, row: MeetingRow): Promise<MeetingView> {
  const [group, agenda, attendance, decisions] = await Promise.all([
    groupOrNotFound(tx, row.group_id),
    meetingsRepo.agenda(tx, row.id),
    meetingsRepo.attendance(tx, row.id),
    meetingsRepo.decisionsOf(tx, [row.id]),
  ]);
  const refs = await loadReferences(tx, {
    users: attendance.map((a) => a.user_id),
    agencies: attendance.map((a) => a.agency_id),
  });
  return {
    id: row.id,
    group: { id: group.id, name: group.name, kind: group.kind },
    title: row.title,
    heldOn: row.held_on,
    location: row.location,
    language: row.language,
    minutes: row.minutes,
    guests: row.guests,
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, notes: a.notes })),
    attendance: attendance.map((a) => ({
      user: refs.user(a.user_id) ?? { id: a.user_id, name: '' },
      agency: refs.agency(a.agency_id),
      status: a.status,
    })),
    decisions: await presentDecisions(tx, today, decisions),
    version: row.version,
    canManage: can(actor, 'meeting.manage'),
  };
}
