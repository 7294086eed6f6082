import { CTDC_COLUMNS, toCtdcRow, victimOfStored, type ImportedVictim } from '../../core/statistics/ctdc.js';
import { HTCDS_COLUMNS, toHtcdsRow } from '../../core/statistics/htcds.js';
import { GuiaError, invalid } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { PublishedTable } from '../../core/statistics/audit.js';
import { protectTable, type RuleSet } from '../../core/statistics/disclosure.js';
import { asCode, asNumber } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { publicationRepo } from './publication.repo.js';
import { ruleSetOf } from './publication.service.js';
import type { Executor } from '../../db/schema.js';
import { toCsv, toXlsx, type Cell } from '../../documents/index.js';
import type { Actor } from '../access/actor.js';
import { ensureBuilt, queryIndicator } from './indicators.service.js';
import { indicatorsRepo as repo } from './indicators.repo.js';
import type { ExportLayout, RecordKind } from './statistics.schemas.js';

// Exports: HTCDS and CTDC files of the imported victim rows (one row each, no identity: so only
// for `statistics.import`), and the UNODC GLOTIP layout of counts (`statistics.read`). Cells
// go through the shared writers of src/documents, which neutralise formulas.

export type ExportOptions = {
  type: 'csv' | 'xlsx';
  year?: number | undefined;
  source?: string | undefined;
  /** For publication: the named rule set (its latest version) every GLOTIP table passes. */
  ruleSet?: string | undefined;
};
export type ExportedFile = { name: string; contentType: string; body: Buffer | string };

/** Imported rows in file order (optionally of one dataset, one year). */
async function importedVictims(db: Executor, o: ExportOptions): Promise<ImportedVictim[]> {
  const out: ImportedVictim[] = [];
  let after: { dataset: string; row: number } | null = null;
  for (;;) {
    const page = await repo.importRowsPage(db, o.source ?? null, after);
    if (page.length === 0) return out;
    for (const r of page) {
      const v = victimOfStored(r.data);
      if (o.year === undefined || (v.year ?? Number(v.date?.slice(0, 4))) === o.year) out.push(v);
    }
    const last = page[page.length - 1]!;
    after = { dataset: last.dataset, row: last.row_no };
  }
}

const GLOTIP_HEADER = [
  'Iso3_code',
  'Country',
  'Region',
  'Subregion',
  'Indicator',
  'Dimension',
  'Category',
  'Sex',
  'Age',
  'Year',
  'Unit of measurement',
  'txtVALUE',
  'Source',
];
const SEX: Record<string, string> = { female: 'Female', male: 'Male' };
const AGE: Record<string, string> = { child: '0 to 17 years', adult: '18 years or over' };
const FAMILY: Record<string, string> = {
  sexual_exploitation: 'Sexual exploitation',
  forced_labour: 'Forced labour',
  other: 'Other forms of exploitation',
};
const sexOf = (v: string | null) => (v === null ? 'Unknown' : (SEX[v] ?? 'Other'));

/** GLOTIP rows: victims by sex × age × form, and by sex × age × citizenship; persons by sex × citizenship. */
async function glotipRows(db: Executor, o: ExportOptions): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  const push = (
    indicator: string,
    dimension: string,
    category: string,
    sex: string,
    age: string,
    year: string,
    n: number,
  ) =>
    rows.push([
      'MAC',
      'China, Macao SAR',
      'Asia',
      'Eastern Asia',
      indicator,
      dimension,
      category,
      sex,
      age,
      year,
      'Counts',
      String(n),
      'Guia',
    ]);
  const bounds = o.year === undefined ? {} : { from: String(o.year), to: String(o.year) };
  const src = o.source ? { source: o.source } : {};
  const base = { kind: 'victim' as const, period: 'year' as const, ...bounds, ...src };
  for (const c of (await queryIndicator(db, { ...base, by: [] })).cells)
    push('Detected trafficking victims', 'Total', 'Total', 'Total', 'Total', c.period ?? 'Unknown', c.count);
  for (const [dim, dimension] of [
    ['formFamily', 'by form of exploitation'],
    ['nationality', 'by citizenship'],
  ] as const)
    for (const c of (await queryIndicator(db, { ...base, by: ['sex', dim] })).cells) {
      const category =
        dim === 'formFamily' ? (FAMILY[c.values[1] ?? ''] ?? 'Unknown') : (c.values[1] ?? 'Unknown');
      push(
        'Detected trafficking victims',
        dimension,
        category,
        sexOf(c.values[0] ?? null),
        'Total',
        c.period ?? 'Unknown',
        c.count,
      );
    }
  for (const c of (await queryIndicator(db, { ...base, by: ['sex', 'ageGroup'] })).cells)
    push(
      'Detected trafficking victims',
      'Total',
      'Total',
      sexOf(c.values[0] ?? null),
      AGE[c.values[1] ?? ''] ?? 'Unknown',
      c.period ?? 'Unknown',
      c.count,
    );
  const persons: [RecordKind, string][] = [
    ['suspect', 'Persons brought into formal contact'],
    ['prosecution', 'Persons prosecuted'],
    ['conviction', 'Persons convicted'],
  ];
  for (const [kind, indicator] of persons)
    for (const c of (await queryIndicator(db, { ...base, kind, by: ['sex', 'nationality'] })).cells)
      push(
        indicator,
        'by citizenship',
        c.values[1] ?? 'Unknown',
        sexOf(c.values[0] ?? null),
        'Total',
        c.period ?? 'Unknown',
        c.count,
      );
  return rows;
}

// --- GLOTIP for publication -------------------------------------------------------------------
//
// "Anything marked for publication goes through a rule set": each GLOTIP table (one indicator,
// one year: sex × form, sex × citizenship, sex × age) is protected as a released table is — small
// counts hidden, secondary suppression, the auditor's check that no hidden value can be worked
// out from the cells and margins, which are published too. A hidden small value reads `<T`,
// one hidden only to protect another `x`, as on the public page. A table the auditor blocks
// stops the export; nothing leaves.

type GlotipTable = {
  indicator: string;
  dimension: string;
  year: string;
  sexes: string[];
  categories: string[];
  counts: number[][];
};

async function glotipTables(db: Executor, o: ExportOptions): Promise<GlotipTable[]> {
  const bounds = o.year === undefined ? {} : { from: String(o.year), to: String(o.year) };
  const base = { period: 'year' as const, ...bounds, ...(o.source ? { source: o.source } : {}) };
  const specs: {
    kind: RecordKind;
    indicator: string;
    dim: 'formFamily' | 'nationality' | 'ageGroup';
    dimension: string;
  }[] = [
    {
      kind: 'victim',
      indicator: 'Detected trafficking victims',
      dim: 'formFamily',
      dimension: 'by form of exploitation',
    },
    {
      kind: 'victim',
      indicator: 'Detected trafficking victims',
      dim: 'nationality',
      dimension: 'by citizenship',
    },
    { kind: 'victim', indicator: 'Detected trafficking victims', dim: 'ageGroup', dimension: 'by age' },
    {
      kind: 'suspect',
      indicator: 'Persons brought into formal contact',
      dim: 'nationality',
      dimension: 'by citizenship',
    },
    { kind: 'prosecution', indicator: 'Persons prosecuted', dim: 'nationality', dimension: 'by citizenship' },
    { kind: 'conviction', indicator: 'Persons convicted', dim: 'nationality', dimension: 'by citizenship' },
  ];
  const category = (dim: string, v: string | null) =>
    dim === 'formFamily'
      ? (FAMILY[v ?? ''] ?? 'Unknown')
      : dim === 'ageGroup'
        ? (AGE[v ?? ''] ?? 'Unknown')
        : (v ?? 'Unknown');
  const tables: GlotipTable[] = [];
  for (const spec of specs) {
    const cells = (await queryIndicator(db, { ...base, kind: spec.kind, by: ['sex', spec.dim] })).cells;
    for (const year of [...new Set(cells.map((c) => c.period ?? 'Unknown'))].sort()) {
      const mine = cells.filter((c) => (c.period ?? 'Unknown') === year);
      const sexes = [...new Set(mine.map((c) => sexOf(c.values[0] ?? null)))].sort();
      const categories = [...new Set(mine.map((c) => category(spec.dim, c.values[1] ?? null)))].sort();
      const counts = sexes.map(() => categories.map(() => 0));
      for (const c of mine)
        counts[sexes.indexOf(sexOf(c.values[0] ?? null))]![
          categories.indexOf(category(spec.dim, c.values[1] ?? null))
        ]! += c.count;
      tables.push({ indicator: spec.indicator, dimension: spec.dimension, year, sexes, categories, counts });
    }
  }
  return tables;
}

/** The latest version of a named rule set; noise is refused (it would spend budget unledgered). */
async function ruleSetNamed(db: Executor, name: string): Promise<RuleSet> {
  const row = (await publicationRepo.ruleSets(db)).filter((r) => r.name === name).at(-1);
  if (!row) throw invalid('ruleSet', 'unknown');
  if (row.epsilon_numerator !== null) throw invalid('ruleSet', 'noise_not_supported');
  return ruleSetOf(row);
}

function shownValue(
  p: PublishedTable,
  value: number | null,
  item: PublishedTable['small'] extends infer S ? (S extends { items: (infer I)[] } ? I : never) : never,
): string {
  if (value !== null) return String(value);
  const small = p.small?.items.some((s) => JSON.stringify(s) === JSON.stringify(item));
  return small ? `<${p.small!.threshold}` : 'x';
}

/** Protected GLOTIP rows: every cell and margin of every table, hidden values as `<T` or `x`. */
export async function protectedGlotipRows(
  db: Executor,
  o: ExportOptions,
  rules: RuleSet,
): Promise<{ rows: Cell[][]; hidden: number; tables: number }> {
  const rows: Cell[][] = [];
  let hidden = 0;
  const tables = await glotipTables(db, o);
  for (const t of tables) {
    const result = protectTable(t.counts, rules);
    if (!result.audit.passed)
      throw new GuiaError('release.blocked_by_audit', { exposed: result.audit.exposed.length });
    hidden += result.audit.ranges.length;
    const p = result.published;
    const row = (sex: string, category: string, value: string) =>
      rows.push([
        'MAC',
        'China, Macao SAR',
        'Asia',
        'Eastern Asia',
        t.indicator,
        t.dimension,
        category,
        sex,
        'Total',
        t.year,
        'Counts',
        value,
        `Guia (${rules.name} v${rules.version})`,
      ]);
    t.sexes.forEach((sex, i) => {
      t.categories.forEach((category, j) =>
        row(sex, category, shownValue(p, p.table[i]![j] ?? null, { kind: 'cell', row: i, col: j })),
      );
      row(sex, 'Total', shownValue(p, p.rowTotals[i] ?? null, { kind: 'rowTotal', row: i }));
    });
    t.categories.forEach((category, j) =>
      row('Total', category, shownValue(p, p.colTotals[j] ?? null, { kind: 'colTotal', col: j })),
    );
    row('Total', 'Total', shownValue(p, p.total, { kind: 'total' }));
  }
  return { rows, hidden, tables: tables.length };
}

export async function exportFile(
  db: Executor,
  actor: Actor,
  layout: ExportLayout,
  o: ExportOptions,
): Promise<ExportedFile> {
  if (layout !== 'glotip' && !can(actor, 'statistics.import'))
    throw new GuiaError('permission.denied', { permission: 'statistics.import' });
  await ensureBuilt(db);
  let header: string[];
  let rows: Cell[][];
  if (layout === 'glotip' && o.ruleSet !== undefined) {
    // Marked for publication: through the rule set, audited in the same transaction.
    const rules = await ruleSetNamed(db, o.ruleSet);
    header = GLOTIP_HEADER;
    const result = await db.transaction().execute(async (tx) => {
      const protectedRows = await protectedGlotipRows(tx, o, rules);
      await auditService.record(tx, actor, 'statistics.exported', {
        summary: {
          layout: asCode(layout),
          ruleSet: asCode(rules.name),
          ruleSetVersion: asNumber(rules.version),
          ...(o.year ? { year: o.year } : {}),
          tables: asNumber(protectedRows.tables),
          hidden: asNumber(protectedRows.hidden),
        },
      });
      return protectedRows;
    });
    rows = result.rows;
  } else if (layout === 'glotip') {
    header = GLOTIP_HEADER;
    rows = await glotipRows(db, o);
  } else {
    const victims = await importedVictims(db, o);
    const toRow = layout === 'ctdc' ? toCtdcRow : toHtcdsRow;
    header = layout === 'ctdc' ? [...CTDC_COLUMNS] : HTCDS_COLUMNS;
    rows = victims.map((v) => {
      const r = toRow(v);
      return header.map((h) => r[h] ?? '');
    });
  }
  const name = `guia-${layout}${o.year ? `-${o.year}` : ''}${o.ruleSet ? `-${o.ruleSet}` : ''}`;
  if (o.type === 'xlsx')
    return {
      name: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx([{ name: layout.toUpperCase(), header, rows }]),
    };
  return { name: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([header, ...rows]) };
}
