import { uuidv7 } from 'uuidv7';
import { creationStamps, givenColumns, updateStamps } from '../../db/versioned.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { asId, asIdOrNull } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import type { TaskBody, TaskSummary } from './plan.schemas.js';
import { meetingsRepo, type DecisionRow } from './meetings.repo.js';
import { presentDecisions } from './meetings.presenters.js';
import type { DecisionBody, DecisionUpdate, DecisionView } from './meetings.schemas.js';
import { checkUsers, meetingOrNotFound } from './meetings.service.js';
import { createTask } from './tasks.service.js';

// A meeting's decisions: numbered in their meeting, assigned to a person or an agency (they
// are then in that work queue), closed when done or dropped, and turned into tasks of the
// action plan. The secretariat (`meeting.manage`) writes them; an assignee may close or
// reopen their own decision, and nothing else.

async function checkAgency(db: Executor, agencyId: string | null | undefined): Promise<void> {
  if (agencyId && !(await meetingsRepo.agencyExists(db, agencyId)))
    throw invalid('assigneeAgencyId', 'unknown');
}

async function decisionOrNotFound(db: Executor, id: string): Promise<DecisionRow> {
  const row = await meetingsRepo.decision(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'decision' });
  return row;
}

const isAssignee = (actor: Actor, row: DecisionRow) =>
  row.assignee_user_id === actor.userId || row.assignee_agency_id === actor.agencyId;

/** What an update may touch: everything for `meeting.manage`, the status for an assignee. */
function assertMayUpdate(actor: Actor, row: DecisionRow, input: DecisionUpdate): void {
  if (can(actor, 'meeting.manage')) return;
  const onlyStatus = Object.keys(input).every((key) => key === 'status' || key === 'version');
  if (!isAssignee(actor, row) || !onlyStatus)
    throw new GuiaError('permission.denied', {
      permission: 'meeting.manage',
      entity: 'decision',
      entityId: row.id,
    });
}

const present = async (db: Executor, today: string, row: DecisionRow) =>
  (await presentDecisions(db, today, [row]))[0]!;

export const decisionsService = {
  async record(
    { tx, actor, today, now }: UseCase,
    meetingId: string,
    input: DecisionBody,
  ): Promise<DecisionView> {
    await meetingOrNotFound(tx, meetingId);
    if (input.assigneeUserId) await checkUsers(tx, 'assigneeUserId', [input.assigneeUserId]);
    await checkAgency(tx, input.assigneeAgencyId);
    const row: DecisionRow = {
      id: uuidv7(),
      meeting_id: meetingId,
      number: await meetingsRepo.nextNumber(tx, meetingId),
      text: input.text,
      assignee_user_id: input.assigneeUserId ?? null,
      assignee_agency_id: input.assigneeAgencyId ?? null,
      due_on: input.dueOn ?? null,
      status: 'open',
      closed_on: null,
      ...creationStamps(actor.userId, now),
    };
    await meetingsRepo.insertDecision(tx, row);
    await auditService.record(tx, actor, 'decision.recorded', {
      entityType: 'decision',
      entityId: row.id,
      summary: {
        meetingId: asId(meetingId),
        number: row.number,
        assigneeUserId: asIdOrNull(row.assignee_user_id),
        assigneeAgencyId: asIdOrNull(row.assignee_agency_id),
      },
    });
    return present(tx, today, row);
  },

  async update({ tx, actor, today, now }: UseCase, id: string, input: DecisionUpdate): Promise<DecisionView> {
    const row = await decisionOrNotFound(tx, id);
    assertMayUpdate(actor, row, input);
    if (input.assigneeUserId) await checkUsers(tx, 'assigneeUserId', [input.assigneeUserId]);
    await checkAgency(tx, input.assigneeAgencyId);
    const status = input.status ?? row.status;
    const changes = {
      ...givenColumns(input, ['text', 'assigneeUserId', 'assigneeAgencyId', 'dueOn']),
      ...(input.status !== undefined && input.status !== row.status
        ? { status, closed_on: status === 'open' ? null : today }
        : {}),
      ...updateStamps(actor.userId, now),
    };
    await meetingsRepo.updateDecision(tx, id, input.version, changes);
    await auditService.record(tx, actor, 'decision.updated', {
      entityType: 'decision',
      entityId: id,
      summary: {
        meetingId: asId(row.meeting_id),
        status,
        fields: (['text', 'assigneeUserId', 'assigneeAgencyId', 'dueOn', 'status'] as const).filter(
          (f) => input[f] !== undefined,
        ),
      },
    });
    return present(tx, today, { ...row, ...changes, version: input.version + 1 });
  },

  /** Makes a task of the action plan from the decision (tasks.service.ts decides its shape). */
  async createTask(uc: UseCase, id: string, input: TaskBody): Promise<TaskSummary> {
    const row = await decisionOrNotFound(uc.tx, id);
    if (row.status !== 'open') throw invalid('decisionId', 'decision_closed');
    const task = await createTask(uc, {
      ...input,
      supportingAgencyIds: input.supportingAgencyIds ?? [],
      decisionId: row.id,
    });
    await auditService.record(uc.tx, uc.actor, 'decision.task_created', {
      entityType: 'decision',
      entityId: row.id,
      summary: { meetingId: asId(row.meeting_id), taskId: asId(task.id) },
    });
    return task;
  },
};
