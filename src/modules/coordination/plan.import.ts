import type { CellValue } from 'exceljs';
import {
  periodicityKinds,
  taskShapeErrors,
  type PeriodicityName,
} from '../../core/coordination/task-rules.js';
import { earliestDate } from '../../core/dates.js';
import { GuiaError, invalid, type FieldError } from '../../core/errors.js';
import type { Executor } from '../../db/schema.js';
import { asId } from '../audit/audit-values.js';
import { auditService } from '../audit/audit.service.js';
import { planRepo } from './plan.repo.js';
import { pillars } from './plan.schemas.js';
import { planService } from './plan.service.js';
import { createTask, type PlanContext } from './tasks.service.js';

// `guia plan import FILE --name NAME` (and POST /api/v1/plans/import): a plan from a
// spreadsheet, whole file or nothing. Every row is checked before anything is written; each
// problem names its row (as the spreadsheet numbers it, the header being row 1) and column.

export const planColumns = [
  'objective',
  'pillar',
  'task',
  'lead_agency',
  'supporting_agencies',
  'start',
  'due',
  'indicator',
  'unit',
  'baseline',
  'target',
] as const;
type Column = (typeof planColumns)[number] | 'periodicity';
type Raw = Partial<Record<Column, string>>;

export type ImportFormat = 'csv' | 'xlsx';

/** A checked row, ready to become a task. */
type PlanRow = {
  row: number;
  objective: string;
  pillar: (typeof pillars)[number];
  task: string;
  leadAgencyId: string;
  supportingAgencyIds: string[];
  startDate: string;
  dueDate: string;
  indicator: string | null;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  periodicity: PeriodicityName;
};

export type ImportResult = { planId: string; objectives: number; tasks: number };

const fieldOf = (
  row: number,
  column: Column,
  code: string,
  params?: Record<string, string | number>,
): FieldError => ({
  path: `row.${row}.${column}`,
  code,
  params: { row, column, ...params },
});

/** The cells of a file as text, header first; an unreadable file is refused as a whole. */
export async function readCells(content: Buffer, format: ImportFormat): Promise<string[][]> {
  try {
    // The parsers are loaded by the first import of a plan, not when the server starts (exceljs
    // costs a profiled 0.6 s of CPU to load).
    if (format === 'csv') {
      const { parse } = await import('csv-parse/sync');
      const text = content.toString('utf8');
      return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    }
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, planColumns.length); c++)
        cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    });
    return rows;
  } catch {
    throw invalid('file', 'unreadable');
  }
}

/** A spreadsheet cell as the text a CSV would hold: dates as YYYY-MM-DD, rich text joined. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    return '';
  }
  return String(value);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function dateCell(raw: string, row: number, column: Column, errors: FieldError[]): string {
  const valid =
    isoDate.test(raw) &&
    !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) &&
    new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw) &&
    raw >= earliestDate;
  if (!valid) errors.push(fieldOf(row, column, raw ? 'date' : 'required'));
  return raw;
}

function numberCell(raw: string, row: number, column: Column, errors: FieldError[]): number | null {
  if (raw === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) errors.push(fieldOf(row, column, 'number'));
  else if (value < 0) errors.push(fieldOf(row, column, 'negative'));
  return value;
}

type Agencies = Map<string, { id: string; active: number }>;

function agencyCell(
  code: string,
  row: number,
  column: Column,
  agencies: Agencies,
  errors: FieldError[],
): string {
  const agency = agencies.get(code);
  if (!code) errors.push(fieldOf(row, column, 'required'));
  else if (!agency) errors.push(fieldOf(row, column, 'unknown', { value: code }));
  else if (!agency.active) errors.push(fieldOf(row, column, 'inactive', { value: code }));
  return agency?.id ?? '';
}

const shapeColumn: Record<string, Column> = {
  startDate: 'start',
  dueDate: 'due',
  indicator: 'indicator',
  unit: 'unit',
  target: 'target',
};

/** One data row, checked; problems are added to `errors`. */
function checkRow(raw: Raw, row: number, agencies: Agencies, errors: FieldError[]): PlanRow {
  const before = errors.length;
  const text = (column: Column, max: number) => {
    const value = (raw[column] ?? '').trim();
    if (value.length > max) errors.push(fieldOf(row, column, 'too_big', { maximum: max }));
    return value;
  };
  const objective = text('objective', 500);
  if (!objective) errors.push(fieldOf(row, 'objective', 'required'));
  const pillar = text('pillar', 20).toLowerCase();
  if (!(pillars as readonly string[]).includes(pillar)) errors.push(fieldOf(row, 'pillar', 'pillar'));
  const task = text('task', 500);
  if (!task) errors.push(fieldOf(row, 'task', 'required'));
  const leadAgencyId = agencyCell(text('lead_agency', 16), row, 'lead_agency', agencies, errors);
  const supportingAgencyIds = text('supporting_agencies', 400)
    .split(';')
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => agencyCell(code, row, 'supporting_agencies', agencies, errors));
  const startDate = dateCell(text('start', 10), row, 'start', errors);
  const dueDate = dateCell(text('due', 10), row, 'due', errors);
  const periodicity = (text('periodicity', 10) || 'quarterly') as PeriodicityName;
  if (!(periodicity in periodicityKinds)) errors.push(fieldOf(row, 'periodicity', 'invalid_value'));
  const parsed: PlanRow = {
    row,
    objective,
    pillar: pillar as PlanRow['pillar'],
    task,
    leadAgencyId,
    supportingAgencyIds,
    startDate,
    dueDate,
    indicator: text('indicator', 300) || null,
    unit: text('unit', 40) || null,
    baseline: numberCell(text('baseline', 30), row, 'baseline', errors),
    target: numberCell(text('target', 30), row, 'target', errors),
    periodicity,
  };
  // Fields checked together (dates, indicator and unit) only once each is readable on its own.
  const unreadable = new Set(errors.slice(before).map((e) => e.params?.column));
  const datesRead = !unreadable.has('start') && !unreadable.has('due');
  for (const e of taskShapeErrors(parsed)) {
    const column = shapeColumn[e.path] ?? 'task';
    if (unreadable.has(column) || (e.code === 'before_start' && !datesRead)) continue;
    errors.push(fieldOf(row, column, e.code, e.params));
  }
  return parsed;
}

/** The header must be the contract's, with an optional `periodicity` column after it. */
function columnsOf(header: string[]): Column[] {
  const names = header.map((h) => h.trim().toLowerCase());
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const expected = planColumns.join(',');
  const given = names.join(',');
  if (given !== expected && given !== `${expected},periodicity`)
    throw new GuiaError('validation.failed', {}, [
      { path: 'row.1', code: 'header', params: { row: 1, expected } },
    ]);
  return names as Column[];
}

/** Reads and checks every row; throws all the problems at once, naming row and column. */
export async function checkPlanFile(db: Executor, content: Buffer, format: ImportFormat): Promise<PlanRow[]> {
  const cells = await readCells(content, format);
  if (cells.length === 0) throw invalid('file', 'empty_file');
  const columns = columnsOf(cells[0]!);
  const agencies: Agencies = new Map((await planRepo.allAgencies(db)).map((a) => [a.code, a]));
  const errors: FieldError[] = [];
  const rows: PlanRow[] = [];
  const pillarOf = new Map<string, string>();
  cells.slice(1).forEach((cellRow, i) => {
    const rowNumber = i + 2;
    if (cellRow.every((c) => c.trim() === '')) return;
    const raw: Raw = Object.fromEntries(columns.map((c, j) => [c, cellRow[j] ?? '']));
    const parsed = checkRow(raw, rowNumber, agencies, errors);
    // One objective, one pillar: a second row that tags it otherwise is a typing mistake.
    const known = pillarOf.get(parsed.objective);
    if (known && known !== parsed.pillar)
      errors.push(fieldOf(rowNumber, 'pillar', 'invalid_value', { expected: known }));
    else pillarOf.set(parsed.objective, parsed.pillar);
    rows.push(parsed);
  });
  if (errors.length > 0) throw new GuiaError('validation.failed', {}, errors);
  if (rows.length === 0) throw invalid('file', 'empty_file');
  return rows;
}

/** Imports a plan in the caller's transaction: the plan spans its tasks' earliest start to latest due date. */
export async function importPlan(
  ctx: PlanContext,
  name: string,
  content: Buffer,
  format: ImportFormat,
): Promise<ImportResult> {
  const rows = await checkPlanFile(ctx.tx, content, format);
  const startDate = rows.reduce((min, r) => (r.startDate < min ? r.startDate : min), rows[0]!.startDate);
  const endDate = rows.reduce((max, r) => (r.dueDate > max ? r.dueDate : max), rows[0]!.dueDate);
  const { id: planId } = await planService.create(ctx, { name, startDate, endDate });
  const objectives = new Map<string, string>();
  for (const row of rows) {
    let objectiveId = objectives.get(row.objective);
    if (!objectiveId) {
      objectiveId = (
        await planService.addObjective(ctx, planId, { title: row.objective, pillar: row.pillar })
      ).id;
      objectives.set(row.objective, objectiveId);
    }
    await createTask(ctx, {
      objectiveId,
      title: row.task,
      leadAgencyId: row.leadAgencyId,
      supportingAgencyIds: row.supportingAgencyIds,
      startDate: row.startDate,
      dueDate: row.dueDate,
      indicator: row.indicator,
      unit: row.unit,
      baseline: row.baseline,
      target: row.target,
      periodicity: row.periodicity,
    });
  }
  await auditService.record(ctx.tx, ctx.actor, 'plan.imported', {
    entityType: 'plan',
    entityId: asId(planId),
    summary: { objectives: objectives.size, tasks: rows.length, format },
  });
  return { planId, objectives: objectives.size, tasks: rows.length };
}
