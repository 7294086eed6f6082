import { z } from 'zod';
import { AgencyRef, Text, UserRef } from '../shared.schemas.js';
import { languages } from '../../core/languages.js';
import { Id, Version } from '../access/access.schemas.js';
import { IsoDate } from '../cases/cases.schemas.js';

// The committee's meetings (issue 7, item 3): the plenary and working groups, each meeting
// with its agenda, attendance, minutes and numbered decisions. A decision may be assigned to
// a person or an agency and may become tasks of the action plan.

export const groupKinds = ['plenary', 'working_group'] as const;
export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export const decisionStatuses = ['open', 'done', 'dropped'] as const;
export const Language = z.enum(languages);

// --- groups ------------------------------------------------------------------------------

export const GroupBody = z.strictObject({
  kind: z.enum(groupKinds),
  name: Text(200),
  chairUserId: Id.nullable().optional(),
  memberIds: z.array(Id).max(200).default([]),
});
export type GroupBody = z.infer<typeof GroupBody>;

export const GroupUpdate = z.strictObject({
  name: Text(200).optional(),
  chairUserId: Id.nullable().optional(),
  memberIds: z.array(Id).max(200).optional(),
  active: z.boolean().optional(),
  version: Version,
});
export type GroupUpdate = z.infer<typeof GroupUpdate>;

export const GroupParams = z.strictObject({ groupId: Id });

export const GroupView = z.object({
  id: Id,
  kind: z.enum(groupKinds),
  name: z.string(),
  chair: UserRef.nullable(),
  members: z.array(UserRef.extend({ agency: AgencyRef.nullable() })),
  active: z.boolean(),
  version: z.number().int(),
});
export type GroupView = z.infer<typeof GroupView>;

// --- meetings ----------------------------------------------------------------------------

const AgendaItem = z.strictObject({ title: Text(500), notes: Text(4000).nullable().optional() });

export const MeetingBody = z.strictObject({
  groupId: Id,
  title: Text(300),
  heldOn: IsoDate,
  location: Text(200).nullable().optional(),
  /** The language the meeting is held and minuted in: its minutes are written in it. */
  language: Language,
  agenda: z.array(AgendaItem).max(50).default([]),
});
export type MeetingBody = z.infer<typeof MeetingBody>;

export const MeetingUpdate = z.strictObject({
  title: Text(300).optional(),
  heldOn: IsoDate.optional(),
  location: Text(200).nullable().optional(),
  language: Language.optional(),
  minutes: Text(100_000).nullable().optional(),
  /** People from outside the group who attended (names and institutions, as minuted). */
  guests: Text(2000).nullable().optional(),
  agenda: z.array(AgendaItem).max(50).optional(),
  attendance: z
    .array(z.strictObject({ userId: Id, status: z.enum(attendanceStatuses) }))
    .max(200)
    .optional(),
  version: Version,
});
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingParams = z.strictObject({ meetingId: Id });
export const MeetingQuery = z.strictObject({ groupId: Id.optional() });

export const DecisionBody = z.strictObject({
  text: Text(4000),
  assigneeUserId: Id.nullable().optional(),
  assigneeAgencyId: Id.nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const DecisionUpdate = z.strictObject({
  text: Text(4000).optional(),
  assigneeUserId: Id.nullable().optional(),
  assigneeAgencyId: Id.nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
  status: z.enum(decisionStatuses).optional(),
  version: Version,
});
export type DecisionUpdate = z.infer<typeof DecisionUpdate>;

export const DecisionParams = z.strictObject({ decisionId: Id });

const TaskRef = z.object({ id: Id, title: z.string(), dueDate: z.string(), status: z.string() });

export const DecisionView = z.object({
  id: Id,
  meeting: z.object({ id: Id, title: z.string(), heldOn: z.string() }),
  number: z.number().int(),
  text: z.string(),
  assigneeUser: UserRef.nullable(),
  assigneeAgency: AgencyRef.nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(decisionStatuses),
  closedOn: z.string().nullable(),
  tasks: z.array(TaskRef),
  version: z.number().int(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const MeetingView = z.object({
  id: Id,
  group: z.object({ id: Id, name: z.string(), kind: z.enum(groupKinds) }),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  language: Language,
  minutes: z.string().nullable(),
  guests: z.string().nullable(),
  agenda: z.array(
    z.object({ id: Id, position: z.number().int(), title: z.string(), notes: z.string().nullable() }),
  ),
  attendance: z.array(
    z.object({ user: UserRef, agency: AgencyRef.nullable(), status: z.enum(attendanceStatuses) }),
  ),
  decisions: z.array(DecisionView),
  version: z.number().int(),
  /** Whether the viewer runs meetings (`meeting.manage`). */
  canManage: z.boolean(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingListItem = z.object({
  id: Id,
  group: z.object({ id: Id, name: z.string(), kind: z.enum(groupKinds) }),
  title: z.string(),
  heldOn: z.string(),
  language: Language,
  decisions: z.object({ open: z.number().int(), total: z.number().int() }),
});
export type MeetingListItem = z.infer<typeof MeetingListItem>;

/** What a meeting opens with: what is still open from the group's earlier meetings. */
export const OpenItems = z.object({
  previous: z.object({ id: Id, title: z.string(), heldOn: z.string() }).nullable(),
  decisions: z.array(DecisionView),
  tasks: z.array(TaskRef.extend({ decisionId: Id, leadAgency: AgencyRef })),
});
export type OpenItems = z.infer<typeof OpenItems>;

export const QueueDecision = z.object({
  id: Id,
  meetingId: Id,
  meetingTitle: z.string(),
  heldOn: z.string(),
  number: z.number().int(),
  text: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type QueueDecision = z.infer<typeof QueueDecision>;
