import { allowedNextStages } from '../../core/cases/case-stages.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import type { Executor } from '../../db/schema.js';
import { loadReferences } from '../access/references.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import { grantCase, type CaseGrant, type PersonGrant } from './case-access.js';
import { existingCase, parseJson } from './case-record.js';
import { caseReach } from './cases.policy.js';
import { casePersonsRepo, casesRepo } from './cases.repo.js';
import { presentCasePeople, presentCaseSummary, presentTimeline } from './cases.presenters.js';
import type { CaseListQuery, CaseSummaryView, CaseView } from './cases.schemas.js';

/** Reading cases: the list the actor's scope reaches, and one case as its grant lets it be seen. */
export const caseViewService = {
  async list(
    { tx, actor }: UseCase,
    query: CaseListQuery,
    caseIdsByName?: string[],
  ): Promise<{ items: CaseSummaryView[]; nextCursor: string | null }> {
    const rows = await casesRepo.list(tx, caseReach(actor), actor.userId, {
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.agencyId ? { agencyId: query.agencyId } : {}),
      ...(query.year ? { year: query.year } : {}),
      ...(query.exploitationType ? { exploitationType: query.exploitationType } : {}),
      ...(query.reference ? { reference: query.reference } : {}),
      ...(caseIdsByName ? { caseIds: caseIdsByName } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit,
    });
    const last = rows.at(-1);
    return {
      items: rows.map(presentCaseSummary),
      nextCursor: rows.length === query.limit && last ? encodeCursor(last.registration_date, last.id) : null,
    };
  },

  /** The actor's grant on a case, for answering with the case after a change to one of its people. */
  grantOf: (db: Executor, grant: PersonGrant) => grantCase(db, grant.actor, grant.caseId, 'read'),

  /**
   * The case as the grant lets its holder see it: free text only for those who work the
   * case (and that read is audited), identities never (they are revealed one by one).
   */
  async view({ tx, cipher }: UseCase, grant: CaseGrant): Promise<CaseView> {
    const { actor, caseId: id } = grant;
    const kase = await existingCase(tx, id);
    const text = grant.can.readText;
    const open = (value: string | null, column: string) =>
      text ? cipher.decryptOptional(value, column) : null;
    const [agencies, members, qualifications, transitions, acts, documents, persons] = await Promise.all([
      casesRepo.agencies(tx, id),
      casesRepo.members(tx, id),
      casesRepo.qualifications(tx, id),
      casesRepo.transitions(tx, id),
      casesRepo.judicialActs(tx, id),
      casesRepo.documents(tx, id),
      casePersonsRepo.ofCase(tx, id),
    ]);
    const refs = await loadReferences(tx, {
      users: [...transitions.map((t) => t.recorded_by), ...acts.map((a) => a.recorded_by)],
      agencies: [
        kase.lead_agency_id,
        ...transitions.map((t) => t.decided_by_agency_id),
        ...documents.map((d) => d.issuing_agency_id),
      ],
    });
    const agency = refs.agency;
    const user = (userId: string | null) => refs.user(userId)?.name ?? null;
    const timeline = presentTimeline(
      { transitions, acts, qualifications, documents },
      { open, agency, user },
    );
    const hasText =
      kase.summary_enc !== null ||
      transitions.some((t) => t.note_enc) ||
      acts.some((a) => a.description_enc) ||
      documents.length > 0;
    if (text && hasText) {
      await auditService.record(tx, actor, 'case.text_read', { entityType: 'case', entityId: id });
    }
    return {
      id: kase.id,
      reference: kase.reference,
      leadAgency: agency(kase.lead_agency_id)!,
      participatingAgencies: agencies.filter((a) => a.id !== kase.lead_agency_id),
      origin: kase.origin,
      factsDate: kase.facts_date,
      reportDate: kase.report_date,
      registrationDate: kase.registration_date,
      places: parseJson(kase.places),
      exploitationTypes: parseJson(kase.exploitation_types),
      sectors: parseJson(kase.sectors),
      stage: kase.stage,
      stageChangedAt: kase.stage_changed_at,
      // Transitions come in the order recorded: the last one brought the case to its stage.
      stageDecidedOn: transitions.at(-1)?.decided_on ?? kase.report_date,
      allowedNextStages: allowedNextStages(kase.stage),
      qualifications: qualifications.map((q) => ({
        id: q.id,
        code: q.code,
        stage: q.stage,
        addedAt: q.added_at,
        removedAt: q.removed_at,
        removedStage: q.removed_stage,
      })),
      summary: open(kase.summary_enc, 'cases.summary'),
      members: members.map((m) => ({ userId: m.userId, name: m.name, agencyCode: m.agencyCode })),
      isMember: grant.member,
      can: { ...grant.can },
      textWithheld: !text,
      people: await presentCasePeople(tx, cipher, persons, grant),
      timeline,
      version: kase.version,
      createdAt: kase.created_at,
      updatedAt: kase.updated_at,
    };
  },
};
