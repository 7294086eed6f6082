import { CTDC_COLUMNS, toCtdcRow, type ImportedVictim } from '../../core/statistics/ctdc.js';
import { HTCDS_COLUMNS, toHtcdsRow } from '../../core/statistics/htcds.js';
import { GuiaError } from '../../core/errors.js';
import { can } from '../../core/permissions.js';
import type { Executor } from '../../db/schema.js';
import { toCsv, toXlsx, type Cell } from '../../documents/index.js';
import type { Actor } from '../access/actor.js';
import { ensureBuilt, queryIndicator } from './indicators.service.js';
import { indicatorsRepo as repo } from './indicators.repo.js';
import type { ExportLayout, RecordKind } from './statistics.schemas.js';

// Exports: HTCDS and CTDC files of the imported victim rows (one row each, no identity: so only
// for `statistics.import`), and the UNODC GLOTIP layout of counts (`statistics.read`). Cells
// go through the shared writers of src/documents, which neutralise formulas.

export type ExportOptions = { type: 'csv' | 'xlsx'; year?: number | undefined; source?: string | undefined };
export type ExportedFile = { name: string; contentType: string; body: Buffer | string };

/** Imported rows in file order (optionally of one dataset, one year). */
async function importedVictims(db: Executor, o: ExportOptions): Promise<ImportedVictim[]> {
  const out: ImportedVictim[] = [];
  let after: { dataset: string; row: number } | null = null;
  for (;;) {
    const page = await repo.importRowsPage(db, o.source ?? null, after);
    if (page.length === 0) return out;
    for (const r of page) {
      const v = JSON.parse(r.data) as ImportedVictim;
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
  if (layout === 'glotip') {
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
  const name = `guia-${layout}${o.year ? `-${o.year}` : ''}`;
  if (o.type === 'xlsx')
    return {
      name: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx([{ name: layout.toUpperCase(), header, rows }]),
    };
  return { name: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([header, ...rows]) };
}
