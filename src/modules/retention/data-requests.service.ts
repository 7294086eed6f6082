import { uuidv7 } from 'uuidv7';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { asIds } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { grantPerson, type PersonAbility, type PersonGrant } from '../cases/case-access.js';
import { casesRepo, personsRepo } from '../cases/cases.repo.js';
import { identitiesService } from '../cases/identities.service.js';
import { victimRef } from '../shared.schemas.js';
import type { UseCase } from '../use-case.js';
import { assertNotErased } from './erased.js';
import { eraseIdentity } from './erasure.service.js';
import { dataRequestsRepo, type DataRequestRow } from './retention.repo.js';
import {
  identityFields,
  type CarryOutBody,
  type DataRequestBody,
  type DataRequestView,
  type IdentityField,
  type RefuseBody,
} from './retention.schemas.js';

// A victim's request to erase or correct their identity: recorded, then refused or carried out.
// Who may: `data_request.manage` reaching the agency that leads the person's case (the one that
// holds the data), and only for a person the actor can see at all (need-to-know,
// docs/access.md): a person of a case one cannot read is not there. A correction changes the
// identity, so carrying it out needs the right to edit it (a member who may reveal); an
// erasure reveals nothing and is carried out by the same function as the retention period.

const notFound = () => new GuiaError('resource.not_found', { entity: 'data_request' });

/** The person as the actor reaches them, refusing unless the actor may handle requests on the case. */
async function reachPerson(
  uc: UseCase,
  caseId: string,
  casePersonId: string,
  ability: PersonAbility = 'view',
): Promise<PersonGrant> {
  const grant = await grantPerson(uc.tx, uc.actor, caseId, casePersonId, ability);
  const kase = (await casesRepo.get(uc.tx, caseId))!;
  if (!can(uc.actor, 'data_request.manage', { agencyIds: [kase.lead_agency_id] }))
    throw new GuiaError('permission.denied', {
      permission: 'data_request.manage',
      entity: 'case',
      entityId: caseId,
    });
  return grant;
}

/** A request the actor may handle; one on a person the actor cannot see is not there. */
async function reachRequest(uc: UseCase, requestId: string, ability: PersonAbility = 'view') {
  const [row] = await dataRequestsRepo.list(uc.tx, { id: requestId, limit: 1 });
  if (!row) throw notFound();
  try {
    return { row, grant: await reachPerson(uc, row.case_id, row.case_person_id, ability) };
  } catch (error) {
    if (error instanceof GuiaError && error.code === 'resource.not_found') throw notFound();
    throw error;
  }
}

function viewOf(row: DataRequestRow): DataRequestView {
  return {
    id: row.id,
    ...victimRef(row),
    kind: row.kind,
    requestedBy: row.requested_by,
    receivedOn: row.received_on,
    fields: JSON.parse(row.fields) as IdentityField[],
    status: row.status,
    refusalReason: row.refusal_reason,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    identityErased: row.erased_at !== null,
    version: row.version,
  };
}

async function viewById(uc: UseCase, id: string): Promise<DataRequestView> {
  const [row] = await dataRequestsRepo.list(uc.tx, { id, limit: 1 });
  return viewOf(row!);
}

function assertOpen(row: DataRequestRow, version: number): void {
  if (row.status !== 'open') throw new GuiaError('data_request.not_open', { status: row.status });
  if (row.version !== version) throw new GuiaError('resource.stale', { entity: 'data_request' });
}

/** Closes a request as decided, and audits the decision. */
async function decide(
  uc: UseCase,
  row: DataRequestRow,
  version: number,
  outcome: { status: 'refused'; reason: RefuseBody['reason'] } | { status: 'carried_out' },
): Promise<DataRequestView> {
  const { tx, actor, now } = uc;
  await dataRequestsRepo.update(tx, row.id, version, {
    status: outcome.status,
    refusal_reason: outcome.status === 'refused' ? outcome.reason : null,
    decided_by: actor.userId,
    decided_at: now,
    ...updateStamps(actor.userId, now),
  });
  const victim = asIds({ caseId: row.case_id, casePersonId: row.case_person_id });
  if (outcome.status === 'refused')
    await auditService.record(tx, actor, 'data_request.refused', {
      entityType: 'data_request',
      entityId: row.id,
      summary: { ...victim, kind: row.kind, reason: outcome.reason },
    });
  else
    await auditService.record(tx, actor, 'data_request.carried_out', {
      entityType: 'data_request',
      entityId: row.id,
      summary: { ...victim, kind: row.kind },
    });
  return viewById(uc, row.id);
}

export const dataRequestsService = {
  async list(uc: UseCase, filter: { status?: DataRequestView['status']; limit: number }) {
    const scope = uc.actor.grants['data_request.manage'];
    const rows = await dataRequestsRepo.list(uc.tx, {
      ...filter,
      ...(scope === 'all' ? {} : { leadAgencyId: uc.actor.agencyId }),
    });
    // Narrowed by the person's visibility too: a request on someone one cannot see is not listed.
    const visible = [];
    for (const row of rows) {
      const grant = await grantPerson(uc.tx, uc.actor, row.case_id, row.case_person_id, 'view').catch(
        () => null,
      );
      if (grant) visible.push(viewOf(row));
    }
    return { items: visible };
  },

  async record(
    uc: UseCase,
    caseId: string,
    casePersonId: string,
    input: DataRequestBody,
  ): Promise<DataRequestView> {
    const { tx, actor, today, now } = uc;
    const grant = await reachPerson(uc, caseId, casePersonId);
    assertNotFuture(today, { receivedOn: input.receivedOn });
    if (input.kind === 'correction' && !input.fields) throw invalid('fields', 'required');
    const person = (await personsRepo.get(tx, grant.personId))!;
    await assertNotErased(tx, person);
    const fields = input.kind === 'erasure' ? [...identityFields] : [...new Set(input.fields)];
    const id = uuidv7();
    await dataRequestsRepo.insert(tx, {
      id,
      person_id: person.id,
      case_id: caseId,
      case_person_id: casePersonId,
      kind: input.kind,
      requested_by: input.requestedBy,
      received_on: input.receivedOn,
      fields: JSON.stringify(fields),
      status: 'open',
      refusal_reason: null,
      decided_by: null,
      decided_at: null,
      ...creationStamps(actor.userId, now),
    });
    await auditService.record(tx, actor, 'data_request.recorded', {
      entityType: 'data_request',
      entityId: id,
      summary: {
        ...asIds({ caseId, casePersonId }),
        kind: input.kind,
        requestedBy: input.requestedBy,
        fields,
      },
    });
    return viewById(uc, id);
  },

  async refuse(uc: UseCase, requestId: string, input: RefuseBody): Promise<DataRequestView> {
    const { row } = await reachRequest(uc, requestId);
    assertOpen(row, input.version);
    return decide(uc, row, input.version, { status: 'refused', reason: input.reason });
  },

  /**
   * Carries an open request out: an erasure through the one erase function; a correction
   * through the identity editor, limited to the fields the person asked to correct.
   */
  async carryOut(uc: UseCase, requestId: string, input: CarryOutBody): Promise<DataRequestView> {
    const { row } = await reachRequest(uc, requestId);
    assertOpen(row, input.version);
    if (row.kind === 'erasure') {
      if (input.identity) throw invalid('identity', 'unknown_field');
      await eraseIdentity(uc.tx, uc, row.person_id, { reason: 'request', requestId: row.id });
    } else {
      const grant = await reachPerson(uc, row.case_id, row.case_person_id, 'editIdentity');
      if (!input.identity || Object.keys(input.identity).length === 0) throw invalid('identity', 'required');
      const asked = new Set(JSON.parse(row.fields) as string[]);
      const extra = Object.keys(input.identity).find((field) => !asked.has(field));
      if (extra) throw invalid(`identity.${extra}`, 'not_requested');
      const person = (await personsRepo.get(uc.tx, row.person_id))!;
      await assertNotErased(uc.tx, person);
      await identitiesService.updateIdentity(uc, grant, { ...input.identity, version: person.version });
    }
    return decide(uc, row, input.version, { status: 'carried_out' });
  },
};
