import { uuidv7 } from 'uuidv7';
import { defaultReferencePattern, formatCaseReference } from '../../core/cases/case-reference.js';
import { allowedNextStages, checkTransition, type CaseStage } from '../../core/cases/case-stages.js';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import type { Executor } from '../../db/schema.js';
import { agenciesRepo, usersRepo } from '../access/access.repo.js';
import type { Actor } from '../access/actor.js';
import { auditService } from '../audit/audit.service.js';
import { changedFields } from '../audit/changed-fields.js';
import { mergeGrants } from '../../core/permissions.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import { creatorGrant, grantCase, type CaseGrant, type PersonGrant } from './case-access.js';
import { caseReach } from './cases.policy.js';
import {
  casePersonsRepo,
  casesRepo,
  legalQualificationsRepo,
  referenceCounters,
  type CaseRow,
} from './cases.repo.js';
import type {
  CaseCreate,
  CaseListQuery,
  CaseSummaryView,
  CaseUpdate,
  CaseView,
  DocumentBody,
  JudicialActBody,
  QualificationChange,
  TransitionBody,
} from './cases.schemas.js';
import { duplicatesService } from './duplicates.service.js';
import { createLinkRequestsService } from './link-requests.service.js';
import { createPeopleService } from './people.service.js';

const parse = <T>(json: string): T => JSON.parse(json) as T;

export function createCasesService(cipher: FieldCipher) {
  const seal = (value: string | null | undefined, column: string) =>
    value ? cipher.encrypt(value, column) : null;
  const openText = (value: string | null, column: string) => (value ? cipher.decrypt(value, column) : null);
  const people = createPeopleService(cipher);

  async function assertQualifications(db: Executor, codes: string[], path: string): Promise<void> {
    const known = await legalQualificationsRepo.activeCodes(db);
    codes.forEach((code, i) => {
      if (!known.has(code)) throw invalid(`${path}.${i}`, 'unknown');
    });
  }

  async function get(db: Executor, id: string): Promise<CaseRow> {
    const row = await casesRepo.get(db, id);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'case' });
    return row;
  }

  async function bump(
    tx: Executor,
    actor: Actor,
    kase: CaseRow,
    version: number,
    changes: Parameters<typeof casesRepo.update>[3] = {},
  ) {
    const ok = await casesRepo.update(tx, kase.id, version, {
      ...changes,
      updated_at: new Date().toISOString(),
      updated_by: actor.userId,
    });
    if (!ok) throw new GuiaError('resource.stale', { entity: 'case' });
  }

  const service = {
    get,
    people,
    links: createLinkRequestsService(people),
    duplicates: duplicatesService,

    async create(tx: Executor, actor: Actor, input: CaseCreate, today: string): Promise<CaseGrant> {
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

      const year = Number(registrationDate.slice(0, 4));
      const pattern = lead.case_reference_pattern ?? defaultReferencePattern;
      // A pattern with a year restarts its sequence every year; one without never does.
      const perYear = /\{YY(YY)?\}/.test(pattern);
      const seq = await referenceCounters.next(
        tx,
        perYear ? `case:${lead.code}:${year}` : `case:${lead.code}`,
      );
      const reference = formatCaseReference(pattern, { agency: lead.code, year, seq });
      const now = new Date().toISOString();
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
        summary_enc: seal(input.summary, 'cases.summary'),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
        version: 1,
      });
      await casesRepo.setExploitationTypes(tx, id, input.exploitationTypes);
      // Agencies named at registration take part on purpose: they stay without members.
      for (const agencyId of input.participatingAgencyIds.filter((a) => a !== lead.id))
        await casesRepo.addAgency(tx, id, agencyId, now, true);
      // Whoever registers a case works on it: they are its first member.
      await casesRepo.addMember(tx, id, actor.userId, actor.userId, now);
      for (const code of new Set(input.qualifications)) {
        await tx
          .insertInto('case_qualifications')
          .values({
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
          })
          .execute();
      }
      await tx
        .insertInto('case_transitions')
        .values({
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
        })
        .execute();
      await auditService.record(tx, actor, 'case.created', {
        entityType: 'case',
        entityId: id,
        summary: {
          reference,
          leadAgency: lead.code,
          origin: input.origin,
          qualifications: input.qualifications,
        },
      });
      return creatorGrant(actor, id, lead.id);
    },

    async list(
      db: Executor,
      actor: Actor,
      query: CaseListQuery,
      caseIdsByName?: string[],
    ): Promise<{ items: CaseSummaryView[]; nextCursor: string | null }> {
      const rows = await casesRepo.list(db, caseReach(actor), {
        ...(query.stage ? { stage: query.stage } : {}),
        ...(query.agencyId ? { agencyId: query.agencyId } : {}),
        ...(query.year ? { year: query.year } : {}),
        ...(query.exploitationType ? { exploitationType: query.exploitationType } : {}),
        ...(query.reference ? { reference: query.reference } : {}),
        ...(caseIdsByName ? { caseIds: caseIdsByName } : {}),
        ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
        limit: query.limit,
      });
      return {
        items: rows.map((row) => ({
          id: row.id,
          reference: row.reference,
          leadAgency: { id: row.lead_agency_id, code: row.lead_agency_code },
          origin: row.origin,
          stage: row.stage as CaseStage,
          reportDate: row.report_date,
          registrationDate: row.registration_date,
          exploitationTypes: parse<string[]>(row.exploitation_types),
          victims: Number(row.victims ?? 0),
          suspects: Number(row.suspects ?? 0),
        })),
        nextCursor:
          rows.length === query.limit ? encodeCursor(rows.at(-1)!.registration_date, rows.at(-1)!.id) : null,
      };
    },

    /** The actor's grant on a case, for answering with the case after a change to one of its people. */
    grantOf: (db: Executor, grant: PersonGrant) => grantCase(db, grant.actor, grant.caseId, 'read'),

    /**
     * The case as the grant lets its holder see it: free text only for those who work the
     * case (and that read is audited), identities never (they are revealed one by one).
     */
    async view(db: Executor, grant: CaseGrant): Promise<CaseView> {
      const { actor, caseId: id } = grant;
      const kase = await get(db, id);
      const text = grant.can.readText;
      const open = (value: string | null, column: string) => (text ? openText(value, column) : null);
      const [agencies, allAgencies, members, qualifications, transitions, acts, documents, persons] =
        await Promise.all([
          casesRepo.agencies(db, id),
          agenciesRepo.list(db),
          casesRepo.members(db, id),
          casesRepo.qualifications(db, id),
          casesRepo.transitions(db, id),
          casesRepo.judicialActs(db, id),
          casesRepo.documents(db, id),
          casePersonsRepo.ofCase(db, id),
        ]);
      const agencyRef = (agencyId: string | null) => {
        const agency = allAgencies.find((a) => a.id === agencyId);
        return agency ? { id: agency.id, code: agency.code } : null;
      };
      const userIds = [
        ...new Set(
          [...transitions.map((t) => t.recorded_by), ...acts.map((a) => a.recorded_by)].filter(
            (u): u is string => Boolean(u),
          ),
        ),
      ];
      const userNames = await usersRepo.names(db, userIds);
      const recordedBy = (userId: string | null) => (userId ? (userNames.get(userId) ?? null) : null);
      // Each entry with the moment it was recorded: entries of the same day keep the order they happened in.
      const entries: [string, CaseView['timeline'][number]][] = [
        ...transitions.map((t): [string, CaseView['timeline'][number]] => [
          t.recorded_at,
          {
            type: 'transition' as const,
            id: t.id,
            at: t.decided_on,
            from: t.from_stage as CaseStage | null,
            to: t.to_stage as CaseStage,
            decidedBy: agencyRef(t.decided_by_agency_id),
            authority: t.authority,
            note: open(t.note_enc, 'case_transitions.note'),
            recordedBy: recordedBy(t.recorded_by),
          },
        ]),
        ...acts.map((a): [string, CaseView['timeline'][number]] => [
          a.recorded_at,
          {
            type: 'judicial_act' as const,
            id: a.id,
            at: a.act_date,
            kind: a.kind as 'other',
            authority: a.authority,
            description: open(a.description_enc, 'judicial_acts.description'),
            recordedBy: recordedBy(a.recorded_by),
          },
        ]),
        ...qualifications.flatMap((q): [string, CaseView['timeline'][number]][] => [
          [
            q.added_at,
            {
              type: 'qualification' as const,
              id: q.id,
              at: q.added_at.slice(0, 10),
              code: q.code,
              change: 'added' as const,
              stage: q.stage as CaseStage,
            },
          ],
          ...(q.removed_at
            ? [
                [
                  q.removed_at,
                  {
                    type: 'qualification' as const,
                    id: q.id,
                    at: q.removed_at.slice(0, 10),
                    code: q.code,
                    change: 'removed' as const,
                    stage: (q.removed_stage ?? q.stage) as CaseStage,
                  },
                ] as [string, CaseView['timeline'][number]],
              ]
            : []),
        ]),
        ...documents.map((d): [string, CaseView['timeline'][number]] => [
          d.recorded_at,
          {
            type: 'document' as const,
            id: d.id,
            at: d.document_date ?? d.recorded_at.slice(0, 10),
            kind: d.kind as 'other',
            title: open(d.title_enc, 'case_documents.title'),
            reference: d.reference,
            issuedBy: agencyRef(d.issuing_agency_id),
          },
        ]),
      ];
      const hasText =
        kase.summary_enc !== null ||
        transitions.some((t) => t.note_enc) ||
        acts.some((a) => a.description_enc) ||
        documents.length > 0;
      if (text && hasText) {
        await auditService.record(db, actor, 'case.text_read', { entityType: 'case', entityId: id });
      }
      const timeline = entries
        .sort(
          ([recordedA, a], [recordedB, b]) => a.at.localeCompare(b.at) || recordedA.localeCompare(recordedB),
        )
        .map(([, entry]) => entry);
      return {
        id: kase.id,
        reference: kase.reference,
        leadAgency: agencyRef(kase.lead_agency_id)!,
        participatingAgencies: agencies.filter((a) => a.id !== kase.lead_agency_id),
        origin: kase.origin,
        factsDate: kase.facts_date,
        reportDate: kase.report_date,
        registrationDate: kase.registration_date,
        places: parse(kase.places),
        exploitationTypes: parse(kase.exploitation_types),
        sectors: parse(kase.sectors),
        stage: kase.stage as CaseStage,
        stageChangedAt: kase.stage_changed_at,
        allowedNextStages: allowedNextStages(kase.stage as CaseStage),
        qualifications: qualifications.map((q) => ({
          id: q.id,
          code: q.code,
          stage: q.stage as CaseStage,
          addedAt: q.added_at,
          removedAt: q.removed_at,
          removedStage: q.removed_stage as CaseStage | null,
        })),
        summary: open(kase.summary_enc, 'cases.summary'),
        members: members.map((m) => ({ userId: m.userId, name: m.name, agencyCode: m.agencyCode })),
        isMember: grant.member,
        can: { ...grant.can },
        textWithheld: !text,
        people: await people.present(db, persons, grant),
        timeline,
        version: kase.version,
        createdAt: kase.created_at,
        updatedAt: kase.updated_at,
      };
    },

    async update(tx: Executor, grant: CaseGrant, input: CaseUpdate, today: string): Promise<void> {
      const { actor, caseId: id } = grant;
      const kase = await get(tx, id);
      assertNotFuture(today, { factsDate: input.factsDate, reportDate: input.reportDate });
      const changes = {
        ...(input.origin !== undefined ? { origin: input.origin } : {}),
        ...(input.factsDate !== undefined ? { facts_date: input.factsDate } : {}),
        ...(input.reportDate !== undefined ? { report_date: input.reportDate } : {}),
        ...(input.places !== undefined ? { places: JSON.stringify(input.places) } : {}),
        ...(input.exploitationTypes !== undefined
          ? { exploitation_types: JSON.stringify(input.exploitationTypes) }
          : {}),
        ...(input.sectors !== undefined ? { sectors: JSON.stringify(input.sectors) } : {}),
        ...(input.summary !== undefined ? { summary_enc: seal(input.summary, 'cases.summary') } : {}),
      };
      await bump(tx, actor, kase, input.version, changes);
      if (input.exploitationTypes !== undefined)
        await casesRepo.setExploitationTypes(tx, id, input.exploitationTypes);
      // The summary is free text about people: its change is recorded, its content is not.
      const summary = changedFields(kase, changes, ['summary_enc']);
      await auditService.record(tx, actor, 'case.updated', { entityType: 'case', entityId: id, summary });
    },

    async transition(tx: Executor, grant: CaseGrant, input: TransitionBody, today: string): Promise<void> {
      const { actor, caseId: id } = grant;
      const kase = await get(tx, id);
      assertNotFuture(today, { decidedOn: input.decidedOn });
      const from = kase.stage as CaseStage;
      const suspects = (await casePersonsRepo.ofCase(tx, id)).filter((p) => p.role === 'suspect');
      const refusal = checkTransition(from, input.to, {
        defendants: suspects.map((s) => ({
          charged: parse<string[]>(s.charges).length > 0,
          verdict: s.verdict as 'convicted' | 'acquitted' | null,
        })),
      });
      if (refusal) {
        const { code, ...params } = refusal;
        throw new GuiaError(
          code,
          Object.fromEntries(
            Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
          ),
        );
      }
      if (input.decidedByAgencyId) await assertActiveAgency(tx, input.decidedByAgencyId, 'decidedByAgencyId');
      const now = new Date().toISOString();
      await bump(tx, actor, kase, input.version, { stage: input.to, stage_changed_at: now });
      await tx
        .insertInto('case_transitions')
        .values({
          id: uuidv7(),
          case_id: id,
          from_stage: from,
          to_stage: input.to,
          decided_on: input.decidedOn,
          decided_by_agency_id: input.decidedByAgencyId ?? actor.agencyId,
          authority: input.authority ?? null,
          note_enc: seal(input.note, 'case_transitions.note'),
          recorded_by: actor.userId,
          recorded_at: now,
        })
        .execute();
      await auditService.record(tx, actor, 'case.transitioned', {
        entityType: 'case',
        entityId: id,
        summary: { from, to: input.to, decidedOn: input.decidedOn },
      });
    },

    /** Legal qualifications change as the case moves on; removed ones stay in the history. */
    async changeQualifications(tx: Executor, grant: CaseGrant, input: QualificationChange): Promise<void> {
      const { actor, caseId: id } = grant;
      const kase = await get(tx, id);
      await assertQualifications(tx, input.add, 'add');
      const current = (await casesRepo.qualifications(tx, id)).filter((q) => !q.removed_at);
      input.remove.forEach((code, i) => {
        if (!current.some((q) => q.code === code)) throw invalid(`remove.${i}`, 'unknown');
      });
      const now = new Date().toISOString();
      for (const code of input.remove) {
        await tx
          .updateTable('case_qualifications')
          .set({ removed_at: now, removed_by: actor.userId, removed_stage: kase.stage })
          .where('case_id', '=', id)
          .where('code', '=', code)
          .where('removed_at', 'is', null)
          .execute();
        await auditService.record(tx, actor, 'case.qualification_removed', {
          entityType: 'case',
          entityId: id,
          summary: { code, stage: kase.stage },
        });
      }
      for (const code of input.add.filter(
        (c) => !current.some((q) => q.code === c && !input.remove.includes(c)),
      )) {
        await tx
          .insertInto('case_qualifications')
          .values({
            id: uuidv7(),
            case_id: id,
            code,
            stage: kase.stage,
            added_at: now,
            added_by: actor.userId,
            removed_at: null,
            removed_by: null,
            removed_stage: null,
            note_enc: seal(input.note, 'case_qualifications.note'),
          })
          .execute();
        await auditService.record(tx, actor, 'case.qualification_added', {
          entityType: 'case',
          entityId: id,
          summary: { code, stage: kase.stage },
        });
      }
      await bump(tx, actor, kase, input.version);
    },

    async recordJudicialAct(
      tx: Executor,
      grant: CaseGrant,
      input: JudicialActBody,
      today: string,
    ): Promise<void> {
      const { actor, caseId: id } = grant;
      await get(tx, id);
      assertNotFuture(today, { actDate: input.actDate });
      const actId = uuidv7();
      await casesRepo.insertJudicialAct(tx, {
        id: actId,
        case_id: id,
        kind: input.kind,
        authority: input.authority,
        act_date: input.actDate,
        description_enc: seal(input.description, 'judicial_acts.description'),
        recorded_by: actor.userId,
        recorded_at: new Date().toISOString(),
      });
      await auditService.record(tx, actor, 'case.judicial_act_recorded', {
        entityType: 'case',
        entityId: id,
        summary: { kind: input.kind, authority: input.authority, actDate: input.actDate },
      });
    },

    async addDocument(tx: Executor, grant: CaseGrant, input: DocumentBody, today: string): Promise<void> {
      const { actor, caseId: id } = grant;
      await get(tx, id);
      assertNotFuture(today, { documentDate: input.documentDate });
      if (input.issuingAgencyId) await assertActiveAgency(tx, input.issuingAgencyId, 'issuingAgencyId');
      await casesRepo.insertDocument(tx, {
        id: uuidv7(),
        case_id: id,
        kind: input.kind,
        title_enc: cipher.encrypt(input.title, 'case_documents.title'),
        document_date: input.documentDate ?? null,
        issuing_agency_id: input.issuingAgencyId ?? null,
        reference: input.reference ?? null,
        recorded_by: actor.userId,
        recorded_at: new Date().toISOString(),
      });
      await auditService.record(tx, actor, 'case.document_added', {
        entityType: 'case',
        entityId: id,
        summary: { kind: input.kind },
      });
    },

    /** Brings an agency onto the case on purpose: it stays even when none of its users is a member. */
    async addAgency(tx: Executor, grant: CaseGrant, agencyId: string): Promise<void> {
      const { actor, caseId: id } = grant;
      await assertActiveAgency(tx, agencyId, 'agencyId');
      if (agencyId === grant.leadAgencyId) return;
      if (await casesRepo.addAgency(tx, id, agencyId, new Date().toISOString(), true)) {
        await auditService.record(tx, actor, 'case.agency_added', {
          entityType: 'case',
          entityId: id,
          summary: { agencyId },
        });
      }
    },

    /**
     * Assigns a user to the case. Who may is decided by the grant (the lead agency's members,
     * or a supervisor); nobody assigns himself, and only users who work on cases can be members.
     */
    async addMember(tx: Executor, grant: CaseGrant, userId: string): Promise<void> {
      const { actor, caseId: id } = grant;
      if (userId === actor.userId) throw new GuiaError('case.self_assignment');
      const user = await usersRepo.get(tx, userId);
      if (!user || user.active !== 1) throw invalid('userId', 'unknown');
      const grants = mergeGrants(await usersRepo.grantsOf(tx, userId));
      if (!grants['case.read']) throw invalid('userId', 'cannot_work_cases');
      const now = new Date().toISOString();
      if (!(await casesRepo.addMember(tx, id, userId, actor.userId, now))) return;
      await auditService.record(tx, actor, 'case.member_added', {
        entityType: 'case',
        entityId: id,
        summary: { userId },
      });
      // A member from another agency brings that agency with them, until their agency's last member leaves.
      if (
        user.agency_id !== grant.leadAgencyId &&
        (await casesRepo.addAgency(tx, id, user.agency_id, now, false))
      ) {
        await auditService.record(tx, actor, 'case.agency_added', {
          entityType: 'case',
          entityId: id,
          summary: { agencyId: user.agency_id },
        });
      }
    },

    /** Unassigns a member; the lead agency keeps at least one, and an agency that came with its members leaves with the last. */
    async removeMember(tx: Executor, grant: CaseGrant, userId: string): Promise<void> {
      const { actor, caseId: id } = grant;
      const members = await casesRepo.members(tx, id);
      const leaving = members.find((m) => m.userId === userId);
      if (!leaving) throw new GuiaError('resource.not_found', { entity: 'member' });
      const sameAgency = members.filter((m) => m.agencyId === leaving.agencyId && m.userId !== userId);
      if (leaving.agencyId === grant.leadAgencyId && sameAgency.length === 0)
        throw new GuiaError('case.last_lead_member');
      await casesRepo.removeMember(tx, id, userId);
      await auditService.record(tx, actor, 'case.member_removed', {
        entityType: 'case',
        entityId: id,
        summary: { userId },
      });
      if (sameAgency.length === 0 && (await casesRepo.removeAgencyUnlessKept(tx, id, leaving.agencyId))) {
        await auditService.record(tx, actor, 'case.agency_left', {
          entityType: 'case',
          entityId: id,
          summary: { agencyId: leaving.agencyId },
        });
      }
    },
  };
  return service;
}

export type CasesService = ReturnType<typeof createCasesService>;
