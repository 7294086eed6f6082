import type { Executor } from '../../db/schema.js';
import { loadReferences, type References } from '../access/references.js';
import { taskSummaries } from './tasks.service.js';
import type { DecisionRow, GroupRow, MeetingRow } from './meetings.repo.js';
import { meetingsRepo } from './meetings.repo.js';
import type { DecisionView, GroupView } from './meetings.schemas.js';

// Decisions show their meeting, their assignee by name or code, and the tasks made from them
// with the plan's derived status (tasks.service.ts), all loaded in a few statements.

export type TaskRef = DecisionView['tasks'][number];

/** The tasks made from these decisions, by decision id, with their status as of `today`. */
export async function tasksByDecision(
  db: Executor,
  today: string,
  decisionIds: string[],
): Promise<Map<string, (TaskRef & { leadAgency: { id: string; code: string } })[]>> {
  const links = await meetingsRepo.tasksOfDecisions(db, decisionIds);
  const summaries = links.length ? await taskSummaries(db, today, { ids: links.map((l) => l.id) }) : [];
  const byDecision = new Map<string, (TaskRef & { leadAgency: { id: string; code: string } })[]>();
  for (const task of summaries) {
    if (!task.decisionId) continue;
    const list = byDecision.get(task.decisionId) ?? [];
    list.push({
      id: task.id,
      title: task.title,
      dueDate: task.dueDate,
      status: task.status,
      leadAgency: task.leadAgency,
    });
    byDecision.set(task.decisionId, list);
  }
  return byDecision;
}

/** Decisions as views, loading their meetings, assignees and tasks. */
export async function presentDecisions(
  db: Executor,
  today: string,
  rows: DecisionRow[],
): Promise<DecisionView[]> {
  const meetingIds = [...new Set(rows.map((r) => r.meeting_id))];
  const [meetings, refs, tasks] = await Promise.all([
    Promise.all(meetingIds.map((id) => meetingsRepo.meeting(db, id))),
    loadReferences(db, {
      users: rows.map((r) => r.assignee_user_id),
      agencies: rows.map((r) => r.assignee_agency_id),
    }),
    tasksByDecision(
      db,
      today,
      rows.map((r) => r.id),
    ),
  ]);
  const meetingOf = new Map(meetings.filter((m): m is MeetingRow => !!m).map((m) => [m.id, m]));
  return rows.map((row) => decisionView(row, meetingOf.get(row.meeting_id)!, refs, tasks.get(row.id) ?? []));
}

function decisionView(
  row: DecisionRow,
  meeting: MeetingRow,
  refs: References,
  tasks: TaskRef[],
): DecisionView {
  return {
    id: row.id,
    meeting: { id: meeting.id, title: meeting.title, heldOn: meeting.held_on },
    number: row.number,
    text: row.text,
    assigneeUser: refs.user(row.assignee_user_id),
    assigneeAgency: refs.agency(row.assignee_agency_id),
    dueOn: row.due_on,
    status: row.status,
    closedOn: row.closed_on,
    tasks: tasks.map(({ id, title, dueDate, status }) => ({ id, title, dueDate, status })),
    version: row.version,
  };
}

export async function presentGroups(db: Executor, rows: GroupRow[]): Promise<GroupView[]> {
  const members = await meetingsRepo.membersOf(
    db,
    rows.map((r) => r.id),
  );
  const refs = await loadReferences(db, {
    users: [...members.map((m) => m.user_id), ...rows.map((r) => r.chair_user_id)],
    agencies: members.map((m) => m.agency_id),
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    chair: refs.user(row.chair_user_id),
    members: members
      .filter((m) => m.group_id === row.id)
      .map((m) => ({
        ...(refs.user(m.user_id) ?? { id: m.user_id, name: '' }),
        agency: refs.agency(m.agency_id),
      })),
    active: row.active === 1,
    version: row.version,
  }));
}
