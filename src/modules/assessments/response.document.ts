import en from '../../../locales/en/assessments.json' with { type: 'json' };
import pt from '../../../locales/pt/assessments.json' with { type: 'json' };
import zhHant from '../../../locales/zh-Hant/assessments.json' with { type: 'json' };
import type { Language } from '../../core/languages.js';
import { toDocx } from '../../documents/docx.js';
import { heading, paragraph, table, type Block, type GuiaDocument } from '../../documents/model.js';
import { toPdf } from '../../documents/pdf.js';
import type { ResponsePoint, ResponsePreview } from './assessments.schemas.js';

// The response as a document, through the shared writers (src/documents): the same blocks
// become DOCX and PDF, in the language of the preview it is built from.

type Words = (typeof en)['documents'];
const catalogues: Record<Language, Words> = {
  en: en.documents,
  'zh-Hant': zhHant.documents,
  pt: pt.documents,
};

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));

function figureRows(point: ResponsePoint, words: Words, threshold: number | null): string[][] {
  return point.figures.map((f) => [
    words.subjects[f.subject],
    `${f.period.start} – ${f.period.end}`,
    f.suppressed ? fill(words.fewerThan, { threshold: threshold ?? '' }) : String(f.value),
  ]);
}

function pointBlocks(point: ResponsePoint, n: number, words: Words, threshold: number | null): Block[] {
  const blocks: Block[] = [
    heading(fill(point.kind === 'recommendation' ? words.recommendation : words.claim, { n }), 2),
    paragraph({ text: point.quote, italics: true }),
  ];
  if (point.status) blocks.push(paragraph(fill(words.status, { status: words.statuses[point.status] })));
  if (point.claimed !== null) blocks.push(paragraph(fill(words.claimed, { value: point.claimed })));
  if (point.figures.length > 0)
    blocks.push(
      table(figureRows(point, words, threshold), { header: words.figureHeader, widths: [3, 3, 2] }),
    );
  if (point.categories.length > 0)
    blocks.push(
      paragraph(fill(words.categories, { list: point.categories.map((c) => words.category[c]).join('; ') })),
    );
  blocks.push(paragraph(point.text.trim() || words.noText));
  return blocks;
}

export function responseDocument(preview: ResponsePreview, sourceName: string): GuiaDocument {
  const words = catalogues[preview.language];
  const jurisdiction =
    (words.jurisdictions as Record<string, string>)[preview.jurisdiction] ?? preview.jurisdiction;
  const { threshold, rules } = preview.publication;
  const recommendations = preview.points.filter((p) => p.kind === 'recommendation');
  const claims = preview.points.filter((p) => p.kind === 'claim');
  const blocks: Block[] = [];
  if (recommendations.length > 0) {
    blocks.push(heading(words.recommendations, 1));
    recommendations.forEach((p, i) => blocks.push(...pointBlocks(p, i + 1, words, threshold)));
  }
  if (claims.length > 0) {
    blocks.push(heading(words.claims, 1));
    claims.forEach((p, i) => blocks.push(...pointBlocks(p, i + 1, words, threshold)));
  }
  if (blocks.length === 0) blocks.push(paragraph(words.noPoints));
  return {
    language: preview.language,
    title: fill(words.title, { year: preview.year, source: sourceName }),
    subtitle: fill(words.subtitle, { jurisdiction }),
    meta: [
      fill(words.period, { start: preview.period.start, end: preview.period.end }),
      ...(rules && threshold ? [fill(words.publication, { rules, threshold, below: threshold - 1 })] : []),
    ],
    blocks,
  };
}

export async function renderResponse(
  preview: ResponsePreview,
  sourceName: string,
  format: 'docx' | 'pdf',
): Promise<Buffer> {
  const doc = responseDocument(preview, sourceName);
  return format === 'docx' ? toDocx(doc) : toPdf(doc);
}
