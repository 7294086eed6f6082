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
import { VictimEncoder, type CodedVictims } from '../../core/statistics/victim-codes.js';
import type { ImportFormat, ImportProblem } from './statistics.schemas.js';

// The reading half of an import: a file's rows parsed, checked and coded, in batches, with the
// problems found by row and column. No database: it runs in a worker thread beside the import
// (statistics.import-worker.ts) or, for a spreadsheet or a small file, in the import's own thread.
// Either way the import's thread gets the same batches, counts them into the cubes and stores them.

/** Problems reported at most; the file is still read to its end so its rows are known. */
export const MAX_PROBLEMS = 200;
/**
 * A record longer than this (a CTDC row is ~120 bytes) is refused as malformed rather than held:
 * memory stays bounded whatever the file, and the reader's worker within its heap.
 */
export const MAX_RECORD_BYTES = 1 << 20;
/** Victims a batch carries (the rows one insert statement writes). */
const BATCH = 5000;

/** What the reader needs: plain data, so that it can be sent to a worker. */
export type ImportSource = {
  format: ImportFormat;
  type: 'csv' | 'xlsx';
  /** The file's bytes, or its path. */
  content: Uint8Array | string;
  /** The committee's date: years and dates after it are refused. */
  today: string;
};

/**
 * Rows read since the previous batch. While the file has no problem, every row is a victim and
 * the victims are consecutive from `first`; after the first problem, batches carry problems only.
 */
export type RowBatch = {
  /** The row number (1 is the header) of the batch's first victim. */
  first: number;
  /** Each victim as stored (a row of stat_import_rows). */
  stored: string[];
  victims: CodedVictims;
  /** Problems found since the previous batch; the file's first MAX_PROBLEMS in all. */
  problems: ImportProblem[];
  /** Rows read so far (the header not counted), and bytes. */
  rows: number;
  bytes: number;
  /** The file's last batch. */
  last: boolean;
};

/** The file as a stream. Bytes sent to a worker arrive as a Uint8Array: a Buffer over them, no copy. */
export const openSource = (content: Uint8Array | string): Readable =>
  typeof content === 'string'
    ? createReadStream(content)
    : Readable.from([Buffer.from(content.buffer, content.byteOffset, content.byteLength)]);

/** The file's rows as string arrays, header first, a batch at a time (no promise per row). */
async function* rowsOf(source: ImportSource, counted: { bytes: number }): AsyncGenerator<string[][]> {
  if (source.type === 'xlsx') {
    // Read whole: exceljs's streaming reader waits forever on bytes that are not a complete
    // workbook (an empty upload, a cut-off file, a zip header over noise: found by fuzzing),
    // holding the import's transaction; the whole-file reader refuses them with an error.
    // Loaded only for a spreadsheet: exceljs costs a profiled 1.3 s to load, a CSV needs none of it.
    const { default: excel } = await import('exceljs');
    const content = typeof source.content === 'string' ? await readFile(source.content) : source.content;
    counted.bytes += content.length;
    const workbook = new excel.Workbook();
    // exceljs types its Buffer before Node's became generic over its backing store (no copy).
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]; // the first worksheet only
    if (!sheet) return;
    const rows: string[][] = [];
    for (const row of sheet.getRows(1, sheet.rowCount) ?? [])
      if (row.hasValues) rows.push((row.values as unknown[]).slice(1).map(xlsxText));
    yield rows;
    return;
  }
  // Loaded by the first import, not when the server starts.
  const { parse } = await import('csv-parse');
  const stream = openSource(source.content);
  stream.on('data', (chunk: Buffer | string) => (counted.bytes += chunk.length));
  const parser = stream.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  stream.on('error', (error) => parser.destroy(error));
  yield* recordsOf(parser);
}

/** The records a stream has parsed, all those ready at each step (one promise per chunk read). */
async function* recordsOf(parser: Readable): AsyncGenerator<string[][]> {
  let wake: (() => void) | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  parser.on('readable', signal).on('end', signal).on('error', signal).on('close', signal);
  try {
    for (;;) {
      const records: string[][] = [];
      // A stream destroyed by an error keeps no record to read (as its async iterator does).
      for (let r: string[] | null; !parser.destroyed && (r = parser.read() as string[] | null) !== null;)
        records.push(r);
      if (records.length > 0) yield records;
      else if (parser.errored) throw parser.errored;
      else if (parser.readableEnded || parser.destroyed) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // The error listener stays: a destroyed stream emits its error on the next tick, after this.
    parser.off('readable', signal).off('end', signal).off('close', signal);
    parser.destroy();
  }
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

function readerFor(source: ImportSource, header: string[]): Reader & { problems: RowProblem[] } {
  if (source.format === 'ctdc') {
    const h = readCtdcHeader(header);
    const read = ctdcCellsReader(h.variant, h.columns, Number(source.today.slice(0, 4)));
    return { columns: h.columns, problems: h.problems, read };
  }
  const { columns, problems } = readHtcdsHeader(header);
  const read = (cells: readonly string[]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i < cells.length; i++) record[columns[i]!] = cells[i] ?? '';
    return readHtcdsRow(record, source.today);
  };
  return { columns, problems, read };
}

/** The file's rows in batches of victims (or, once a row has a problem, of problems); the last says so. */
export async function* readRows(source: ImportSource): AsyncGenerator<RowBatch> {
  const counted = { bytes: 0 };
  const victims = new VictimEncoder();
  let problems: ImportProblem[] = [];
  let noted = 0;
  const note = (p: ImportProblem) => {
    if (noted >= MAX_PROBLEMS) return;
    noted += 1;
    problems.push(p);
  };
  let stored: string[] = [];
  let first = 2;
  let rows = 0;
  const batch = (last: boolean): RowBatch => {
    const coded = victims.take();
    // After a problem nothing is written: the victims read before it are not sent.
    const b =
      noted > 0
        ? { first, stored: [], victims: { count: 0, codes: new Int32Array(0), words: [] }, problems, rows }
        : { first, stored, victims: coded, problems, rows };
    stored = [];
    problems = [];
    return { ...b, bytes: counted.bytes, last };
  };
  let reader: Reader | null = null;
  // Rows are numbered by their record: every record is a row or a problem (then nothing is
  // written), so a batch's victims are consecutive from `first`.
  let line = 0;
  try {
    read: for await (const records of rowsOf(source, counted))
      for (const cells of records) {
        line += 1;
        if (!reader) {
          const r = readerFor(source, cells);
          for (const p of r.problems) note({ row: 1, ...p });
          if (r.problems.length > 0) break read;
          reader = r;
          continue;
        }
        // A spreadsheet row ends at its last filled cell.
        if (source.type === 'xlsx') while (cells.length < reader.columns.length) cells.push('');
        if (cells.length !== reader.columns.length) {
          note({ row: line, column: null, problem: 'wrong_column_count', value: String(cells.length) });
          continue;
        }
        const { victim, problems: found } = reader.read(cells);
        for (const p of found) note({ row: line, ...p });
        rows += 1;
        if (noted > 0) continue; // keep checking, stop coding
        if (stored.length === 0) first = line;
        stored.push(storedVictim(victim));
        victims.add(victim);
        if (stored.length >= BATCH) yield batch(false);
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
  if (!reader && noted === 0) note({ row: 1, column: null, problem: 'empty_file', value: null });
  yield batch(true);
}
