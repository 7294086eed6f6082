import { z } from 'zod';
import { GuiaError, invalid } from '../../core/errors.js';
import type { Executor, LegalQualificationTable } from '../../db/schema.js';
import type { LocalizedLabel } from '../../core/vocabularies/localized-label.js';
import { LocalisedNames } from '../access/access.schemas.js';
import type { Actor } from '../access/actor.js';
import { auditService } from '../audit/audit.service.js';
import { legalQualificationsRepo } from './cases.repo.js';
import { asLabel, fieldNames } from '../audit/audit-values.js';

// The offences cases are qualified under are a configurable list: each jurisdiction
// profile seeds its own, and an administrator adds or retires entries as laws change.

export const LegalQualificationCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'qualification_code'),
  law: z.string().trim().min(1).max(200),
  article: z.string().trim().min(1).max(50),
  labels: LocalisedNames,
  trafficking: z.boolean(),
});
export type LegalQualificationCreate = z.infer<typeof LegalQualificationCreate>;

export const LegalQualificationUpdate = z.strictObject({
  labels: LocalisedNames.optional(),
  trafficking: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type LegalQualificationUpdate = z.infer<typeof LegalQualificationUpdate>;

/** A qualification's labels in their columns. */
const labelColumns = (labels: LocalizedLabel) => ({
  label_en: labels.en,
  label_zh_hant: labels['zh-Hant'],
  label_pt: labels.pt,
});

/** The row of a qualification added to the list, by the profile's seed or an administrator: active, at `sort`. */
export const newQualificationRow = (
  q: { code: string; law: string; article: string; labels: LocalizedLabel; trafficking: boolean },
  sort: number,
): LegalQualificationTable => ({
  code: q.code,
  law: q.law,
  article: q.article,
  ...labelColumns(q.labels),
  trafficking: q.trafficking ? 1 : 0,
  active: 1,
  sort,
});

export const legalQualificationsService = {
  /** The list, in its order, as the API answers it. */
  async list(db: Executor) {
    return (await legalQualificationsRepo.list(db)).map((q) => ({
      code: q.code,
      law: q.law,
      article: q.article,
      labels: { en: q.label_en, 'zh-Hant': q.label_zh_hant, pt: q.label_pt },
      trafficking: q.trafficking === 1,
      active: q.active === 1,
    }));
  },

  async create(tx: Executor, actor: Actor, input: LegalQualificationCreate): Promise<void> {
    if (await legalQualificationsRepo.exists(tx, input.code)) throw invalid('code', 'duplicate');
    await legalQualificationsRepo.insert(
      tx,
      newQualificationRow(input, await legalQualificationsRepo.count(tx)),
    );
    await auditService.record(tx, actor, 'legal_qualification.created', {
      entityType: 'legal_qualification',
      entityId: input.code,
      summary: { law: asLabel(input.law), article: asLabel(input.article), trafficking: input.trafficking },
    });
  },

  /** Retiring a qualification (active false) keeps it on the cases that carry it. */
  async update(tx: Executor, actor: Actor, code: string, input: LegalQualificationUpdate): Promise<void> {
    const changes = {
      ...(input.labels ? labelColumns(input.labels) : {}),
      ...(input.trafficking !== undefined ? { trafficking: input.trafficking ? 1 : 0 } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    };
    // An empty change ({}) writes nothing (an UPDATE without columns is not SQL: it answered
    // 500, found by fuzzing); the qualification must still exist.
    const empty = Object.keys(changes).length === 0;
    const found = empty
      ? await legalQualificationsRepo.exists(tx, code)
      : await legalQualificationsRepo.update(tx, code, changes);
    if (!found) throw new GuiaError('resource.not_found', { entity: 'legal_qualification' });
    if (empty) return;
    await auditService.record(tx, actor, 'legal_qualification.updated', {
      entityType: 'legal_qualification',
      entityId: code,
      summary: { fields: fieldNames(input) },
    });
  },
};
