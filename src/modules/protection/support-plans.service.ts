import { uuidv7 } from 'uuidv7';
import { creationStamps, givenColumns, updateStamps } from '../../db/versioned.js';
import { GuiaError } from '../../core/errors.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import type { PersonGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import { presentPlan } from './protection.presenters.js';
import { protectionRepo, type SupportPlanRow } from './protection.repo.js';
import type { SupportPlanBody, SupportPlanUpdate, SupportPlanView } from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { recordNotesRead, recordOf, victimOf } from './victim.js';
import { asCode, asIds, fieldNames } from '../audit/audit-values.js';

/** A victim's support plans (HTCDS spl_): a type, sealed objectives and their dates. */
export const supportPlansService = {
  async list(uc: UseCase, grant: PersonGrant): Promise<SupportPlanView[]> {
    const { tx, cipher } = uc;
    const victim = victimOf(grant);
    const rows = await protectionRepo.plans(tx, victim.casePersonId);
    await recordNotesRead(uc, victim, 'support_plans', rows.length);
    return rows.map((row) => presentPlan(row, victim.caseId, cipher));
  },

  async create(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    input: SupportPlanBody,
  ): Promise<SupportPlanView> {
    const victim = victimOf(grant);
    // A plan is recorded once agreed with the person: it has started by then.
    assertNotFuture(today, { startDate: input.startDate });
    assertNotBefore('plannedEndDate', input.plannedEndDate, input.startDate);
    const row: SupportPlanRow = {
      id: uuidv7(),
      case_person_id: victim.casePersonId,
      type: input.type,
      objectives_enc: cipher.encrypt(input.objectives, 'support_plans.objectives'),
      start_date: input.startDate,
      planned_end_date: input.plannedEndDate ?? null,
      actual_end_date: null,
      ...creationStamps(actor.userId, now),
    };
    await protectionRepo.insertPlan(tx, row);
    await auditService.record(tx, actor, 'support_plan.created', {
      entityType: 'support_plan',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId }),
        type: asCode(input.type),
      },
    });
    return presentPlan(row, victim.caseId, cipher);
  },

  /** The grant is on the plan's victim (the route obtained it from the plan). */
  async update(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    planId: string,
    input: SupportPlanUpdate,
  ): Promise<SupportPlanView> {
    const row = recordOf(await protectionRepo.getPlan(tx, planId), grant, 'support_plan');
    assertNotFuture(today, { actualEndDate: input.actualEndDate });
    assertNotBefore('plannedEndDate', input.plannedEndDate, row.start_date);
    assertNotBefore('actualEndDate', input.actualEndDate, row.start_date);
    const changes = {
      ...(input.objectives !== undefined
        ? { objectives_enc: cipher.encrypt(input.objectives, 'support_plans.objectives') }
        : {}),
      ...givenColumns(input, ['plannedEndDate', 'actualEndDate']),
      ...updateStamps(actor.userId, now),
    };
    // The row read above is the row updated only if it is still the version the writer saw.
    if (row.version !== input.version) throw new GuiaError('resource.stale', { entity: 'support_plan' });
    await protectionRepo.updatePlan(tx, row.id, input.version, changes);
    await auditService.record(tx, actor, 'support_plan.updated', {
      entityType: 'support_plan',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: grant.caseId, casePersonId: row.case_person_id }),
        fields: fieldNames(input, 'version'),
      },
    });
    return presentPlan({ ...row, ...changes, version: row.version + 1 }, grant.caseId, cipher);
  },
};
