import { uuidv7 } from 'uuidv7';
import { GuiaError, invalid } from '../../core/errors.js';
import type { AuditItem, PublishedTable } from '../../core/statistics/audit.js';
import { protectTable, suppress, type RuleSet } from '../../core/statistics/disclosure.js';
import {
  addRational,
  formatRational,
  parseRational,
  rational,
  type Rational,
} from '../../core/statistics/discrete-laplace.js';
import type { Executor } from '../../db/schema.js';
import { asCode, asId, asNumber } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import type { UseCase } from '../use-case.js';
import {
  publicationRepo,
  type ReleaseRow,
  type ReleaseWithAuthor,
  type RuleSetRow,
} from './publication.repo.js';
import type {
  PublicRelease,
  ReleaseBody,
  ReleasePreview,
  ReleaseView,
  RuleSetBody,
  RuleSetView,
  TableQuery,
} from './publication.schemas.js';
import { tableSource, type SourceTable } from './publication.tables.js';

// Releasing a table: the query's table is computed, protected by the chosen rule set, audited,
// and kept as an immutable snapshot. The auditor's verdict is checked here again, whatever the
// protection step says, so no code path can store a table in which a hidden value is exact.

const epsilonOf = (row: { epsilon_numerator: number | null; epsilon_denominator: number | null }) =>
  row.epsilon_numerator === null ? null : rational(row.epsilon_numerator, row.epsilon_denominator ?? 1);

/** The rules a stored rule set protects a table with. */
export function ruleSetOf(row: RuleSetRow): RuleSet {
  const epsilon = epsilonOf(row);
  return {
    name: row.name,
    version: row.version,
    threshold: row.threshold,
    zeros: row.zeros,
    roundingBase: row.rounding_base,
    noise: epsilon ? { epsilon } : null,
  };
}

function presentRuleSet(row: RuleSetRow): RuleSetView {
  const { noise, ...rules } = ruleSetOf(row);
  return {
    id: row.id,
    ...rules,
    epsilon: noise ? formatRational(noise.epsilon) : null,
    createdAt: row.created_at,
  };
}

function presentPublic(row: ReleaseRow): PublicRelease {
  return {
    id: row.id,
    title: { en: row.title_en, 'zh-Hant': row.title_zh_hant, pt: row.title_pt },
    ruleSet: { name: row.rule_set_name, version: row.rule_set_version },
    threshold: row.threshold,
    roundingBase: (JSON.parse(row.query) as { roundingBase?: number | null }).roundingBase ?? null,
    noise: row.epsilon_numerator !== null,
    query: (JSON.parse(row.query) as { query: TableQuery }).query,
    rowLabels: JSON.parse(row.row_labels) as (string | null)[],
    colLabels: JSON.parse(row.col_labels) as (string | null)[],
    published: JSON.parse(row.published) as PublishedTable,
    releasedAt: row.released_at,
  };
}

function presentRelease(row: ReleaseWithAuthor): ReleaseView {
  const epsilon = epsilonOf(row);
  return {
    ...presentPublic(row),
    releasedBy: { id: row.released_by, name: row.released_by_name },
    epsilon: epsilon ? formatRational(epsilon) : null,
  };
}

const itemName = (item: AuditItem): string => {
  switch (item.kind) {
    case 'cell':
      return `cell:${item.row},${item.col}`;
    case 'rowTotal':
      return `rowTotal:${item.row}`;
    case 'colTotal':
      return `colTotal:${item.col}`;
    case 'total':
      return 'total';
  }
};

async function ruleSetRow(tx: Executor, id: string): Promise<RuleSetRow> {
  const row = await publicationRepo.ruleSet(tx, id);
  if (!row) throw invalid('ruleSetId', 'unknown');
  return row;
}

async function sourceTable(tx: Executor, query: TableQuery): Promise<SourceTable> {
  const source = tableSource();
  if (!source) throw new GuiaError('internal', { reason: 'no table source' });
  const table = await source(tx, query);
  if (table.counts.length === 0 || table.colLabels.length === 0) throw invalid('query', 'empty_table');
  return table;
}

export const publicationService = {
  async ruleSets(db: Executor): Promise<RuleSetView[]> {
    return (await publicationRepo.ruleSets(db)).map(presentRuleSet);
  },

  /** A rule set is never changed: saving a name again makes its next version. */
  async createRuleSet({ tx, actor, now }: UseCase, body: RuleSetBody): Promise<RuleSetView> {
    const epsilon = body.epsilon === null ? null : parseRational(body.epsilon);
    if (body.epsilon !== null && (!epsilon || epsilon.numerator === 0)) throw invalid('epsilon', 'invalid');
    const row: RuleSetRow = {
      id: uuidv7(),
      name: body.name,
      version: (await publicationRepo.latestVersion(tx, body.name)) + 1,
      threshold: body.threshold,
      zeros: body.zeros,
      rounding_base: body.roundingBase,
      epsilon_numerator: epsilon?.numerator ?? null,
      epsilon_denominator: epsilon?.denominator ?? null,
      created_at: now,
      created_by: actor.userId,
    };
    await publicationRepo.insertRuleSet(tx, row);
    await auditService.record(tx, actor, 'publication.rule_set_created', {
      entityType: 'rule_set',
      entityId: row.id,
      summary: { name: asCode(row.name), version: asNumber(row.version), threshold: asNumber(row.threshold) },
    });
    return presentRuleSet(row);
  },

  /** What a release would publish, without noise (a preview must not spend epsilon). */
  async preview({ tx }: UseCase, body: Omit<ReleaseBody, 'title'>): Promise<ReleasePreview> {
    const rules = ruleSetOf(await ruleSetRow(tx, body.ruleSetId));
    const table = await sourceTable(tx, body.query);
    const { published, audit } = suppress(table.counts, { ...rules, noise: null });
    return {
      rowLabels: table.rowLabels,
      colLabels: table.colLabels,
      published,
      passed: audit.passed,
      ranges: audit.ranges.map((r) => ({ item: itemName(r.item), min: r.min, max: r.max })),
    };
  },

  async release({ tx, actor, now }: UseCase, body: ReleaseBody): Promise<ReleaseView> {
    const ruleRow = await ruleSetRow(tx, body.ruleSetId);
    const rules = ruleSetOf(ruleRow);
    const table = await sourceTable(tx, body.query);
    const result = protectTable(table.counts, rules);
    if (!result.audit.passed)
      throw new GuiaError('release.blocked_by_audit', { exposed: result.audit.exposed.length });
    const row: ReleaseRow = {
      id: uuidv7(),
      rule_set_id: ruleRow.id,
      rule_set_name: ruleRow.name,
      rule_set_version: ruleRow.version,
      threshold: ruleRow.threshold,
      title_en: body.title.en,
      title_zh_hant: body.title['zh-Hant'],
      title_pt: body.title.pt,
      query: JSON.stringify({ query: body.query, roundingBase: ruleRow.rounding_base }),
      row_labels: JSON.stringify(table.rowLabels),
      col_labels: JSON.stringify(table.colLabels),
      published: JSON.stringify(result.published),
      epsilon_numerator: result.epsilonSpent?.numerator ?? null,
      epsilon_denominator: result.epsilonSpent?.denominator ?? null,
      released_at: now,
      released_by: actor.userId,
    };
    await publicationRepo.insertRelease(tx, row);
    await auditService.record(tx, actor, 'publication.released', {
      entityType: 'statistical_release',
      entityId: row.id,
      summary: {
        ruleSetId: asId(ruleRow.id),
        ruleSetVersion: asNumber(ruleRow.version),
        kind: asCode(body.query.kind),
        rows: asCode(body.query.rows),
        cols: asCode(body.query.cols),
        hidden: asNumber(result.audit.ranges.length),
        noise: result.epsilonSpent !== null,
      },
    });
    return presentRelease({ ...row, released_by_name: actor.name });
  },

  async releases(db: Executor): Promise<ReleaseView[]> {
    return (await publicationRepo.releases(db)).map(presentRelease);
  },

  async publicReleases(db: Executor): Promise<PublicRelease[]> {
    return (await publicationRepo.publicReleases(db)).map(presentPublic);
  },

  /** Every epsilon spent, and their exact sum: privacy loss adds up over releases. */
  async ledger(db: Executor) {
    const rows = await publicationRepo.spentEpsilons(db);
    let spent: Rational = rational(0, 1);
    const releases = rows.map((row) => {
      const epsilon = epsilonOf(row)!;
      spent = addRational(spent, epsilon);
      return { id: row.id, epsilon: formatRational(epsilon), releasedAt: row.released_at };
    });
    return { spent: formatRational(spent), releases };
  },
};
