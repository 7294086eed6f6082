import { uuidv7 } from 'uuidv7';
import { GuiaError } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { auditService } from '../audit/audit.service.js';
import { grantPerson, type CaseGrant } from './case-access.js';
import { casePersonsRepo, linkRequestsRepo, personsRepo } from './cases.repo.js';
import type { LinkRequestBody, LinkRequestView } from './cases.schemas.js';
import { attachPerson } from './people.service.js';
import type { UseCase } from '../use-case.js';
import { asIds, asPseudonym } from '../audit/audit-values.js';

type ViewRow = Awaited<ReturnType<ReturnType<typeof linkRequestsRepo.views>['execute']>>[number];

async function view(db: Executor, id: string): Promise<LinkRequestView> {
  return present((await linkRequestsRepo.view(db, id))!);
}

function present(row: ViewRow): LinkRequestView {
  return {
    id: row.id,
    status: row.status,
    role: row.role,
    source: {
      caseId: row.sourceCaseId,
      reference: row.sourceReference,
      casePersonId: row.sourceCasePersonId,
      pseudonym: row.pseudonym,
    },
    target: {
      caseId: row.targetCaseId,
      reference: row.targetReference,
      leadAgency: { id: row.targetLeadId, code: row.targetLeadCode },
    },
    requestedBy: row.requesterName ? { id: row.requested_by, name: row.requesterName } : null,
    requestedAt: row.requested_at,
    decidedBy: row.deciderId && row.deciderName ? { id: row.deciderId, name: row.deciderName } : null,
    decidedAt: row.decided_at,
    casePersonId: row.case_person_id,
  };
}

/**
 * Linking a person one cannot see into one's own case (docs/access.md): the request names
 * the person by their place in a case the requester can read, and a member of that case
 * who can see the person decides. Nothing about the person's identity crosses until then.
 */
export const linkRequestsService = {
  async request(
    { tx, actor, now }: UseCase,
    grant: CaseGrant,
    input: LinkRequestBody,
  ): Promise<LinkRequestView> {
    const caseId = grant.caseId;
    // The requester must be able to read the person's case; a person elsewhere is not found.
    const source = await grantPerson(tx, actor, null, input.sourceCasePersonId, 'view');
    if (source.caseId === caseId)
      throw new GuiaError('person.already_in_case', { pseudonym: source.pseudonym });
    if (await casePersonsRepo.find(tx, caseId, source.personId, input.role))
      throw new GuiaError('person.already_in_case', { pseudonym: source.pseudonym });
    if (await linkRequestsRepo.pendingFor(tx, source.casePersonId, caseId))
      throw new GuiaError('link_request.pending');
    const id = uuidv7();
    await linkRequestsRepo.insert(tx, {
      id,
      source_case_person_id: source.casePersonId,
      target_case_id: caseId,
      role: input.role,
      status: 'pending',
      requested_by: actor.userId,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      case_person_id: null,
    });
    await auditService.record(tx, actor, 'link_request.created', {
      entityType: 'case',
      entityId: caseId,
      summary: {
        ...asIds({ linkRequestId: id, sourceCaseId: source.caseId }),
        pseudonym: asPseudonym(source.pseudonym),
        role: input.role,
      },
    });
    return view(tx, id);
  },

  /** Requests the actor sent, and those waiting for (or decided by) the cases the actor can reveal people in. */
  async list({ tx, actor }: UseCase): Promise<{ incoming: LinkRequestView[]; outgoing: LinkRequestView[] }> {
    const outgoing = await linkRequestsRepo.sentBy(tx, actor.userId);
    const candidates = await linkRequestsRepo.aboutCasesOf(tx, actor.userId);
    const incoming: LinkRequestView[] = [];
    for (const row of candidates) {
      const grant = await grantPerson(tx, actor, null, row.sourceCasePersonId, 'view').catch(() => null);
      if (grant?.can.reveal) incoming.push(present(row));
    }
    return { incoming, outgoing: outgoing.map(present) };
  },

  async decide(uc: UseCase, requestId: string, decision: 'approve' | 'refuse'): Promise<LinkRequestView> {
    const { tx, actor, now } = uc;
    const request = await linkRequestsRepo.get(tx, requestId);
    // Only someone who can see the person decides; to anyone else the request is not there.
    const source = request
      ? await grantPerson(tx, actor, null, request.source_case_person_id, 'view').catch(() => null)
      : null;
    if (!request || !source?.can.reveal)
      throw new GuiaError('resource.not_found', { entity: 'link_request' });
    if (request.status !== 'pending')
      throw new GuiaError('link_request.not_pending', { status: request.status });
    let casePersonId: string | null = null;
    if (decision === 'approve') {
      const person = (await personsRepo.get(tx, source.personId))!;
      casePersonId = (await attachPerson(uc, request.target_case_id, person, request.role)).id;
    }
    const decided = await linkRequestsRepo.decide(tx, requestId, {
      status: decision === 'approve' ? 'approved' : 'refused',
      decided_by: actor.userId,
      decided_at: now,
      case_person_id: casePersonId,
    });
    if (Number(decided.numUpdatedRows) === 0)
      throw new GuiaError('link_request.not_pending', { status: 'changed' });
    await auditService.record(
      tx,
      actor,
      decision === 'approve' ? 'link_request.approved' : 'link_request.refused',
      {
        entityType: 'case',
        entityId: request.target_case_id,
        summary: {
          ...asIds({ linkRequestId: requestId, sourceCaseId: source.caseId }),
          pseudonym: asPseudonym(source.pseudonym),
        },
      },
    );
    return view(tx, requestId);
  },
};
