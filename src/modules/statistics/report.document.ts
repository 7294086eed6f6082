import en from '../../../locales/en/statistics.json' with { type: 'json' };
import pt from '../../../locales/pt/statistics.json' with { type: 'json' };
import zhHant from '../../../locales/zh-Hant/statistics.json' with { type: 'json' };
import { messagesOf } from '../../core/catalogues.js';
import type { Language } from '../../core/languages.js';
import { dimensionValueText } from '../../core/statistics/dimension-values.js';
import {
  heading,
  paragraph,
  table,
  toCsv,
  toPdf,
  toXlsx,
  type Block,
  type Cell,
  type GuiaDocument,
} from '../../documents/index.js';
import type { YearlyReport } from './statistics.schemas.js';

// The yearly report as files: a PDF in the reader's language (the printed report), and the same
// figures as a workbook (one sheet) or CSV (section, value, count), for the committee's own
// tables. Words come from the web's catalogue (`statistics.report`), so screen and file agree.

const reportMessages = messagesOf({ en: en.report, 'zh-Hant': zhHant.report, pt: pt.report });

export function reportText(language: Language) {
  return (key: string, params: Record<string, string | number> = {}) => reportMessages(language, key, params);
}

const locales: Record<Language, string> = { en: 'en-GB', 'zh-Hant': 'zh-Hant-MO', pt: 'pt-PT' };
const dateText = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

type Section = YearlyReport['sections'][number];

/** The rows of a section as words: value, count. */
function sectionRows(s: Section, language: Language): [string, number][] {
  const t = reportText(language);
  return s.rows.map((r) => [
    r.value === null
      ? t('notRecorded')
      : s.dimension
        ? (dimensionValueText(s.dimension, r.value, language) ?? r.value)
        : r.value,
    r.count,
  ]);
}

/** The period in words: "Calendar year 2024 (1 January 2024 to 31 December 2024)". */
export function reportPeriodText(report: YearlyReport, language: Language): string {
  const t = reportText(language);
  return t('periodLine', {
    period: t(report.period === 'tip' ? 'tipPeriod' : 'calendarYear', { year: report.year }),
    start: dateText(report.start, language),
    end: dateText(report.end, language),
  });
}

function sectionBlocks(s: Section, language: Language): Block[] {
  const t = reportText(language);
  const blocks: Block[] = [heading(t(`sections.${s.id}`), 2)];
  if (s.dimension === null) {
    blocks.push(table([[t('total'), String(s.total)]], { widths: [3, 1] }));
    return blocks;
  }
  const rows = sectionRows(s, language).map(([v, n]) => [v, String(n)]);
  blocks.push(
    table([...rows, [t('total'), String(s.total)]], {
      header: [t(`dimension.${s.dimension}`), t('count')],
      widths: [3, 1],
    }),
  );
  if (s.recordsWithValue !== null)
    blocks.push(paragraph(t('multiValued', { records: s.recordsWithValue, total: s.total })));
  if (s.measure !== null) blocks.push(paragraph(t('months', { months: s.measure })));
  return blocks;
}

export function reportDocument(report: YearlyReport, language: Language, today: string): GuiaDocument {
  const t = reportText(language);
  return {
    language,
    title: t('title'),
    subtitle: reportPeriodText(report, language),
    meta: [t('generated', { date: dateText(today, language) })],
    blocks: [paragraph(t('intro')), ...report.sections.flatMap((s) => sectionBlocks(s, language))],
  };
}

/** One table: section, value, count; a section's total is its own row. */
function reportCells(report: YearlyReport, language: Language): { header: string[]; rows: Cell[][] } {
  const t = reportText(language);
  const rows: Cell[][] = [];
  for (const s of report.sections) {
    const name = t(`sections.${s.id}`);
    for (const [value, count] of sectionRows(s, language)) rows.push([name, value, count]);
    rows.push([name, t('total'), s.total]);
  }
  return { header: [t('section'), t('value'), t('count')], rows };
}

export type ReportFile = { name: string; contentType: string; body: Buffer | string };

export async function reportFile(
  report: YearlyReport,
  format: 'pdf' | 'xlsx' | 'csv',
  language: Language,
  today: string,
): Promise<ReportFile> {
  const name = `guia-report-${report.key}-${language}`;
  if (format === 'pdf')
    return {
      name: `${name}.pdf`,
      contentType: 'application/pdf',
      body: await toPdf(reportDocument(report, language, today)),
    };
  const { header, rows } = reportCells(report, language);
  if (format === 'xlsx')
    return {
      name: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx([{ name: report.key, header, rows, widths: [36, 36, 10] }]),
    };
  return { name: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([header, ...rows]) };
}
