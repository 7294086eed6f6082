import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { formatPseudonym, type PseudonymPrefix } from '../../core/cases/case-reference.js';
import type { CaseRole } from '../../core/cases/case-records.js';
import { canRecordVerdict, verdictProblems } from '../../core/cases/case-stages.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { canRevealPerson, type CaseGrant, type PersonGrant } from './case-access.js';
import { assertQualifications, caseChanged, parseJson } from './case-record.js';
import {
  casePersonsRepo,
  casesRepo,
  personsRepo,
  referenceCounters,
  type CasePersonRow,
  type PersonRow,
} from './cases.repo.js';
import { presentCasePeople } from './cases.presenters.js';
import type {
  AddCasePerson,
  CasePersonPage,
  CasePersonView,
  HistoricEventBody,
  PersonInput,
  UpdateCasePerson,
  VerdictBody,
} from './cases.schemas.js';
import { assertBirthDate, flagDuplicates, sealIdentity } from './identities.service.js';
import { asCode, asId, asPseudonym, fieldNames } from '../audit/audit-values.js';
import { statisticsSync } from '../statistics/indicators.service.js';

const prefixOf: Record<CaseRole, PseudonymPrefix> = { victim: 'V', suspect: 'S', witness: 'W' };

/** Role columns of a case person before anything is known: empty lists, no facts. */
const emptyRoleColumns = {
  trafficking_status: null,
  status_decided_by: null,
  status_decided_on: null,
  recruitment_method: null,
  means_of_control: '[]',
  exploitation_types: '[]',
  sex_exploitation_types: '[]',
  labour_sector: null,
  age_when_trafficked: null,
  relationship_to_trafficker: null,
  migration_status: null,
  roles_in_process: '[]',
  charges: '[]',
  verdict: null,
  verdict_date: null,
  sentence_months: null,
  sentence_suspended: null,
  fine_amount: null,
  confiscation: null,
  compensation_amount: null,
} satisfies Partial<CasePersonRow>;

/** A new person on record, under a pseudonym of the role's series for the year. */
async function createPerson(uc: UseCase, role: CaseRole, input: PersonInput): Promise<PersonRow> {
  const { tx, actor, today, now, cipher } = uc;
  assertBirthDate(today, input.birthDate);
  const year = Number(today.slice(0, 4));
  const prefix = prefixOf[role];
  const pseudonym = formatPseudonym(
    prefix,
    year,
    await referenceCounters.next(tx, `pseudonym:${prefix}:${year}`),
  );
  const sealed = sealIdentity(cipher, input);
  const row: PersonRow = {
    id: uuidv7(),
    pseudonym,
    ...sealed.columns,
    gender: input.gender ?? null,
    citizenship: JSON.stringify(input.citizenship),
    duplicate_key: sealed.duplicateKey,
    ...creationStamps(actor.userId, now),
  };
  await personsRepo.insert(tx, row);
  await personsRepo.setNameTokens(tx, row.id, sealed.tokens);
  await auditService.record(tx, actor, 'person.created', {
    entityType: 'person',
    entityId: row.id,
    summary: { pseudonym: asPseudonym(pseudonym) },
  });
  return row;
}

function roleColumns(role: CaseRole, input: Pick<AddCasePerson, 'victim' | 'suspect'>) {
  if (input.victim && role !== 'victim') throw invalid('victim', 'not_for_role');
  if (input.suspect && role !== 'suspect') throw invalid('suspect', 'not_for_role');
  const v = input.victim ?? {};
  const s = input.suspect ?? {};
  return {
    ...(v.traffickingStatus !== undefined ? { trafficking_status: v.traffickingStatus } : {}),
    ...(v.statusDecidedBy !== undefined ? { status_decided_by: v.statusDecidedBy } : {}),
    ...(v.statusDecidedOn !== undefined ? { status_decided_on: v.statusDecidedOn } : {}),
    ...(v.recruitmentMethod !== undefined ? { recruitment_method: v.recruitmentMethod } : {}),
    ...(v.meansOfControl !== undefined ? { means_of_control: JSON.stringify(v.meansOfControl) } : {}),
    ...(v.exploitationTypes !== undefined ? { exploitation_types: JSON.stringify(v.exploitationTypes) } : {}),
    ...(v.sexExploitationTypes !== undefined
      ? { sex_exploitation_types: JSON.stringify(v.sexExploitationTypes) }
      : {}),
    ...(v.labourSector !== undefined ? { labour_sector: v.labourSector } : {}),
    ...(v.ageWhenTrafficked !== undefined ? { age_when_trafficked: v.ageWhenTrafficked } : {}),
    ...(v.relationshipToTrafficker !== undefined
      ? { relationship_to_trafficker: v.relationshipToTrafficker }
      : {}),
    ...(v.migrationStatus !== undefined ? { migration_status: v.migrationStatus } : {}),
    ...(s.rolesInProcess !== undefined ? { roles_in_process: JSON.stringify(s.rolesInProcess) } : {}),
    ...(s.charges !== undefined ? { charges: JSON.stringify([...new Set(s.charges)]) } : {}),
  };
}

/** Charges are legal qualifications in force. */
const assertCharges = (uc: UseCase, charges: string[] | undefined) =>
  charges ? assertQualifications(uc.tx, charges, 'suspect.charges') : Promise.resolve();

/**
 * Puts a person into a case in a role; the row as inserted, without reading it back. Not a
 * use case of its own: its callers hold the decision — a grant to work the case's people
 * (`add`), or the approval of a link request by someone who may reveal the person.
 */
export async function attachPerson(
  uc: UseCase,
  caseId: string,
  person: Pick<PersonRow, 'id' | 'pseudonym'>,
  role: CaseRole,
  columns: Partial<CasePersonRow> = {},
): Promise<CasePersonRow> {
  const { tx, actor, now } = uc;
  if (await casePersonsRepo.find(tx, caseId, person.id, role))
    throw new GuiaError('person.already_in_case', { pseudonym: person.pseudonym });
  const row: CasePersonRow = {
    ...emptyRoleColumns,
    ...columns,
    id: uuidv7(),
    case_id: caseId,
    person_id: person.id,
    role,
    ...creationStamps(actor.userId, now),
  };
  await casePersonsRepo.insert(tx, row);
  await caseChanged(uc, caseId, 'case_person.added', {
    casePersonId: asId(row.id),
    pseudonym: asPseudonym(person.pseudonym),
    role,
  });
  return row;
}

/** The people of cases: who is in a case in which role, and the facts of that role. */
export const peopleService = {
  /** One person of a case, with the case's reference: what a referral recipient works from. */
  async page({ tx, cipher }: UseCase, grant: PersonGrant): Promise<CasePersonPage> {
    const row = (await casePersonsRepo.get(tx, grant.casePersonId))!;
    const kase = (await casesRepo.caseRef(tx, grant.caseId))!;
    const [person] = await presentCasePeople(tx, cipher, [row], grant);
    return {
      case: {
        id: kase.id,
        reference: kase.reference,
        leadAgency: { id: kase.leadAgencyId, code: kase.leadAgencyCode },
        readable: grant.caseReadable,
      },
      person: person!,
      via: grant.via,
      can: { ...grant.can },
    };
  },

  /**
   * Adds a new person to the case, or links a person already on record. Linking is for
   * those who can already see the person's identity; anyone else asks through a link
   * request, and an id they cannot see answers exactly as one that does not exist.
   */
  async add(uc: UseCase, grant: CaseGrant, input: AddCasePerson): Promise<CasePersonView> {
    const { tx, actor, cipher } = uc;
    const caseId = grant.caseId;
    if (Boolean(input.personId) === Boolean(input.person))
      throw invalid('person', input.personId ? 'not_with_person_id' : 'required');
    await assertCharges(uc, input.suspect?.charges);
    const columns = roleColumns(input.role, input);
    let person: PersonRow;
    if (input.personId) {
      const existing = await personsRepo.get(tx, input.personId);
      if (!existing || !(await canRevealPerson(tx, actor, existing.id)))
        throw new GuiaError('person.link_requires_request');
      person = existing;
      if (await casePersonsRepo.find(tx, caseId, person.id, input.role))
        throw new GuiaError('person.already_in_case', { pseudonym: person.pseudonym });
    } else {
      person = await createPerson(uc, input.role, input.person!);
    }
    const row = await attachPerson(uc, caseId, person, input.role, columns);
    await flagDuplicates(uc, person);
    const [view] = await presentCasePeople(tx, cipher, [row], grant);
    return view!;
  },

  async update(uc: UseCase, grant: PersonGrant, input: UpdateCasePerson): Promise<void> {
    const { tx, actor, now } = uc;
    const { caseId, casePersonId } = grant;
    const row = (await casePersonsRepo.get(tx, casePersonId))!;
    await assertCharges(uc, input.suspect?.charges);
    const columns = roleColumns(row.role, input);
    await casePersonsRepo.update(tx, row.id, input.version, {
      ...columns,
      ...updateStamps(actor.userId, now),
    });
    if (input.gender !== undefined || input.citizenship !== undefined) {
      await personsRepo.updateFacts(tx, row.person_id, {
        ...(input.gender !== undefined ? { gender: input.gender } : {}),
        ...(input.citizenship !== undefined ? { citizenship: JSON.stringify(input.citizenship) } : {}),
        ...updateStamps(actor.userId, now),
      });
    }
    // The person's sex and citizenship count in every case they are in.
    await statisticsSync.personChanged(tx, row.person_id);
    await auditService.record(tx, actor, 'case_person.updated', {
      entityType: 'case',
      entityId: caseId,
      summary: {
        casePersonId: asId(casePersonId),
        fields: [
          ...fieldNames(columns),
          ...(input.gender !== undefined ? (['gender'] as const) : []),
          ...(input.citizenship !== undefined ? (['citizenship'] as const) : []),
        ],
      },
    });
  },

  async recordVerdict(uc: UseCase, grant: PersonGrant, input: VerdictBody): Promise<void> {
    const { tx, actor, today, now } = uc;
    const { caseId, casePersonId } = grant;
    const kase = (await casesRepo.get(tx, caseId))!;
    const row = (await casePersonsRepo.get(tx, casePersonId))!;
    if (row.role !== 'suspect' || parseJson<string[]>(row.charges).length === 0)
      throw new GuiaError('case.not_a_defendant');
    if (!canRecordVerdict(kase.stage))
      throw new GuiaError('case.verdict_not_allowed_yet', { stage: kase.stage });
    assertNotFuture(today, { verdictDate: input.verdictDate });
    const problems = verdictProblems(input);
    if (problems.length > 0) throw new GuiaError('validation.failed', {}, problems);
    const convicted = input.verdict === 'convicted';
    await casePersonsRepo.update(tx, row.id, input.version, {
      verdict: input.verdict,
      verdict_date: input.verdictDate,
      sentence_months: convicted ? (input.sentenceMonths ?? null) : null,
      sentence_suspended: convicted && input.suspended != null ? (input.suspended ? 1 : 0) : null,
      fine_amount: convicted ? (input.fineAmount ?? null) : null,
      confiscation: input.confiscation ?? null,
      compensation_amount: input.compensationAmount ?? null,
      ...updateStamps(actor.userId, now),
    });
    await caseChanged(uc, caseId, 'case_person.verdict_recorded', {
      casePersonId: asId(casePersonId),
      verdict: input.verdict,
      sentenceMonths: input.sentenceMonths ?? null,
      suspended: input.suspended ?? null,
    });
  },

  async addEvent(uc: UseCase, grant: PersonGrant, input: HistoricEventBody): Promise<void> {
    const { tx, actor, today, now, cipher } = uc;
    const { caseId, casePersonId } = grant;
    assertNotFuture(today, { startDate: input.startDate });
    assertNotBefore('endDate', input.endDate, input.startDate);
    await casePersonsRepo.insertEvent(tx, {
      id: uuidv7(),
      case_person_id: casePersonId,
      type: input.type,
      country: input.country ?? null,
      locality: input.locality ?? null,
      start_date: input.startDate ?? null,
      end_date: input.endDate ?? null,
      note_enc: cipher.encryptOptional(input.note, 'historic_events.note'),
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await caseChanged(uc, caseId, 'historic_event.added', {
      casePersonId: asId(casePersonId),
      type: asCode(input.type),
    });
  },
};
