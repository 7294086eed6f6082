import { uuidv7 } from 'uuidv7';
import { formatPseudonym, type PseudonymPrefix } from '../../core/cases/case-reference.js';
import type { CaseRole } from '../../core/cases/case-records.js';
import { canRecordVerdict, verdictProblems, type CaseStage } from '../../core/cases/case-stages.js';
import { duplicateKeyMaterial, nameTokens } from '../../core/cases/person-names.js';
import { assertNotBefore, assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { canRevealPerson, grantPerson, type CaseGrant, type PersonGrant } from './case-access.js';
import { auditService } from '../audit/audit.service.js';
import {
  casePersonsRepo,
  casesRepo,
  legalQualificationsRepo,
  personsRepo,
  referenceCounters,
  duplicateFlagsRepo,
  type CasePersonRow,
  type PersonRow,
} from './cases.repo.js';
import type {
  AddCasePerson,
  CasePersonPage,
  CasePersonView,
  PersonView,
  RevealPurpose,
  HistoricEventBody,
  IdentityInput,
  IdentityView,
  PersonInput,
  UpdateCasePerson,
  UpdateIdentity,
  VerdictBody,
} from './cases.schemas.js';

const prefixOf: Record<CaseRole, PseudonymPrefix> = { victim: 'V', suspect: 'S', witness: 'W' };
const parse = <T>(json: string): T => JSON.parse(json) as T;

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

// Identity fields and the columns that hold them sealed. The column name is bound into
// each ciphertext, so a value cannot be moved from one column to another.
const identityColumns = {
  givenNames: 'given_names_enc',
  familyName: 'family_name_enc',
  identityNumber: 'identity_number_enc',
  birthDate: 'birth_date_enc',
  contacts: 'contacts_enc',
  address: 'address_enc',
  notes: 'notes_enc',
} as const satisfies Record<keyof IdentityInput, keyof PersonRow>;
type IdentityField = keyof typeof identityColumns;

export function createPeopleService(cipher: FieldCipher) {
  const seal = (value: string | null | undefined, column: string) =>
    value ? cipher.encrypt(value, `persons.${column}`) : null;
  const open = (value: string | null, column: string) =>
    value ? cipher.decrypt(value, `persons.${column}`) : null;

  function identityOf(person: PersonRow): Record<IdentityField, string | null> {
    return Object.fromEntries(
      Object.entries(identityColumns).map(([field, column]) => [field, open(person[column], column)]),
    ) as Record<IdentityField, string | null>;
  }

  /** Ciphertexts, name-search tokens and the duplicate key for an identity. */
  function sealIdentity(identity: Partial<Record<IdentityField, string | null>>) {
    const columns = Object.fromEntries(
      Object.entries(identityColumns).map(([field, column]) => [
        column,
        seal(identity[field as IdentityField], column),
      ]),
    ) as Record<(typeof identityColumns)[IdentityField], string | null>;
    const material = duplicateKeyMaterial(identity);
    return {
      columns,
      duplicateKey: material ? cipher.blindIndex(material, 'person.duplicate') : null,
      tokens: nameTokens(identity.givenNames, identity.familyName).map((t) =>
        cipher.blindIndex(t, 'person.name'),
      ),
    };
  }

  function assertBirthDate(today: string, birthDate: string | null | undefined): void {
    assertNotFuture(today, { 'person.birthDate': birthDate });
  }

  async function createPerson(
    tx: Executor,
    actor: Actor,
    role: CaseRole,
    input: PersonInput,
    today: string,
  ): Promise<PersonRow> {
    assertBirthDate(today, input.birthDate);
    const year = Number(today.slice(0, 4));
    const prefix = prefixOf[role];
    const pseudonym = formatPseudonym(
      prefix,
      year,
      await referenceCounters.next(tx, `pseudonym:${prefix}:${year}`),
    );
    const sealed = sealIdentity(input);
    const now = new Date().toISOString();
    const row: PersonRow = {
      id: uuidv7(),
      pseudonym,
      ...sealed.columns,
      gender: input.gender ?? null,
      citizenship: JSON.stringify(input.citizenship),
      duplicate_key: sealed.duplicateKey,
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      updated_by: actor.userId,
      version: 1,
    };
    await personsRepo.insert(tx, row);
    await personsRepo.setNameTokens(tx, row.id, sealed.tokens);
    await auditService.record(tx, actor, 'person.created', {
      entityType: 'person',
      entityId: row.id,
      summary: { pseudonym },
    });
    return row;
  }

  async function assertCharges(db: Executor, charges: string[] | undefined): Promise<void> {
    if (!charges) return;
    const known = await legalQualificationsRepo.activeCodes(db);
    charges.forEach((code, i) => {
      if (!known.has(code)) throw invalid(`suspect.charges.${i}`, 'unknown');
    });
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
      ...(v.exploitationTypes !== undefined
        ? { exploitation_types: JSON.stringify(v.exploitationTypes) }
        : {}),
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

  /** Puts a person into a case in a role; the row as inserted, without reading it back. */
  async function attach(
    tx: Executor,
    actor: Actor,
    caseId: string,
    person: Pick<PersonRow, 'id' | 'pseudonym'>,
    role: CaseRole,
    columns: Partial<CasePersonRow> = {},
  ): Promise<CasePersonRow> {
    if (await casePersonsRepo.find(tx, caseId, person.id, role))
      throw new GuiaError('person.already_in_case', { pseudonym: person.pseudonym });
    const now = new Date().toISOString();
    const row: CasePersonRow = {
      ...emptyRoleColumns,
      ...columns,
      id: uuidv7(),
      case_id: caseId,
      person_id: person.id,
      role,
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      updated_by: actor.userId,
      version: 1,
    };
    await casePersonsRepo.insert(tx, row);
    await auditService.record(tx, actor, 'case_person.added', {
      entityType: 'case',
      entityId: caseId,
      summary: { casePersonId: row.id, pseudonym: person.pseudonym, role },
    });
    return row;
  }

  /**
   * Probable duplicates of a person, split by what the viewer may know: those in cases
   * whose identities the viewer can reveal (with id and pseudonym, to link), and whether
   * any exist elsewhere, with only the agencies leading those cases to ask.
   */
  async function duplicatesFor(db: Executor, actor: Actor, person: PersonRow) {
    if (!person.duplicate_key) return { visible: [], outside: null };
    const matches = await personsRepo.duplicates(db, person.duplicate_key, person.id);
    const visible: { personId: string; pseudonym: string }[] = [];
    const ask = new Map<string, { id: string; code: string }>();
    for (const match of matches) {
      if (await canRevealPerson(db, actor, match.id))
        visible.push({ personId: match.id, pseudonym: match.pseudonym });
      else for (const agency of await personsRepo.leadAgencies(db, match.id)) ask.set(agency.id, agency);
    }
    return { visible, outside: ask.size > 0 ? { ask: [...ask.values()] } : null };
  }

  /** Records probable duplicates for the secretariat to resolve, and what the caller was told. */
  async function flagDuplicates(tx: Executor, actor: Actor, person: PersonRow): Promise<void> {
    if (!person.duplicate_key) return;
    const matches = await personsRepo.duplicates(tx, person.duplicate_key, person.id);
    if (matches.length === 0) return;
    const now = new Date().toISOString();
    for (const match of matches) await duplicateFlagsRepo.flag(tx, person.id, match.id, actor.userId, now);
    await auditService.record(tx, actor, 'person.duplicate_flagged', {
      entityType: 'person',
      entityId: person.id,
      summary: { pseudonym: person.pseudonym, matches: matches.length },
    });
  }

  const service = {
    /**
     * People of a case as the viewer may see them: person ids, notes and probable duplicates
     * only for those who may reveal the person (an id links a person across cases).
     */
    async present(
      db: Executor,
      rows: CasePersonRow[],
      viewer: CaseGrant | PersonGrant,
    ): Promise<CasePersonView[]> {
      const reveals = 'leadAgencyId' in viewer ? viewer.can.revealPeople : viewer.can.reveal;
      const events = await casePersonsRepo.events(
        db,
        rows.map((r) => r.id),
      );
      const views: CasePersonView[] = [];
      for (const row of rows) {
        const person = await personsRepo.get(db, row.person_id);
        if (!person) continue;
        const duplicates = reveals ? await duplicatesFor(db, viewer.actor, person) : null;
        views.push({
          id: row.id,
          caseId: row.case_id,
          role: row.role as CaseRole,
          person: {
            id: reveals ? person.id : null,
            pseudonym: person.pseudonym,
            gender: person.gender,
            citizenship: parse(person.citizenship),
            version: person.version,
          },
          victim:
            row.role === 'victim'
              ? {
                  traffickingStatus: row.trafficking_status,
                  statusDecidedBy: row.status_decided_by,
                  statusDecidedOn: row.status_decided_on,
                  recruitmentMethod: row.recruitment_method,
                  meansOfControl: parse(row.means_of_control),
                  exploitationTypes: parse(row.exploitation_types),
                  sexExploitationTypes: parse(row.sex_exploitation_types),
                  labourSector: row.labour_sector,
                  ageWhenTrafficked: row.age_when_trafficked,
                  relationshipToTrafficker: row.relationship_to_trafficker,
                  migrationStatus: row.migration_status,
                }
              : null,
          suspect:
            row.role === 'suspect'
              ? {
                  rolesInProcess: parse(row.roles_in_process),
                  charges: parse(row.charges),
                  verdict: row.verdict as 'convicted' | 'acquitted' | null,
                  verdictDate: row.verdict_date,
                  sentenceMonths: row.sentence_months,
                  suspended: row.sentence_suspended === null ? null : row.sentence_suspended === 1,
                  fineAmount: row.fine_amount,
                  confiscation: row.confiscation,
                  compensationAmount: row.compensation_amount,
                }
              : null,
          historicEvents: events
            .filter((e) => e.case_person_id === row.id)
            .map((e) => ({
              id: e.id,
              type: e.type,
              country: e.country,
              locality: e.locality,
              startDate: e.start_date,
              endDate: e.end_date,
              note: reveals && e.note_enc ? cipher.decrypt(e.note_enc, 'historic_events.note') : null,
            })),
          probableDuplicates: duplicates?.visible ?? [],
          duplicateOutsideYourCases: duplicates?.outside ?? null,
          version: row.version,
        });
      }
      return views;
    },

    /** One person of a case, with the case's reference: what a referral recipient works from. */
    async page(db: Executor, grant: PersonGrant): Promise<CasePersonPage> {
      const row = (await casePersonsRepo.get(db, grant.casePersonId))!;
      const kase = (await casesRepo.caseRef(db, grant.caseId))!;
      const [person] = await service.present(db, [row], grant);
      return {
        case: {
          id: kase.id,
          reference: kase.reference,
          leadAgency: { id: kase.leadAgencyId, code: kase.leadAgencyCode },
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
    async add(tx: Executor, grant: CaseGrant, input: AddCasePerson, today: string): Promise<CasePersonView> {
      const { actor, caseId } = grant;
      if (Boolean(input.personId) === Boolean(input.person))
        throw invalid('person', input.personId ? 'not_with_person_id' : 'required');
      await assertCharges(tx, input.suspect?.charges);
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
        person = await createPerson(tx, actor, input.role, input.person!, today);
      }
      const row = await attach(tx, actor, caseId, person, input.role, columns);
      await flagDuplicates(tx, actor, person);
      const [view] = await service.present(tx, [row], grant);
      return view!;
    },

    attach,

    async update(tx: Executor, grant: PersonGrant, input: UpdateCasePerson): Promise<void> {
      const { actor, caseId, casePersonId } = grant;
      const row = (await casePersonsRepo.get(tx, casePersonId))!;
      await assertCharges(tx, input.suspect?.charges);
      const columns = roleColumns(row.role as CaseRole, input);
      const now = new Date().toISOString();
      if (
        !(await casePersonsRepo.update(tx, row.id, input.version, {
          ...columns,
          updated_at: now,
          updated_by: actor.userId,
        }))
      ) {
        throw new GuiaError('resource.stale', { entity: 'case_person' });
      }
      if (input.gender !== undefined || input.citizenship !== undefined) {
        await tx
          .updateTable('persons')
          .set({
            ...(input.gender !== undefined ? { gender: input.gender } : {}),
            ...(input.citizenship !== undefined ? { citizenship: JSON.stringify(input.citizenship) } : {}),
            updated_at: now,
            updated_by: actor.userId,
          })
          .where('id', '=', row.person_id)
          .execute();
      }
      await auditService.record(tx, actor, 'case_person.updated', {
        entityType: 'case',
        entityId: caseId,
        summary: {
          casePersonId,
          fields: [
            ...Object.keys(columns),
            ...(input.gender !== undefined ? ['gender'] : []),
            ...(input.citizenship !== undefined ? ['citizenship'] : []),
          ],
        },
      });
    },

    /** The identity behind a pseudonym. Every reveal is in the audit trail. */
    async reveal(tx: Executor, grant: PersonGrant, purpose: RevealPurpose): Promise<IdentityView> {
      const { actor, caseId } = grant;
      const person = (await personsRepo.get(tx, grant.personId))!;
      await auditService.record(tx, actor, 'person.identity_revealed', {
        entityType: 'person',
        entityId: person.id,
        summary: {
          caseId,
          casePersonId: grant.casePersonId,
          pseudonym: person.pseudonym,
          purpose,
          via: grant.via,
        },
      });
      return {
        personId: person.id,
        pseudonym: person.pseudonym,
        version: person.version,
        ...identityOf(person),
      };
    },

    async updateIdentity(
      tx: Executor,
      grant: PersonGrant,
      input: UpdateIdentity,
      today: string,
    ): Promise<IdentityView> {
      const { actor } = grant;
      const person = (await personsRepo.get(tx, grant.personId))!;
      assertBirthDate(today, input.birthDate);
      const { version, ...changes } = input;
      const merged = { ...identityOf(person), ...changes };
      const sealed = sealIdentity(merged);
      if (
        !(await personsRepo.update(tx, person.id, version, {
          ...sealed.columns,
          duplicate_key: sealed.duplicateKey,
          updated_at: new Date().toISOString(),
          updated_by: actor.userId,
        }))
      ) {
        throw new GuiaError('resource.stale', { entity: 'person' });
      }
      await personsRepo.setNameTokens(tx, person.id, sealed.tokens);
      await flagDuplicates(tx, actor, { ...person, duplicate_key: sealed.duplicateKey });
      // Which identity fields changed is recorded; never their values.
      await auditService.record(tx, actor, 'person.updated', {
        entityType: 'person',
        entityId: person.id,
        summary: { fields: Object.keys(changes) },
      });
      return { personId: person.id, pseudonym: person.pseudonym, version: version + 1, ...merged };
    },

    async recordVerdict(tx: Executor, grant: PersonGrant, input: VerdictBody, today: string): Promise<void> {
      const { actor, caseId, casePersonId } = grant;
      const kase = (await casesRepo.get(tx, caseId))!;
      const row = (await casePersonsRepo.get(tx, casePersonId))!;
      if (row.role !== 'suspect' || parse<string[]>(row.charges).length === 0)
        throw new GuiaError('case.not_a_defendant');
      if (!canRecordVerdict(kase.stage as CaseStage))
        throw new GuiaError('case.verdict_not_allowed_yet', { stage: kase.stage });
      assertNotFuture(today, { verdictDate: input.verdictDate });
      const problems = verdictProblems(input);
      if (problems.length > 0) throw new GuiaError('validation.failed', {}, problems);
      const convicted = input.verdict === 'convicted';
      const ok = await casePersonsRepo.update(tx, row.id, input.version, {
        verdict: input.verdict,
        verdict_date: input.verdictDate,
        sentence_months: convicted ? (input.sentenceMonths ?? null) : null,
        sentence_suspended: convicted && input.suspended != null ? (input.suspended ? 1 : 0) : null,
        fine_amount: convicted ? (input.fineAmount ?? null) : null,
        confiscation: input.confiscation ?? null,
        compensation_amount: input.compensationAmount ?? null,
        updated_at: new Date().toISOString(),
        updated_by: actor.userId,
      });
      if (!ok) throw new GuiaError('resource.stale', { entity: 'case_person' });
      await auditService.record(tx, actor, 'case_person.verdict_recorded', {
        entityType: 'case',
        entityId: caseId,
        summary: {
          casePersonId,
          verdict: input.verdict,
          sentenceMonths: input.sentenceMonths ?? null,
          suspended: input.suspended ?? null,
        },
      });
    },

    async addEvent(tx: Executor, grant: PersonGrant, input: HistoricEventBody, today: string): Promise<void> {
      const { actor, caseId, casePersonId } = grant;
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
        note_enc: input.note ? cipher.encrypt(input.note, 'historic_events.note') : null,
        recorded_by: actor.userId,
        recorded_at: new Date().toISOString(),
      });
      await auditService.record(tx, actor, 'historic_event.added', {
        entityType: 'case',
        entityId: caseId,
        summary: { casePersonId, type: input.type },
      });
    },

    /**
     * Cases the actor works in which a person whose name holds every searched word appears.
     * The search is audited (how many cases it found, never the name searched).
     */
    async caseIdsByName(tx: Executor, actor: Actor, name: string): Promise<string[]> {
      const tokens = nameTokens(name).map((t) => cipher.blindIndex(t, 'person.name'));
      const personIds = await personsRepo.withNameTokens(tx, tokens);
      const caseIds =
        personIds.length === 0 ? [] : await personsRepo.memberCasesOf(tx, personIds, actor.userId);
      await auditService.record(tx, actor, 'case.name_searched', { summary: { cases: caseIds.length } });
      return caseIds;
    },

    /** A person across the cases in which the actor may see them; elsewhere the person is not there. */
    async personAcrossCases(db: Executor, actor: Actor, personId: string): Promise<PersonView> {
      const person = await personsRepo.get(db, personId);
      const readable = [];
      if (person) {
        for (const entry of await personsRepo.cases(db, person.id)) {
          const grant = await grantPerson(db, actor, entry.caseId, entry.casePersonId, 'view').catch(
            () => null,
          );
          if (grant?.can.reveal) readable.push(entry);
        }
      }
      if (!person || readable.length === 0) throw new GuiaError('resource.not_found', { entity: 'person' });
      return {
        id: person.id,
        pseudonym: person.pseudonym,
        gender: person.gender,
        citizenship: parse(person.citizenship),
        cases: readable.map((c) => ({ ...c, role: c.role as CaseRole, stage: c.stage as CaseStage })),
      };
    },
  };
  return service;
}
