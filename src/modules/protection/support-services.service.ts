import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import type { PersonGrant } from '../cases/case-access.js';
import { auditService } from '../audit/audit.service.js';
import { loadReferences, presentService } from './protection.presenters.js';
import { protectionRepo, type ServiceRow } from './protection.repo.js';
import type { ServiceBody, ServiceUpdate, ServiceView } from './protection.schemas.js';
import type { UseCase } from '../use-case.js';
import { recordNotesRead, recordOf, victimOf } from './victim.js';
import { asCode, asIdOrNull, asIds, fieldNames } from '../audit/audit-values.js';
import { statisticsSync } from '../statistics/indicators.service.js';

/**
 * The agency that gives a service: under a referral, the agency that accepted the
 * referral, and no other.
 */
async function providerOf({ tx }: UseCase, casePersonId: string, input: ServiceBody): Promise<string | null> {
  let provider = input.providerAgencyId ?? null;
  if (input.referralId) {
    const referral = await protectionRepo.getReferral(tx, input.referralId);
    if (!referral || referral.case_person_id !== casePersonId) throw invalid('referralId', 'unknown');
    if (referral.status !== 'accepted' && referral.status !== 'completed')
      throw invalid('referralId', 'not_accepted');
    if (provider && provider !== referral.to_agency_id)
      throw invalid('providerAgencyId', 'not_referral_agency');
    provider = referral.to_agency_id;
  }
  if (input.providerAgencyId) await assertActiveAgency(tx, input.providerAgencyId, 'providerAgencyId');
  return provider;
}

/** Services given to a victim (shelter, counselling …), by whichever agency gives them. */
export const supportServicesService = {
  async list(uc: UseCase, grant: PersonGrant): Promise<ServiceView[]> {
    const { tx, cipher } = uc;
    const victim = victimOf(grant);
    const rows = await protectionRepo.services(tx, victim.casePersonId);
    await recordNotesRead(uc, victim, 'services', rows.filter((r) => r.note_enc).length);
    const refs = await loadReferences(tx, { agencies: rows.map((r) => r.provider_agency_id) });
    return rows.map((row) => presentService(row, victim.caseId, refs, cipher));
  },

  async record(uc: UseCase, grant: PersonGrant, input: ServiceBody): Promise<ServiceView> {
    const { tx, actor, today, now, cipher } = uc;
    const victim = victimOf(grant);
    assertNotFuture(today, { startDate: input.startDate, endDate: input.endDate });
    assertNotBefore('endDate', input.endDate, input.startDate);
    const provider = await providerOf(uc, victim.casePersonId, input);
    const row: ServiceRow = {
      id: uuidv7(),
      case_person_id: victim.casePersonId,
      kind: input.kind,
      provider_agency_id: provider,
      referral_id: input.referralId ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      note_enc: cipher.encryptOptional(input.note, 'services.note'),
      ...creationStamps(actor.userId, now),
    };
    await protectionRepo.insertService(tx, row);
    await statisticsSync.casePersonChanged(tx, row.case_person_id);
    await auditService.record(tx, actor, 'service.recorded', {
      entityType: 'service',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: victim.caseId, casePersonId: victim.casePersonId }),
        providerAgencyId: asIdOrNull(provider),
        kind: asCode(input.kind),
        referralId: asIdOrNull(input.referralId ?? null),
      },
    });
    const refs = await loadReferences(tx, { agencies: [provider] });
    return presentService(row, victim.caseId, refs, cipher);
  },

  /** The grant is on the service's victim (the route obtained it from the service). */
  async update(
    { tx, actor, today, now, cipher }: UseCase,
    grant: PersonGrant,
    serviceId: string,
    input: ServiceUpdate,
  ): Promise<ServiceView> {
    const row = recordOf(await protectionRepo.getService(tx, serviceId), grant, 'service');
    assertNotFuture(today, { endDate: input.endDate });
    assertNotBefore('endDate', input.endDate, row.start_date);
    const changes = {
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.note !== undefined ? { note_enc: cipher.encryptOptional(input.note, 'services.note') } : {}),
      ...updateStamps(actor.userId, now),
    };
    // The row read above is the row updated only if it is still the version the writer saw.
    if (row.version !== input.version) throw new GuiaError('resource.stale', { entity: 'service' });
    await protectionRepo.updateService(tx, row.id, input.version, changes);
    // Which fields changed is recorded; a note's words never are.
    await statisticsSync.casePersonChanged(tx, row.case_person_id);
    await auditService.record(tx, actor, 'service.updated', {
      entityType: 'service',
      entityId: row.id,
      summary: {
        ...asIds({ caseId: grant.caseId, casePersonId: row.case_person_id }),
        fields: fieldNames(input, 'version'),
      },
    });
    const updated: ServiceRow = { ...row, ...changes, version: row.version + 1 };
    const refs = await loadReferences(tx, { agencies: [updated.provider_agency_id] });
    return presentService(updated, grant.caseId, refs, cipher);
  },
};
