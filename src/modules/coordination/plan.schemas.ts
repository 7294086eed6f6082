import { z } from 'zod';
import { AgencyRef, Text, UserRef } from '../shared.schemas.js';
import { UploadMediaType } from '../../core/media-types.js';
import { taskStatuses } from '../../core/coordination/task-status.js';
import { Id, Version } from '../access/access.schemas.js';
import { IsoDate } from '../cases/cases.schemas.js';

// The action plan: plans → objectives (4P) → tasks with an indicator or a milestone; progress
// per period, validated or returned by the secretariat; corrective actions. Titles and
// narratives are the committee's own work, not about people: they are not sealed.

const Amount = z
  .number()
  .finite()
  .refine((v) => v >= 0, 'negative');

export const pillars = ['prevention', 'protection', 'prosecution', 'partnership'] as const;
export const Pillar = z.enum(pillars);
export const periodicities = ['monthly', 'quarterly', 'yearly', 'tip'] as const;
export const Periodicity = z.enum(periodicities);
export const ProgressStatus = z.enum(['draft', 'submitted', 'validated', 'returned']);
export type ProgressStatus = z.infer<typeof ProgressStatus>;
export const TaskStatus = z.enum(taskStatuses);

// --- params and queries ----------------------------------------------------------------------

export const PlanParams = z.strictObject({ planId: Id });
export const TaskParams = z.strictObject({ taskId: Id });
export const ProgressParams = z.strictObject({ progressId: Id });
export const EvidenceParams = z.strictObject({ progressId: Id, evidenceId: Id });
export const CorrectiveParams = z.strictObject({ actionId: Id });

export const TaskQuery = z.strictObject({
  planId: Id.optional(),
  objectiveId: Id.optional(),
  agency: z.string().max(16).optional(),
  pillar: Pillar.optional(),
  status: TaskStatus.optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;

// --- plans and objectives --------------------------------------------------------------------

export const PlanBody = z.strictObject({ name: Text(200), startDate: IsoDate, endDate: IsoDate });
export type PlanBody = z.infer<typeof PlanBody>;
export const ObjectiveBody = z.strictObject({ title: Text(500), pillar: Pillar });
export type ObjectiveBody = z.infer<typeof ObjectiveBody>;

// --- tasks -----------------------------------------------------------------------------------

/** An indicator (with its unit, baseline and target), or none for a milestone task. */
const IndicatorFields = {
  indicator: Text(300).nullable().optional(),
  unit: Text(40).nullable().optional(),
  baseline: Amount.nullable().optional(),
  target: Amount.nullable().optional(),
  periodicity: Periodicity.optional(),
};

export const TaskBody = z.strictObject({
  /** Omitted for a task outside the plan (a meeting's decision). */
  objectiveId: Id.optional(),
  title: Text(500),
  leadAgencyId: Id,
  supportingAgencyIds: z.array(Id).max(30).default([]),
  startDate: IsoDate,
  dueDate: IsoDate,
  ...IndicatorFields,
});
export type TaskBody = z.input<typeof TaskBody>;

export const TaskUpdate = z.strictObject({
  title: Text(500).optional(),
  supportingAgencyIds: z.array(Id).max(30).optional(),
  startDate: IsoDate.optional(),
  dueDate: IsoDate.optional(),
  ...IndicatorFields,
  version: Version,
});
export type TaskUpdate = z.infer<typeof TaskUpdate>;

const StatusReason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const TaskSummary = z.object({
  id: Id,
  title: z.string(),
  planId: Id.nullable(),
  objectiveId: Id.nullable(),
  pillar: Pillar.nullable(),
  decisionId: z.string().nullable(),
  leadAgency: AgencyRef,
  supportingAgencies: z.array(AgencyRef),
  startDate: IsoDate,
  dueDate: IsoDate,
  indicator: z.string().nullable(),
  unit: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  periodicity: Periodicity,
  completedOn: IsoDate.nullable(),
  /** The latest validated figure, and the last day of the period it measures. */
  latest: z.object({ value: z.number(), asOf: IsoDate }).nullable(),
  status: TaskStatus,
  reason: StatusReason,
  version: z.number(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const ObjectiveView = z.object({
  id: Id,
  position: z.number(),
  title: z.string(),
  pillar: Pillar,
  tasks: z.array(TaskSummary),
});
export const PlanView = z.object({
  id: Id,
  name: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  version: z.number(),
  objectives: z.array(ObjectiveView),
});
export type PlanView = z.infer<typeof PlanView>;
export const PlanListItem = z.object({ id: Id, name: z.string(), startDate: IsoDate, endDate: IsoDate });

// --- progress --------------------------------------------------------------------------------

export const ProgressBody = z.strictObject({
  /** The period reported on, by its key in the task's periodicity (`2025-Q2`, `2025-05`, `2025`, `TIP2025`). */
  period: z.string().max(10),
  value: Amount.nullable().optional(),
  /** A milestone task: the milestone is reached. */
  complete: z.boolean().default(false),
  narrative: Text(5000),
});
export type ProgressBody = z.input<typeof ProgressBody>;

export const ProgressUpdate = z.strictObject({
  value: Amount.nullable().optional(),
  complete: z.boolean().optional(),
  narrative: Text(5000).optional(),
  version: Version,
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

export const VersionBody = z.strictObject({ version: Version });
export const ReturnBody = z.strictObject({ version: Version, comment: Text(2000) });

export const EvidenceBody = z.strictObject({
  fileName: Text(200),
  mediaType: UploadMediaType,
  /** The file, base64-encoded; at most 512 KiB once decoded. */
  contentBase64: z.string().min(1).max(700_000),
});
export type EvidenceBody = z.infer<typeof EvidenceBody>;
export const EvidenceView = z.object({
  id: Id,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});

export const ProgressView = z.object({
  id: Id,
  taskId: Id,
  taskTitle: z.string(),
  agency: AgencyRef,
  period: z.string(),
  periodEnd: IsoDate,
  value: z.number().nullable(),
  complete: z.boolean(),
  narrative: z.string(),
  status: ProgressStatus,
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef.nullable(),
  comment: z.string().nullable(),
  createdBy: UserRef.nullable(),
  evidence: z.array(EvidenceView),
  version: z.number(),
});
export type ProgressView = z.infer<typeof ProgressView>;

// --- corrective actions ------------------------------------------------------------------------

export const CorrectiveBody = z.strictObject({
  description: Text(2000),
  agencyId: Id,
  dueDate: IsoDate,
});
export type CorrectiveBody = z.infer<typeof CorrectiveBody>;
export const CorrectiveView = z.object({
  id: Id,
  taskId: Id,
  description: z.string(),
  agency: AgencyRef,
  dueDate: IsoDate,
  completedOn: IsoDate.nullable(),
  version: z.number(),
});
export type CorrectiveView = z.infer<typeof CorrectiveView>;

export const TaskView = TaskSummary.extend({
  planName: z.string().nullable(),
  objectiveTitle: z.string().nullable(),
  progress: z.array(ProgressView),
  correctiveActions: z.array(CorrectiveView),
  /** The periods a report may be for, by key, in order. */
  periods: z.array(z.object({ key: z.string(), start: IsoDate, end: IsoDate })),
  can: z.object({ manage: z.boolean(), report: z.boolean(), validate: z.boolean() }),
});
export type TaskView = z.infer<typeof TaskView>;

export const OverdueItem = z.object({
  task: Id,
  title: z.string(),
  agency: z.string(),
  due: IsoDate,
  daysOverdue: z.number(),
});
export type OverdueItem = z.infer<typeof OverdueItem>;
