import type { Dimension } from '../../core/screening/indicator-catalogue.js';
import type { DimensionResult } from '../../core/screening/screening-rule.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { References } from '../access/references.js';
import { victimRef } from '../shared.schemas.js';
import {
  type ConsentRow,
  type InboxRow,
  type ReferralRow,
  type ScreeningRow,
  type ServiceRow,
  type SupportPlanRow,
} from './protection.repo.js';
import type {
  ConsentView,
  ReferralInboxItem,
  ReferralView,
  ScreeningView,
  ServiceView,
  SupportPlanView,
} from './protection.schemas.js';

// Rows become views here, and only here: sealed columns are opened with the cipher, and
// user and agency ids become names and codes through one batched loader (access/references.ts).

export { loadReferences, type References } from '../access/references.js';

/** JSON columns hold what this module wrote into them, in the shape it wrote. */
const parseJson = <T>(json: string): T => JSON.parse(json) as T;

export function presentScreening(
  row: ScreeningRow,
  caseId: string,
  refs: References,
  cipher: FieldCipher,
): ScreeningView {
  const answers = parseJson<ScreeningView['answers']>(row.answers);
  return {
    id: row.id,
    caseId,
    casePersonId: row.case_person_id,
    catalogueVersion: row.catalogue_version,
    list: row.list_id,
    child: row.child === 1,
    screenedOn: row.screened_on,
    answers,
    result: {
      status: row.status,
      presumedVictim: row.presumed_victim === null ? null : row.presumed_victim === 1,
      positiveDimensions: parseJson<Dimension[]>(row.positive_dimensions),
      dimensions: parseJson<Record<Dimension, DimensionResult>>(row.dimension_counts),
      unanswered: Object.values(answers).filter((a) => a === 'unanswered').length,
    },
    notes: cipher.decryptOptional(row.notes_enc, 'screenings.notes'),
    interviewLanguage: row.interview_language,
    interpreter: row.interpreter === null ? null : row.interpreter === 1,
    screenedBy: refs.user(row.created_by),
    recordedAt: row.created_at,
  };
}

export function presentConsent(
  row: ConsentRow,
  caseId: string,
  refs: References,
  cipher: FieldCipher,
): ConsentView {
  return {
    id: row.id,
    caseId,
    casePersonId: row.case_person_id,
    purpose: row.purpose,
    informedOf: parseJson<string[]>(row.informed_of),
    givenOn: row.given_on,
    withdrawnOn: row.withdrawn_on,
    active: row.withdrawn_on === null,
    note: cipher.decryptOptional(row.note_enc, 'consents.note'),
    recordedBy: refs.user(row.created_by),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The users and agencies a referral names, for loadReferences. */
export const referralReferences = (rows: ReferralRow[]) => ({
  users: rows.flatMap((r) => [r.created_by, r.responded_by, r.assigned_to]),
  agencies: rows.flatMap((r) => [r.from_agency_id, r.to_agency_id]),
});

export function presentReferral(
  row: ReferralRow,
  caseId: string,
  refs: References,
  cipher: FieldCipher,
): ReferralView {
  return {
    id: row.id,
    caseId,
    casePersonId: row.case_person_id,
    // Both agencies exist: the foreign keys say so.
    fromAgency: refs.agency(row.from_agency_id)!,
    toAgency: refs.agency(row.to_agency_id)!,
    serviceKind: row.service_kind,
    reason: row.reason,
    details: cipher.decryptOptional(row.details_enc, 'referrals.details'),
    status: row.status,
    sentOn: row.sent_on,
    sentBy: refs.user(row.created_by),
    respondedOn: row.responded_on,
    respondedBy: refs.user(row.responded_by),
    declineReason: cipher.decryptOptional(row.decline_reason_enc, 'referrals.decline_reason'),
    completedOn: row.completed_on,
    sentWithoutConsent: row.consent_override_reason_enc !== null,
    consentOverrideReason: cipher.decryptOptional(
      row.consent_override_reason_enc,
      'referrals.consent_override_reason',
    ),
    assignedTo: refs.user(row.assigned_to),
    assignedAt: row.assigned_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentInboxItem(row: InboxRow, cipher: FieldCipher): ReferralInboxItem {
  return {
    id: row.id,
    ...victimRef(row),
    fromAgency: { id: row.from_agency_id, code: row.from_agency_code },
    serviceKind: row.service_kind,
    reason: row.reason,
    details: cipher.decryptOptional(row.details_enc, 'referrals.details'),
    status: row.status,
    sentOn: row.sent_on,
    respondedOn: row.responded_on,
    completedOn: row.completed_on,
    sentWithoutConsent: row.consent_override_reason_enc !== null,
    assignedTo:
      row.assigned_to && row.assigned_to_name ? { id: row.assigned_to, name: row.assigned_to_name } : null,
    assignedAt: row.assigned_at,
    version: row.version,
  };
}

export function presentService(
  row: ServiceRow,
  caseId: string,
  refs: References,
  cipher: FieldCipher,
): ServiceView {
  return {
    id: row.id,
    caseId,
    casePersonId: row.case_person_id,
    kind: row.kind,
    providerAgency: refs.agency(row.provider_agency_id),
    referralId: row.referral_id,
    startDate: row.start_date,
    endDate: row.end_date,
    note: cipher.decryptOptional(row.note_enc, 'services.note'),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentPlan(row: SupportPlanRow, caseId: string, cipher: FieldCipher): SupportPlanView {
  return {
    id: row.id,
    caseId,
    casePersonId: row.case_person_id,
    type: row.type,
    objectives: cipher.decrypt(row.objectives_enc, 'support_plans.objectives'),
    startDate: row.start_date,
    plannedEndDate: row.planned_end_date,
    actualEndDate: row.actual_end_date,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
