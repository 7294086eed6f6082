import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { duplicate, GuiaError } from '../../core/errors.js';
import type { AgencyKind } from '../../core/agencies.js';
import { defaultReferencePattern } from '../../core/cases/case-reference.js';
import type { Executor } from '../../db/schema.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { agenciesRepo, type AgencyRow } from './access.repo.js';
import type { AgencyCreate, AgencyUpdate, AgencyView } from './access.schemas.js';
import { changedFields } from '../audit/changed-fields.js';
import { asCode, asLabel, asNumber } from '../audit/audit-values.js';

export function presentAgency(row: AgencyRow): AgencyView {
  return {
    id: row.id,
    code: row.code,
    names: { en: row.name_en, 'zh-Hant': row.name_zh_hant, pt: row.name_pt },
    kind: row.kind as AgencyKind,
    active: row.active === 1,
    caseReferencePattern: row.case_reference_pattern ?? defaultReferencePattern,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const agenciesService = {
  async list(db: Executor): Promise<AgencyView[]> {
    return (await agenciesRepo.list(db)).map(presentAgency);
  },

  async get(db: Executor, id: string): Promise<AgencyRow> {
    const row = await agenciesRepo.get(db, id);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'agency' });
    return row;
  },

  async byCode(db: Executor, code: string): Promise<AgencyRow> {
    const row = await agenciesRepo.getByCode(db, code.toUpperCase());
    if (!row)
      throw new GuiaError('agency.unknown', { code }, [
        { path: 'agency', code: 'unknown', params: { code } },
      ]);
    return row;
  },

  async create(tx: Executor, actor: AuditActor, input: AgencyCreate): Promise<AgencyView> {
    if (await agenciesRepo.getByCode(tx, input.code)) throw duplicate('code', { code: input.code });
    const now = new Date().toISOString();
    const row: AgencyRow = {
      id: uuidv7(),
      code: input.code,
      name_en: input.names.en,
      name_zh_hant: input.names['zh-Hant'],
      name_pt: input.names.pt,
      kind: input.kind,
      active: 1,
      case_reference_pattern: input.caseReferencePattern ?? null,
      ...creationStamps(actor.userId, now),
    };
    await agenciesRepo.insert(tx, row);
    await auditService.record(tx, actor, 'agency.created', {
      entityType: 'agency',
      entityId: row.id,
      summary: { code: asCode(row.code), kind: asCode(row.kind) },
    });
    return presentAgency(row);
  },

  async update(tx: Executor, actor: AuditActor, id: string, input: AgencyUpdate): Promise<AgencyView> {
    const before = await agenciesService.get(tx, id);
    const changes = {
      ...(input.names
        ? { name_en: input.names.en, name_zh_hant: input.names['zh-Hant'], name_pt: input.names.pt }
        : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.caseReferencePattern !== undefined
        ? { case_reference_pattern: input.caseReferencePattern }
        : {}),
    };
    await agenciesRepo.update(tx, id, input.version, {
      ...changes,
      ...updateStamps(actor.userId, new Date().toISOString()),
    });
    await auditService.record(tx, actor, 'agency.updated', {
      entityType: 'agency',
      entityId: id,
      summary: changedFields(before, changes, {
        name_en: asLabel,
        name_zh_hant: asLabel,
        name_pt: asLabel,
        kind: asCode,
        active: asNumber,
        case_reference_pattern: asLabel,
      }),
    });
    return presentAgency(await agenciesService.get(tx, id));
  },
};
