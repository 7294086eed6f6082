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
import { auditService } from '../audit/audit.service.js';
import {
  casePersonsRepo,
  casesRepo,
  legalQualificationsRepo,
  personsRepo,
  referenceCounters,
  type CasePersonRow,
  type PersonRow,
} from './cases.repo.js';
import type {
  AddCasePerson,
  CasePersonView,
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

  async function casePerson(db: Executor, caseId: string, casePersonId: string): Promise<CasePersonRow> {
    const row = await casePersonsRepo.get(db, casePersonId);
    if (!row || row.case_id !== caseId) throw new GuiaError('resource.not_found', { entity: 'case_person' });
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

  const service = {
    async present(db: Executor, rows: CasePersonRow[]): Promise<CasePersonView[]> {
      const events = await casePersonsRepo.events(
        db,
        rows.map((r) => r.id),
      );
      const views: CasePersonView[] = [];
      for (const row of rows) {
        const person = await personsRepo.get(db, row.person_id);
        if (!person) continue;
        const duplicates = person.duplicate_key
          ? await personsRepo.duplicates(db, person.duplicate_key, person.id)
          : [];
        views.push({
          id: row.id,
          caseId: row.case_id,
          role: row.role as CaseRole,
          person: {
            id: person.id,
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
              note: e.note_enc ? cipher.decrypt(e.note_enc, 'historic_events.note') : null,
            })),
          probableDuplicates: duplicates.map((d) => ({ personId: d.id, pseudonym: d.pseudonym })),
          version: row.version,
        } as CasePersonView);
      }
      return views;
    },

    casePerson,

    async add(
      tx: Executor,
      actor: Actor,
      caseId: string,
      input: AddCasePerson,
      today: string,
    ): Promise<CasePersonView> {
      if (!(await casesRepo.get(tx, caseId))) throw new GuiaError('resource.not_found', { entity: 'case' });
      if (Boolean(input.personId) === Boolean(input.person))
        throw invalid('person', input.personId ? 'not_with_person_id' : 'required');
      await assertCharges(tx, input.suspect?.charges);
      const columns = roleColumns(input.role, input);
      let person: PersonRow;
      if (input.personId) {
        const existing = await personsRepo.get(tx, input.personId);
        if (!existing) throw invalid('personId', 'unknown');
        person = existing;
        if (await casePersonsRepo.find(tx, caseId, person.id, input.role))
          throw new GuiaError('person.already_in_case', { pseudonym: person.pseudonym });
      } else {
        person = await createPerson(tx, actor, input.role, input.person!, today);
      }
      const now = new Date().toISOString();
      const id = uuidv7();
      await casePersonsRepo.insert(tx, {
        id,
        case_id: caseId,
        person_id: person.id,
        role: input.role,
        means_of_control: '[]',
        exploitation_types: '[]',
        sex_exploitation_types: '[]',
        roles_in_process: '[]',
        charges: '[]',
        ...columns,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await auditService.record(tx, actor, 'case_person.added', {
        entityType: 'case',
        entityId: caseId,
        summary: { casePersonId: id, pseudonym: person.pseudonym, role: input.role },
      });
      const [view] = await service.present(tx, [(await casePersonsRepo.get(tx, id))!]);
      return view!;
    },

    async update(
      tx: Executor,
      actor: Actor,
      caseId: string,
      casePersonId: string,
      input: UpdateCasePerson,
    ): Promise<void> {
      const row = await casePerson(tx, caseId, casePersonId);
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
    async reveal(tx: Executor, actor: Actor, caseId: string, casePersonId: string): Promise<IdentityView> {
      const row = await casePerson(tx, caseId, casePersonId);
      const person = (await personsRepo.get(tx, row.person_id))!;
      await auditService.record(tx, actor, 'person.identity_revealed', {
        entityType: 'person',
        entityId: person.id,
        summary: { caseId, pseudonym: person.pseudonym },
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
      actor: Actor,
      caseId: string,
      casePersonId: string,
      input: UpdateIdentity,
      today: string,
    ): Promise<IdentityView> {
      const row = await casePerson(tx, caseId, casePersonId);
      const person = (await personsRepo.get(tx, row.person_id))!;
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
      // Which identity fields changed is recorded; never their values.
      await auditService.record(tx, actor, 'person.updated', {
        entityType: 'person',
        entityId: person.id,
        summary: { fields: Object.keys(changes) },
      });
      return { personId: person.id, pseudonym: person.pseudonym, version: version + 1, ...merged };
    },

    async recordVerdict(
      tx: Executor,
      actor: Actor,
      caseId: string,
      casePersonId: string,
      input: VerdictBody,
      today: string,
    ): Promise<void> {
      const kase = await casesRepo.get(tx, caseId);
      if (!kase) throw new GuiaError('resource.not_found', { entity: 'case' });
      const row = await casePerson(tx, caseId, casePersonId);
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

    async addEvent(
      tx: Executor,
      actor: Actor,
      caseId: string,
      casePersonId: string,
      input: HistoricEventBody,
      today: string,
    ): Promise<void> {
      await casePerson(tx, caseId, casePersonId);
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

    /** Cases in which a person whose name holds every searched word appears. */
    async caseIdsByName(db: Executor, name: string): Promise<string[]> {
      const tokens = nameTokens(name).map((t) => cipher.blindIndex(t, 'person.name'));
      const personIds = await personsRepo.withNameTokens(db, tokens);
      if (personIds.length === 0) return [];
      const rows = await db
        .selectFrom('case_persons')
        .select('case_id')
        .distinct()
        .where('person_id', 'in', personIds)
        .execute();
      return rows.map((r) => r.case_id);
    },
  };
  return service;
}
