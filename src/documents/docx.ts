import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { languageTag, type Block, type GuiaDocument, type Run } from './model.js';

// Fonts are named, not embedded: Word substitutes when one is missing. The East Asian slot
// names a Traditional Chinese face found on Windows (Microsoft JhengHei) so Chinese text is
// not drawn with Simplified or Japanese glyph shapes.
const font = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Microsoft JhengHei' };

const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

function textRuns(items: Run[], extra: IRunOptions = {}): TextRun[] {
  return items.map((run) =>
    typeof run === 'string'
      ? new TextRun({ text: run, ...extra })
      : new TextRun({ text: run.text, bold: run.bold, italics: run.italics, ...extra }),
  );
}

function cell(text: string, widthPercent: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: textRuns([text], { bold: header }) })],
  });
}

function tableOf(item: Extract<Block, { kind: 'table' }>): Table {
  const columns = item.header?.length ?? item.rows[0]?.length ?? 1;
  const weights = item.widths?.length === columns ? item.widths : Array<number>(columns).fill(1);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const percents = weights.map((w) => (100 * w) / total);
  const row = (values: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: percents.map((width, i) => cell(values[i] ?? '', width, header)),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(item.header ? [row(item.header, true)] : []),
      ...item.rows.map((values) => row(values, false)),
    ],
  });
}

function blocks(items: Block[]): (Paragraph | Table)[] {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'heading':
          return new Paragraph({ heading: headingLevels[item.level ?? 1], children: textRuns([item.text]) });
        case 'paragraph':
          return new Paragraph({ children: textRuns(item.runs) });
        case 'bullets':
          // Built-in bullet numbering; one paragraph per item keeps them editable in Word.
          return item.items.map(
            (parts) => new Paragraph({ bullet: { level: 0 }, children: textRuns(parts) }),
          );
        case 'table':
          return [tableOf(item), new Paragraph({})];
        case 'pageBreak':
          return new Paragraph({ pageBreakBefore: true, children: [] });
      }
    })
    .flat();
}

/** Renders the document as an editable Word file (A4, page numbers in the footer). */
export async function toDocx(doc: GuiaDocument): Promise<Buffer> {
  const lang = languageTag[doc.language];
  const head = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns([doc.title]) }),
    ...(doc.subtitle
      ? [new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns([doc.subtitle]) })]
      : []),
    ...(doc.meta ?? []).map(
      (line) => new Paragraph({ children: textRuns([line], { color: '555555', size: 18 }) }),
    ),
  ];
  const document = new Document({
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
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: [...head, ...blocks(doc.blocks)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
