import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { languageTag, type Block, type GuiaDocument, type Run } from './model.js';

// pdfmake 0.3 is CommonJS and exports one configured instance; require keeps its types honest.
type PdfMake = {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: TFontDictionary): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
// Required by the first PDF written, not at start-up: pdfmake (with pdfkit and fontkit) costs a
// profiled third of a second of CPU to load, which every `guia serve` paid before listening.
let loadedPdfmake: PdfMake | undefined;
const pdfmake = (): PdfMake => (loadedPdfmake ??= createRequire(import.meta.url)('pdfmake') as PdfMake);

export type PdfFonts = { regular: string; bold: string };

/** Debian's fonts-noto-cjk: one font for Chinese, Latin and Portuguese accents alike. */
export const defaultPdfFonts: PdfFonts = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
};

// The .ttc files are collections (Japanese, Korean, Simplified, Traditional, Hong Kong faces
// share one file); the PostScript name picks the Traditional Chinese face, whose glyph shapes
// follow the Taiwan/Macao standard. The faces also carry full Latin and Latin-1 glyphs.
const faces = { regular: 'NotoSansCJKtc-Regular', bold: 'NotoSansCJKtc-Bold' } as const;

// Fonts are read once into pdfmake's in-memory file system (each file is ~20 MB); documents
// never touch the disk or the network for anything else.
const loaded = new Set<string>();
function loadFont(path: string): string {
  if (loaded.has(path)) return path;
  if (!existsSync(path)) {
    throw new Error(
      `PDF font file missing: ${path}. Install the Debian package fonts-noto-cjk (Noto Sans CJK TC is needed for Chinese text).`,
    );
  }
  pdfmake().virtualfs.writeFileSync(path, readFileSync(path));
  loaded.add(path);
  return path;
}

function fontDictionary(fonts: PdfFonts): TFontDictionary {
  const regular = loadFont(fonts.regular);
  const bold = loadFont(fonts.bold);
  // CJK fonts have no italic face: italics fall back to the upright one. The collection entry is
  // [file, PostScript name] (pdfkit's font(src, family)); @types/pdfmake only knows numeric indices.
  const dictionary = {
    Guia: {
      normal: [regular, faces.regular],
      bold: [bold, faces.bold],
      italics: [regular, faces.regular],
      bolditalics: [bold, faces.bold],
    },
  };
  return dictionary as unknown as TFontDictionary;
}

function runs(items: Run[]): Content[] {
  return items.map((run) =>
    typeof run === 'string' ? { text: run } : { text: run.text, bold: run.bold, italics: run.italics },
  );
}

function block(item: Block, isFirst: boolean): Content {
  switch (item.kind) {
    case 'heading':
      return { text: item.text, style: `h${item.level ?? 1}`, headlineLevel: item.level ?? 1 };
    case 'paragraph':
      return { text: runs(item.runs), style: 'body' };
    case 'bullets':
      return { ul: item.items.map((parts) => ({ text: runs(parts) })), style: 'body' };
    case 'table': {
      const columns = item.header?.length ?? item.rows[0]?.length ?? 1;
      const total = (item.widths ?? []).reduce((sum, w) => sum + w, 0);
      const widths =
        item.widths && total > 0 ? item.widths.map((w) => `${(100 * w) / total}%`) : Array(columns).fill('*');
      const header = item.header ? [item.header.map((text) => ({ text, style: 'th' }))] : [];
      const body = item.rows.map((row) =>
        Array.from({ length: columns }, (_, i) => ({ text: row[i] ?? '' })),
      );
      return {
        table: { headerRows: header.length, widths, body: [...header, ...body], dontBreakRows: true },
        layout: 'lightHorizontalLines',
        style: 'table',
      };
    }
    case 'pageBreak':
      // A page break as the very first block would leave an empty first page.
      return isFirst ? { text: '' } : { text: '', pageBreak: 'after' };
  }
}

export function pdfDefinition(doc: GuiaDocument): TDocumentDefinitions {
  const head: Content[] = [{ text: doc.title, style: 'title' }];
  if (doc.subtitle) head.push({ text: doc.subtitle, style: 'subtitle' });
  if (doc.meta?.length) head.push({ stack: doc.meta.map((line) => ({ text: line })), style: 'meta' });
  return {
    info: { title: doc.title, subject: doc.subtitle ?? '', creator: 'Guia' },
    language: languageTag[doc.language],
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Guia', fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 4] },
      meta: { fontSize: 9, color: '#555555', margin: [0, 0, 0, 12] },
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
      body: { margin: [0, 0, 0, 6] },
      table: { fontSize: 9, margin: [0, 2, 0, 10] },
      th: { bold: true },
    },
    content: [...head, ...doc.blocks.map((item, i) => block(item, i === 0))],
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
    }),
  };
}

/** Renders the document as an A4 PDF with the Noto Sans CJK TC font embedded (subset). */
export async function toPdf(doc: GuiaDocument, fonts: PdfFonts = defaultPdfFonts): Promise<Buffer> {
  const fontDefs = fontDictionary(fonts);
  const allowed = new Set([fonts.regular, fonts.bold]);
  const pdf = pdfmake();
  pdf.setUrlAccessPolicy(() => false);
  pdf.setLocalAccessPolicy((path) => allowed.has(path));
  // pdfmake keeps fonts on its shared instance and rewrites the entries it resolves: give it
  // a fresh dictionary for every document, set synchronously right before createPdf.
  pdf.setFonts(fontDefs);
  return pdf.createPdf(pdfDefinition(doc)).getBuffer();
}
