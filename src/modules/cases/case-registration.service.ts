import { uuidv7 } from 'uuidv7';
import { creationStamps, givenColumns } from '../../db/versioned.js';
import { defaultReferencePattern, formatCaseReference } from '../../core/cases/case-reference.js';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo } from '../access/access.repo.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import { changedFields } from '../audit/changed-fields.js';
import type { UseCase } from '../use-case.js';
import { creatorGrant, type CaseGrant } from './case-access.js';
import { assertQualifications, caseChanged, existingCase, touchCase } from './case-record.js';
import { casesRepo, referenceCounters } from './cases.repo.js';
import type { CaseCreate, CaseUpdate } from './cases.schemas.js';
import { asCaseReference, asCode, asCodes, asCodesJson, asIsoDate } from '../audit/audit-values.js';

/** The next reference in the lead agency's sequence, in the agency's pattern. */
async function nextReference(
  tx: Executor,
  lead: { code: string; case_reference_pattern: string | null },
  registrationDate: string,
): Promise<string> {
  const year = Number(registrationDate.slice(0, 4));
  const pattern = lead.case_reference_pattern ?? defaultReferencePattern;
  // A pattern with a year restarts its sequence every year; one without never does.
  const perYear = /\{YY(YY)?\}/.test(pattern);
  const seq = await referenceCounters.next(tx, perYear ? `case:${lead.code}:${year}` : `case:${lead.code}`);
  return formatCaseReference(pattern, { agency: lead.code, year, seq });
}

/** Registering a case and correcting its facts. */
export const caseRegistrationService = {
  /** Registers a case; the registering user is its first member, and the grant returned is theirs. */
  async create(uc: UseCase, input: CaseCreate): Promise<CaseGrant> {
    const { tx, actor, today, now, cipher } = uc;
    const leadAgencyId = input.leadAgencyId ?? actor.agencyId;
    await assertActiveAgency(tx, leadAgencyId, 'leadAgencyId');
    const lead = (await agenciesRepo.get(tx, leadAgencyId))!;
    const registrationDate = input.registrationDate ?? today;
    assertNotFuture(today, { factsDate: input.factsDate, reportDate: input.reportDate, registrationDate });
    if (input.factsDate && input.factsDate > input.reportDate)
      throw invalid('factsDate', 'after_report_date');
    if (input.reportDate > registrationDate) throw invalid('reportDate', 'after_registration_date');
    await assertQualifications(tx, input.qualifications, 'qualifications');
    for (const [i, id] of input.participatingAgencyIds.entries())
      await assertActiveAgency(tx, id, `participatingAgencyIds.${i}`);

    const reference = await nextReference(tx, lead, registrationDate);
    const id = uuidv7();
    await casesRepo.insert(tx, {
      id,
      reference,
      lead_agency_id: lead.id,
      origin: input.origin,
      facts_date: input.factsDate ?? null,
      report_date: input.reportDate,
      registration_date: registrationDate,
      places: JSON.stringify(input.places),
      exploitation_types: JSON.stringify(input.exploitationTypes),
      sectors: JSON.stringify(input.sectors),
      stage: 'reported',
      stage_changed_at: now,
      summary_enc: cipher.encryptOptional(input.summary, 'cases.summary'),
      ...creationStamps(actor.userId, now),
    });
    await casesRepo.setExploitationTypes(tx, id, input.exploitationTypes);
    // Agencies named at registration take part on purpose: they stay without members.
    for (const agencyId of input.participatingAgencyIds.filter((a) => a !== lead.id))
      await casesRepo.addAgency(tx, id, agencyId, now, true);
    // Whoever registers a case works on it: they are its first member.
    await casesRepo.addMember(tx, id, actor.userId, actor.userId, now);
    for (const code of new Set(input.qualifications)) {
      await casesRepo.insertQualification(tx, {
        id: uuidv7(),
        case_id: id,
        code,
        stage: 'reported',
        added_at: now,
        added_by: actor.userId,
        removed_at: null,
        removed_by: null,
        removed_stage: null,
        note_enc: null,
      });
    }
    await casesRepo.insertTransition(tx, {
      id: uuidv7(),
      case_id: id,
      from_stage: null,
      to_stage: 'reported',
      decided_on: input.reportDate,
      decided_by_agency_id: lead.id,
      authority: null,
      note_enc: null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await caseChanged(uc, id, 'case.created', {
      reference: asCaseReference(reference),
      leadAgency: asCode(lead.code),
      origin: asCode(input.origin),
      qualifications: asCodes(input.qualifications),
    });
    return creatorGrant(actor, id, lead.id);
  },

  async update(uc: UseCase, grant: CaseGrant, input: CaseUpdate): Promise<void> {
    const { tx, today, cipher } = uc;
    const id = grant.caseId;
    // Who may not read the summary may not overwrite it unseen either.
    if (input.summary !== undefined && !grant.can.readText)
      throw new GuiaError('permission.denied', { permission: 'case.readText', entity: 'case', entityId: id });
    const kase = await existingCase(tx, id);
    assertNotFuture(today, { factsDate: input.factsDate, reportDate: input.reportDate });
    const changes = {
      ...givenColumns(input, ['origin', 'factsDate', 'reportDate']),
      ...(input.places !== undefined ? { places: JSON.stringify(input.places) } : {}),
      ...(input.exploitationTypes !== undefined
        ? { exploitation_types: JSON.stringify(input.exploitationTypes) }
        : {}),
      ...(input.sectors !== undefined ? { sectors: JSON.stringify(input.sectors) } : {}),
      ...(input.summary !== undefined
        ? { summary_enc: cipher.encryptOptional(input.summary, 'cases.summary') }
        : {}),
    };
    await touchCase(uc, kase, input.version, changes);
    if (input.exploitationTypes !== undefined)
      await casesRepo.setExploitationTypes(tx, id, input.exploitationTypes);
    // The summary is free text about people, and a place's locality is free text too: their
    // change is recorded, their content is not.
    const summary = changedFields(kase, changes, {
      origin: asCode,
      facts_date: asIsoDate,
      report_date: asIsoDate,
      places: 'hidden',
      exploitation_types: asCodesJson,
      sectors: asCodesJson,
      summary_enc: 'hidden',
    });
    await caseChanged(uc, id, 'case.updated', summary);
  },
};
