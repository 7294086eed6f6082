import { uuidv7 } from 'uuidv7';
import { checkTransition } from '../../core/cases/case-stages.js';
import { assertNotFuture } from '../../core/dates.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { assertActiveAgency } from '../access/agency-choice.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import type { CaseGrant } from './case-access.js';
import { assertQualifications, caseChanged, existingCase, parseJson, touchCase } from './case-record.js';
import { casePersonsRepo, casesRepo } from './cases.repo.js';
import type { DocumentBody, JudicialActBody, QualificationChange, TransitionBody } from './cases.schemas.js';
import { asCode, asIsoDate } from '../audit/audit-values.js';

/** The case's course through the procedure: its stage, legal qualifications, judicial acts and documents. */
export const caseStagesService = {
  async transition(uc: UseCase, grant: CaseGrant, input: TransitionBody): Promise<void> {
    const { tx, actor, today, now, cipher } = uc;
    const id = grant.caseId;
    const kase = await existingCase(tx, id);
    assertNotFuture(today, { decidedOn: input.decidedOn });
    const from = kase.stage;
    const suspects = (await casePersonsRepo.ofCase(tx, id)).filter((p) => p.role === 'suspect');
    const refusal = checkTransition(from, input.to, {
      defendants: suspects.map((s) => ({
        charged: parseJson<string[]>(s.charges).length > 0,
        verdict: s.verdict,
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
    await touchCase(uc, kase, input.version, { stage: input.to, stage_changed_at: now });
    await casesRepo.insertTransition(tx, {
      id: uuidv7(),
      case_id: id,
      from_stage: from,
      to_stage: input.to,
      decided_on: input.decidedOn,
      decided_by_agency_id: input.decidedByAgencyId ?? actor.agencyId,
      authority: input.authority ?? null,
      note_enc: cipher.encryptOptional(input.note, 'case_transitions.note'),
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await caseChanged(uc, id, 'case.transitioned', {
      from,
      to: input.to,
      decidedOn: asIsoDate(input.decidedOn),
    });
  },

  /** Legal qualifications change as the case moves on; removed ones stay in the history. */
  async changeQualifications(uc: UseCase, grant: CaseGrant, input: QualificationChange): Promise<void> {
    const { tx, actor, now, cipher } = uc;
    const id = grant.caseId;
    const kase = await existingCase(tx, id);
    await assertQualifications(tx, input.add, 'add');
    const current = (await casesRepo.qualifications(tx, id)).filter((q) => !q.removed_at);
    input.remove.forEach((code, i) => {
      if (!current.some((q) => q.code === code)) throw invalid(`remove.${i}`, 'unknown');
    });
    for (const code of input.remove) {
      await casesRepo.removeQualification(tx, id, code, { at: now, by: actor.userId, stage: kase.stage });
      await auditService.record(tx, actor, 'case.qualification_removed', {
        entityType: 'case',
        entityId: id,
        summary: { code: asCode(code), stage: kase.stage },
      });
    }
    for (const code of input.add.filter(
      (c) => !current.some((q) => q.code === c && !input.remove.includes(c)),
    )) {
      await casesRepo.insertQualification(tx, {
        id: uuidv7(),
        case_id: id,
        code,
        stage: kase.stage,
        added_at: now,
        added_by: actor.userId,
        removed_at: null,
        removed_by: null,
        removed_stage: null,
        note_enc: cipher.encryptOptional(input.note, 'case_qualifications.note'),
      });
      await auditService.record(tx, actor, 'case.qualification_added', {
        entityType: 'case',
        entityId: id,
        summary: { code: asCode(code), stage: kase.stage },
      });
    }
    await touchCase(uc, kase, input.version);
  },

  async recordJudicialAct(
    { tx, actor, today, now, cipher }: UseCase,
    grant: CaseGrant,
    input: JudicialActBody,
  ): Promise<void> {
    const id = grant.caseId;
    await existingCase(tx, id);
    assertNotFuture(today, { actDate: input.actDate });
    await casesRepo.insertJudicialAct(tx, {
      id: uuidv7(),
      case_id: id,
      kind: input.kind,
      authority: input.authority,
      act_date: input.actDate,
      description_enc: cipher.encryptOptional(input.description, 'judicial_acts.description'),
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await auditService.record(tx, actor, 'case.judicial_act_recorded', {
      entityType: 'case',
      entityId: id,
      // The authority is free text (a court, a judge's name): it stays in the act, not the trail.
      summary: { kind: input.kind, actDate: asIsoDate(input.actDate) },
    });
  },

  async addDocument(
    { tx, actor, today, now, cipher }: UseCase,
    grant: CaseGrant,
    input: DocumentBody,
  ): Promise<void> {
    const id = grant.caseId;
    await existingCase(tx, id);
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
      recorded_at: now,
    });
    await auditService.record(tx, actor, 'case.document_added', {
      entityType: 'case',
      entityId: id,
      summary: { kind: input.kind },
    });
  },
};
