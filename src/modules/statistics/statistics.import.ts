import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { storedVictim } from '../../core/statistics/ctdc.js';
import {
  ctdcCellsReader,
  readCtdcHeader,
  type RowProblem,
  type RowResult,
} from '../../core/statistics/ctdc-rows.js';
import { readHtcdsHeader, readHtcdsRow } from '../../core/statistics/htcds.js';
import type { Executor } from '../../db/schema.js';
import { asCode } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { ensureBuilt, importAccumulator } from './indicators.service.js';
import { indicatorsRepo as repo } from './indicators.repo.js';
import type { ImportFormat, ImportProblem, ImportReport } from './statistics.schemas.js';

// Importing an HTCDS or CTDC file: streamed (a row at a time, whatever the file's size), checked
// row by row, and written whole in one transaction or not at all. A file is known by its SHA-256:
// the same file again changes nothing. Rows become victim records of the dataset (no identity).

/** Problems reported at most; the file is still read to its end so its hash and rows are known. */
const MAX_PROBLEMS = 200;
const BATCH = 5000;

export type ImportInput = {
  format: ImportFormat;
  type: 'csv' | 'xlsx';
  /** The file's bytes, or its path (the CLI streams it). */
  content: Buffer | string;
  dataset?: string | undefined;
  actor: AuditActor;
  /** The committee's date: years and dates after it are refused. */
  today?: string;
  onProgress?: (rows: number, bytes: number) => void;
};

const open = (content: Buffer | string): Readable =>
  typeof content === 'string' ? createReadStream(content) : Readable.from([content]);

async function sha256Of(content: Buffer | string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of open(content)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The rows of the file as string arrays, header first, with their 1-based row numbers. */
async function* rowsOf(input: ImportInput, counted: { bytes: number }): AsyncGenerator<string[]> {
  if (input.type === 'xlsx') {
    // Read whole: exceljs's streaming reader waits forever on bytes that are not a complete
    // workbook (an empty upload, a cut-off file, a zip header over noise: found by fuzzing),
    // holding the import's transaction; the whole-file reader refuses them with an error.
    // Loaded only for a spreadsheet: exceljs costs a profiled 1.3 s to load, a CSV needs none of it.
    const { default: excel } = await import('exceljs');
    const content = typeof input.content === 'string' ? await readFile(input.content) : input.content;
    counted.bytes += content.length;
    const workbook = new excel.Workbook();
    // exceljs types its Buffer before Node's became generic over its backing store (no copy).
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]; // the first worksheet only
    if (!sheet) return;
    for (const row of sheet.getRows(1, sheet.rowCount) ?? [])
      if (row.hasValues) yield (row.values as unknown[]).slice(1).map(xlsxText);
    return;
  }
  // Loaded by the first import, not when the server starts.
  const { parse } = await import('csv-parse');
  const stream = open(input.content);
  stream.on('data', (chunk: Buffer | string) => (counted.bytes += chunk.length));
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  for await (const record of parser) yield record as string[];
}

/** A spreadsheet cell as text; a formula is kept visible as `=…` so the reader refuses it. */
function xlsxText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      formula?: string;
      sharedFormula?: string;
      richText?: { text: string }[];
      text?: string;
    };
    if (v.formula !== undefined || v.sharedFormula !== undefined) return `=${v.formula ?? v.sharedFormula}`;
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
  }
  return String(value as string | number | boolean);
}

/** Reads a row's cells, in the header's order (a spreadsheet row may have holes: empty cells). */
type Reader = { columns: string[]; read: (cells: readonly string[]) => RowResult };

function readerFor(input: ImportInput, header: string[], today: string): Reader & { problems: RowProblem[] } {
  if (input.format === 'ctdc') {
    const h = readCtdcHeader(header);
    const read = ctdcCellsReader(h.variant, h.columns, Number(today.slice(0, 4)));
    return { columns: h.columns, problems: h.problems, read };
  }
  const { columns, problems } = readHtcdsHeader(header);
  const read = (cells: readonly string[]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) record[columns[i]!] = cells[i] ?? '';
    return readHtcdsRow(record, today);
  };
  return { columns, problems, read };
}

class Rejected extends Error {}

/** Imports a file; the report names every problem (row, column, what) and then nothing is written. */
export async function importFile(db: Executor, input: ImportInput): Promise<ImportReport> {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const sha256 = await sha256Of(input.content);
  const dataset = input.dataset ?? `${input.format}:${sha256.slice(0, 12)}`;
  const report: ImportReport = {
    format: input.format,
    dataset,
    sha256,
    rows: 0,
    imported: 0,
    alreadyImported: false,
    problems: [],
  };
  const previous = await repo.datasetBySha(db, sha256);
  if (previous) return { ...report, dataset: previous.name, rows: previous.rows, alreadyImported: true };
  if (await repo.datasetByName(db, dataset)) {
    report.problems.push({ row: null, column: null, problem: 'dataset_name_taken', value: dataset });
    return report;
  }
  // The cubes are built before the rows arrive, so the import's deltas keep them (else the first
  // question after importing a million rows into a new database would recount them all).
  await ensureBuilt(db);
  try {
    await db.transaction().execute((tx) => importRows(tx, input, report, today));
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    report.imported = 0;
  }
  return report;
}

async function importRows(
  tx: Executor,
  input: ImportInput,
  report: ImportReport,
  today: string,
): Promise<void> {
  const problems = report.problems;
  const note = (p: ImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  await repo.insertDataset(tx, {
    name: report.dataset,
    format: input.format,
    sha256: report.sha256,
    rows: 0,
    imported_at: new Date().toISOString(),
    imported_by: input.actor.userId,
  });
  const cubes = importAccumulator();
  const counted = { bytes: 0 };
  let reader: Reader | null = null;
  // Rows are numbered by their line: every line is a row or a problem (then nothing is written),
  // so a batch's rows are consecutive from `first`.
  let batch: string[] = [];
  let first = 2;
  let line = 0;
  try {
    for await (const cells of rowsOf(input, counted)) {
      line += 1;
      if (!reader) {
        const r = readerFor(input, cells, today);
        for (const p of r.problems) note({ row: 1, ...p });
        if (r.problems.length > 0) break;
        reader = r;
        continue;
      }
      // A spreadsheet row ends at its last filled cell.
      if (input.type === 'xlsx') while (cells.length < reader.columns.length) cells.push('');
      if (cells.length !== reader.columns.length) {
        note({ row: line, column: null, problem: 'wrong_column_count', value: String(cells.length) });
        continue;
      }
      const { victim, problems: found } = reader.read(cells);
      for (const p of found) note({ row: line, ...p });
      report.rows += 1;
      if (problems.length > 0) continue; // keep checking, stop writing
      cubes.add(report.dataset, line, victim);
      if (batch.length === 0) first = line;
      batch.push(storedVictim(victim));
      if (batch.length >= BATCH) {
        await repo.insertImportRows(tx, report.dataset, first, batch);
        batch = [];
        input.onProgress?.(report.rows, counted.bytes);
      }
    }
  } catch (error) {
    // csv-parse: an unclosed quote at the end is a truncated file; anything else is malformed.
    const { code, message } = error as { code?: string; message?: string };
    // The parser reads ahead a chunk at a time: the line is in its message, not our count.
    const at = Number(/line (\d+)/.exec(message ?? '')?.[1]) || line + 1;
    note({
      row: at,
      column: null,
      problem: code === 'CSV_QUOTE_NOT_CLOSED' ? 'truncated' : 'malformed',
      value: code ?? null,
    });
  }
  if (!reader && problems.length === 0) note({ row: 1, column: null, problem: 'empty_file', value: null });
  if (problems.length > 0) throw new Rejected();
  await repo.insertImportRows(tx, report.dataset, first, batch);
  await cubes.apply(tx);
  await repo.setDatasetRows(tx, report.dataset, report.rows);
  report.imported = report.rows;
  input.onProgress?.(report.rows, counted.bytes);
  await auditService.record(tx, input.actor, 'statistics.dataset_imported', {
    entityType: 'dataset',
    entityId: report.dataset,
    summary: { format: input.format, rows: report.rows, sha256: asCode(report.sha256) },
  });
}
