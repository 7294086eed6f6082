import { createRequire } from 'node:module';

// The writers' libraries are loaded by the first file written, not at start-up: exceljs alone
// cost a profiled 0.6 s of CPU to load, paid by every `guia serve` and `guia --version` before.
// csv-stringify is required (not imported) because toCsv is synchronous.
type CsvStringify = typeof import('csv-stringify/sync');
let csvStringify: CsvStringify | undefined;
const csv = () => (csvStringify ??= createRequire(import.meta.url)('csv-stringify/sync') as CsvStringify);

// Lists leave Guia as spreadsheets, and a spreadsheet runs what looks like a formula. A value
// typed by a user ("=HYPERLINK(…)", "+853…", "@SUM(…)") must reach the reader as text, never as
// a formula that runs on the analyst's machine (CSV/formula injection, OWASP).

export type Cell = string | number | boolean | Date | null | undefined;

export type Sheet = {
  /** Worksheet name; Excel limits it to 31 characters and forbids : \ / ? * [ ] */
  name: string;
  header: string[];
  rows: Cell[][];
  /** Column widths in characters; a guess from the header when omitted. */
  widths?: number[];
};

const formulaStart = /^[=+\-@\t\r]/;
// A value that is plainly a number ("-12", "+3.5", "-0.25") stays as typed: it cannot run.
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The text as a spreadsheet must show it: a leading `'` when it would otherwise start a formula. */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

function safeCell(value: Cell): Exclude<Cell, undefined> {
  if (value === undefined) return null;
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/** CSV text (RFC 4180, CRLF) with a UTF-8 byte-order mark so Excel reads Chinese and accents right. */
export function toCsv(rows: Cell[][], options: { bom?: boolean } = {}): string {
  const safe = rows.map((row) =>
    row.map((value) => {
      const cell = safeCell(value);
      if (cell instanceof Date) return cell.toISOString();
      return cell === null ? '' : cell;
    }),
  );
  const text = csv().stringify(safe, {
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  return (options.bom ?? true) ? `\uFEFF${text}` : text;
}

/** The rows of a sheet as CSV, header first. */
export function sheetToCsv(sheet: Sheet, options: { bom?: boolean } = {}): string {
  return toCsv([sheet.header, ...sheet.rows], options);
}

const forbiddenInSheetName = /[:\\/?*[\]]/g;

/** An XLSX workbook, one worksheet per sheet, the header row bold and frozen. */
export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Guia';
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheet.name.replace(forbiddenInSheetName, ' ').slice(0, 31) || 'Sheet';
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${name.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.header.map((title, i) => ({
      header: neutraliseFormula(title),
      width: sheet.widths?.[i] ?? Math.min(60, Math.max(10, title.length + 4)),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map(safeCell));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
