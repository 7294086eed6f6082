import { uuidv7 } from 'uuidv7';
import { creationStamps, givenColumns, updateStamps } from '../../db/versioned.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { loadReferences } from '../access/references.js';
import { asCode, asId, fieldNames } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { grantCase } from '../cases/case-access.js';
import { taskSummaries } from '../coordination/tasks.service.js';
import type { UseCase } from '../use-case.js';
import { cooperationRepo, type ExchangeRow } from './cooperation.repo.js';
import {
  exchangeFacts,
  type ExchangeBody,
  type ExchangeQuery,
  type ExchangeUpdate,
  type ExchangeView,
} from './cooperation.schemas.js';

// Need-to-know reaches the cooperation log: linking a case needs the right to read it (the
// one access model, grantCase), and a reader who may not read a linked case learns only that
// a case is linked — not its id, not its reference.

/** Which of these cases the actor may read, decided case by case by the access policy. */
async function readableCases(db: Executor, actor: Actor, caseIds: readonly string[]): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const caseId of new Set(caseIds)) {
    try {
      await grantCase(db, actor, caseId, 'read');
      readable.add(caseId);
    } catch (error) {
      if (!(error instanceof GuiaError)) throw error;
    }
  }
  return readable;
}

/** Refuses the link of a case the actor cannot read, and of one that does not exist, alike. */
async function assertLinkable(db: Executor, actor: Actor, caseIds: readonly string[]): Promise<void> {
  const readable = await readableCases(db, actor, caseIds);
  const refused = caseIds.find((id) => !readable.has(id));
  if (refused)
    throw new GuiaError('permission.denied', { permission: 'case.read', entity: 'case', entityId: refused });
}

async function assertTasksExist(db: Executor, today: string, taskIds: readonly string[]): Promise<void> {
  const found = new Set((await taskSummaries(db, today, { ids: [...taskIds] })).map((t) => t.id));
  taskIds.forEach((id, i) => {
    if (!found.has(id)) throw invalid(`taskIds.${i}`, 'unknown');
  });
}

function assertMayWrite(actor: Actor, agencyId: string): void {
  if (!can(actor, 'cooperation.write', { agencyIds: [agencyId] }))
    throw new GuiaError('permission.denied', {
      permission: 'cooperation.write',
      entity: 'agency',
      entityId: agencyId,
    });
}

async function present(
  db: Executor,
  actor: Actor,
  today: string,
  rows: ExchangeRow[],
): Promise<ExchangeView[]> {
  const ids = rows.map((r) => r.id);
  const [links, taskLinks, refs] = await Promise.all([
    cooperationRepo.linkedCases(db, ids),
    cooperationRepo.linkedTasks(db, ids),
    loadReferences(db, { agencies: rows.map((r) => r.agency_id) }),
  ]);
  const readable = await readableCases(
    db,
    actor,
    links.map((l) => l.case_id),
  );
  const taskIds = [...new Set(taskLinks.map((t) => t.task_id))];
  const tasks = new Map(
    (taskIds.length ? await taskSummaries(db, today, { ids: taskIds }) : []).map((t) => [t.id, t]),
  );
  return rows.map((row) => ({
    id: row.id,
    agency: refs.agency(row.agency_id) ?? { id: row.agency_id, code: '?' },
    kind: row.kind as ExchangeView['kind'],
    counterpartKind: row.counterpart_kind as ExchangeView['counterpartKind'],
    counterpart: row.counterpart,
    country: row.country,
    subject: row.subject,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    outcome: row.outcome,
    cases: links
      .filter((l) => l.exchange_id === row.id)
      .map((l) =>
        readable.has(l.case_id)
          ? { readable: true, id: l.case_id, reference: l.reference }
          : { readable: false, id: null, reference: null },
      ),
    tasks: taskLinks
      .filter((t) => t.exchange_id === row.id)
      .flatMap((t) => {
        const task = tasks.get(t.task_id);
        return task ? [{ id: task.id, title: task.title, dueDate: task.dueDate }] : [];
      }),
    version: row.version,
    canEdit: can(actor, 'cooperation.write', { agencyIds: [row.agency_id] }),
  }));
}

async function exchangeOrNotFound(db: Executor, id: string): Promise<ExchangeRow> {
  const row = await cooperationRepo.get(db, id);
  if (!row) throw new GuiaError('resource.not_found', { entity: 'cooperation_exchange' });
  return row;
}

async function auditLinks(uc: UseCase, exchangeId: string, caseIds: readonly string[]): Promise<void> {
  for (const caseId of caseIds)
    await auditService.record(uc.tx, uc.actor, 'cooperation.case_linked', {
      entityType: 'cooperation_exchange',
      entityId: exchangeId,
      summary: { caseId: asId(caseId) },
    });
}

export const cooperationService = {
  async list(uc: UseCase, query: ExchangeQuery): Promise<ExchangeView[]> {
    return present(uc.tx, uc.actor, uc.today, await cooperationRepo.list(uc.tx, query));
  },

  async get(uc: UseCase, id: string): Promise<ExchangeView> {
    const row = await exchangeOrNotFound(uc.tx, id);
    return (await present(uc.tx, uc.actor, uc.today, [row]))[0]!;
  },

  async record(uc: UseCase, input: ExchangeBody): Promise<ExchangeView> {
    const { tx, actor, today, now } = uc;
    const agencyId = input.agencyId ?? actor.agencyId;
    assertMayWrite(actor, agencyId);
    // An id that names no agency is the caller's mistake, not a refused foreign key (a 500;
    // found by fuzzing).
    if (!(await loadReferences(tx, { agencies: [agencyId] })).agency(agencyId))
      throw invalid('agencyId', 'unknown');
    assertNotFuture(today, { startedOn: input.startedOn });
    assertNotBefore('endedOn', input.endedOn, input.startedOn);
    const caseIds = [...new Set(input.caseIds)];
    const taskIds = [...new Set(input.taskIds)];
    await assertLinkable(tx, actor, caseIds);
    await assertTasksExist(tx, today, taskIds);
    const row: ExchangeRow = {
      id: uuidv7(),
      agency_id: agencyId,
      kind: input.kind,
      counterpart_kind: input.counterpartKind,
      counterpart: input.counterpart,
      country: input.country ?? null,
      subject: input.subject,
      started_on: input.startedOn,
      ended_on: input.endedOn ?? null,
      outcome: input.outcome ?? null,
      ...creationStamps(actor.userId, now),
    };
    await cooperationRepo.insert(tx, row);
    await cooperationRepo.linkCases(tx, row.id, caseIds, actor.userId, now);
    await cooperationRepo.replaceTasks(tx, row.id, taskIds);
    await auditService.record(tx, actor, 'cooperation.recorded', {
      entityType: 'cooperation_exchange',
      entityId: row.id,
      summary: {
        agencyId: asId(agencyId),
        kind: asCode(input.kind),
        counterpartKind: asCode(input.counterpartKind),
        cases: caseIds.length,
        tasks: taskIds.length,
      },
    });
    await auditLinks(uc, row.id, caseIds);
    return (await present(tx, actor, today, [row]))[0]!;
  },

  async update(uc: UseCase, id: string, input: ExchangeUpdate): Promise<ExchangeView> {
    const { tx, actor, today, now } = uc;
    const row = await exchangeOrNotFound(tx, id);
    assertMayWrite(actor, row.agency_id);
    const startedOn = input.startedOn ?? row.started_on;
    const endedOn = input.endedOn === undefined ? row.ended_on : input.endedOn;
    assertNotFuture(today, { startedOn: input.startedOn });
    assertNotBefore('endedOn', endedOn, startedOn);
    let added: string[] = [];
    if (input.caseIds) {
      const linked = (await cooperationRepo.linkedCases(tx, [id])).map((l) => l.case_id);
      const wanted = new Set(input.caseIds);
      // Only links the writer can see are theirs to remove; others stay as they are.
      const visible = await readableCases(tx, actor, linked);
      added = [...wanted].filter((caseId) => !linked.includes(caseId));
      await assertLinkable(tx, actor, added);
      await cooperationRepo.unlinkCases(
        tx,
        id,
        [...visible].filter((caseId) => !wanted.has(caseId)),
      );
      await cooperationRepo.linkCases(tx, id, added, actor.userId, now);
    }
    if (input.taskIds) {
      const taskIds = [...new Set(input.taskIds)];
      await assertTasksExist(tx, today, taskIds);
      await cooperationRepo.replaceTasks(tx, id, taskIds);
    }
    const changes = {
      ...givenColumns(input, exchangeFacts),
      ...updateStamps(actor.userId, now),
    };
    await cooperationRepo.update(tx, id, input.version, changes);
    await auditService.record(tx, actor, 'cooperation.updated', {
      entityType: 'cooperation_exchange',
      entityId: id,
      summary: { fields: fieldNames(input, 'version') },
    });
    await auditLinks(uc, id, added);
    return (await present(tx, actor, today, [{ ...row, ...changes, version: input.version + 1 }]))[0]!;
  },
};
