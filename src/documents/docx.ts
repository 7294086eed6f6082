import type { IRunOptions, Paragraph, Table, TextRun } from 'docx';
import { languageTag, type Block, type GuiaDocument, type Run } from './model.js';

// Fonts are named, not embedded: Word substitutes when one is missing. The East Asian slot
// names a Traditional Chinese face found on Windows (Microsoft JhengHei) so Chinese text is
// not drawn with Simplified or Japanese glyph shapes.
const font = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Microsoft JhengHei' };

// The docx library is loaded by the first document written, not at start-up (it costs a
// profiled fifth of a second of CPU to load, and most processes never write a Word file).
type Docx = typeof import('docx');

const headingLevels = (d: Docx) =>
  ({ 1: d.HeadingLevel.HEADING_1, 2: d.HeadingLevel.HEADING_2, 3: d.HeadingLevel.HEADING_3 }) as const;

function textRuns(d: Docx, items: Run[], extra: IRunOptions = {}): TextRun[] {
  return items.map((run) =>
    typeof run === 'string'
      ? new d.TextRun({ text: run, ...extra })
      : new d.TextRun({ text: run.text, bold: run.bold, italics: run.italics, ...extra }),
  );
}

function cell(d: Docx, text: string, widthPercent: number, header: boolean) {
  return new d.TableCell({
    width: { size: widthPercent, type: d.WidthType.PERCENTAGE },
    children: [new d.Paragraph({ children: textRuns(d, [text], { bold: header }) })],
  });
}

function tableOf(d: Docx, item: Extract<Block, { kind: 'table' }>): Table {
  const columns = item.header?.length ?? item.rows[0]?.length ?? 1;
  const weights = item.widths?.length === columns ? item.widths : Array<number>(columns).fill(1);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const percents = weights.map((w) => (100 * w) / total);
  const row = (values: string[], header: boolean) =>
    new d.TableRow({
      tableHeader: header,
      cantSplit: true,
      children: percents.map((width, i) => cell(d, values[i] ?? '', width, header)),
    });
  return new d.Table({
    width: { size: 100, type: d.WidthType.PERCENTAGE },
    rows: [
      ...(item.header ? [row(item.header, true)] : []),
      ...item.rows.map((values) => row(values, false)),
    ],
  });
}

function blocks(d: Docx, items: Block[]): (Paragraph | Table)[] {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'heading':
          return new d.Paragraph({
            heading: headingLevels(d)[item.level ?? 1],
            children: textRuns(d, [item.text]),
          });
        case 'paragraph':
          return new d.Paragraph({ children: textRuns(d, item.runs) });
        case 'bullets':
          // Built-in bullet numbering; one paragraph per item keeps them editable in Word.
          return item.items.map(
            (parts) => new d.Paragraph({ bullet: { level: 0 }, children: textRuns(d, parts) }),
          );
        case 'table':
          return [tableOf(d, item), new d.Paragraph({})];
        case 'pageBreak':
          return new d.Paragraph({ pageBreakBefore: true, children: [] });
      }
    })
    .flat();
}

/** Renders the document as an editable Word file (A4, page numbers in the footer). */
export async function toDocx(doc: GuiaDocument): Promise<Buffer> {
  const d = await import('docx');
  const lang = languageTag[doc.language];
  const head = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: textRuns(d, [doc.title]) }),
    ...(doc.subtitle
      ? [new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: textRuns(d, [doc.subtitle]) })]
      : []),
    ...(doc.meta ?? []).map(
      (line) => new d.Paragraph({ children: textRuns(d, [line], { color: '555555', size: 18 }) }),
    ),
  ];
  const document = new d.Document({
    title: doc.title,
    subject: doc.subtitle ?? '',
    creator: 'Guia',
    styles: {
      default: {
        document: { run: { font, size: 21, language: { value: lang, eastAsia: languageTag['zh-Hant'] } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  new d.TextRun({
                    children: [d.PageNumber.CURRENT, ' / ', d.PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...head, ...blocks(d, doc.blocks)],
      },
    ],
  });
  return d.Packer.toBuffer(document);
}
