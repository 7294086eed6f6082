/**
 * Documents: the DOCX, PDF, XLSX and CSV writers every module shares.
 *
 * Printable documents (minutes, case summaries, responses) are built once as a
 * {@link GuiaDocument} — title, subtitle, metadata lines, then blocks: headings, paragraphs,
 * bullet lists, tables with a header row repeated on each page, page breaks — from strings
 * already translated into the reader's language, then written in either format:
 *
 * ```ts
 * import { heading, paragraph, table, toPdf, toDocx } from '../../documents/index.js';
 * const doc = {
 *   language: 'zh-Hant',
 *   title: '個案摘要',
 *   meta: ['MO-2026-0001', '2026-12-02'],
 *   blocks: [heading('被害人'), table([['V-7Q2K', '女']], { header: ['化名', '性別'] }), paragraph('…')],
 * } satisfies GuiaDocument;
 * const pdf = await toPdf(doc);   // A4, Noto Sans CJK TC embedded: Chinese, Latin and Portuguese accents
 * const docx = await toDocx(doc); // editable Word file
 * ```
 *
 * `toPdf` needs Debian's fonts-noto-cjk (`/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc`)
 * and throws an Error naming the missing file otherwise; the fonts are read once per process.
 *
 * Lists leave as spreadsheets through `toXlsx(sheets)` and `toCsv(rows)` / `sheetToCsv(sheet)`.
 * Both are formula-safe: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets
 * a leading `'` unless it is a plain number, so a value a user typed never runs as a formula.
 * CSV is UTF-8 with a byte-order mark (Excel then reads Chinese correctly) and CRLF line ends.
 *
 * The writers translate nothing and check no permission: callers pass only what the reader may
 * see, in the reader's language, and audit the export.
 */
export * from './model.js';
export { toDocx } from './docx.js';
export { toPdf, defaultPdfFonts, type PdfFonts } from './pdf.js';
export { neutraliseFormula, sheetToCsv, toCsv, toXlsx, type Cell, type Sheet } from './tabular.js';
