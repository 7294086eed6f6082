import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bullets, heading, pageBreak, paragraph, table, type GuiaDocument } from './model.js';
import { toPdf } from './pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'guia-pdf-'));

/** The text pdftotext reads from the PDF (pages `first`..`last` when given). */
function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
}

function pageCount(pdf: Buffer): number {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe('PDF documents', () => {
  it('renders Traditional Chinese text that can be read back', async () => {
    const doc: GuiaDocument = {
      language: 'zh-Hant',
      title: '打擊人口販賣個案摘要',
      subtitle: '澳門特別行政區',
      meta: ['參考編號 MO-2026-0001'],
      blocks: [
        heading('被害人'),
        paragraph('本個案涉及人口販賣，', { text: '被害人', bold: true }, '已獲轉介至社會工作局。'),
        bullets(['身份已核實', '同意書已簽署']),
        table([['V-7Q2K', '女']], { header: ['化名', '性別'] }),
      ],
    };
    const text = pdfText(await toPdf(doc));
    for (const expected of [
      '打擊人口販賣個案摘要',
      '澳門特別行政區',
      'MO-2026-0001',
      '人口販賣',
      '被害人',
      '社會工作局',
      '身份已核實',
      '化名',
      'V-7Q2K',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('embeds the Traditional Chinese face of the Noto collection, not the Japanese or Simplified one', async () => {
    const pdf = await toPdf({
      language: 'zh-Hant',
      title: '被害人',
      blocks: [paragraph({ text: '粗體', bold: true })],
    });
    const raw = pdf.toString('latin1');
    expect(raw).toContain('NotoSansCJKtc-Regular');
    expect(raw).toContain('NotoSansCJKtc-Bold');
    expect(raw).not.toMatch(/NotoSansCJK(jp|sc|kr)-/);
    expect(raw).toContain('/Lang (zh-MO)');
  });

  it('renders Portuguese accents and English in the same font', async () => {
    const doc: GuiaDocument = {
      language: 'pt',
      title: 'Relatório de situação',
      blocks: [
        paragraph('Proteção da vítima: acentuação — ção, ã, õ, é, ê, à, ü, º e ª.'),
        paragraph('Case summary in English, with “quotes” and 1,234.50.'),
      ],
    };
    const text = pdfText(await toPdf(doc));
    expect(text).toContain('Relatório de situação');
    expect(text).toContain('Proteção da vítima: acentuação — ção, ã, õ, é, ê, à, ü, º e ª.');
    expect(text).toContain('Case summary in English, with “quotes” and 1,234.50.');
  });

  it('repeats a long table’s header row on every page it spans', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `MO-2026-${String(i + 1).padStart(4, '0')}`,
      'Relatório',
      '被害人',
    ]);
    const pdf = await toPdf({
      language: 'en',
      title: 'Case list',
      blocks: [table(rows, { header: ['Reference', 'Título', '角色'], widths: [1, 2, 1] })],
    });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const last = pdfText(pdf, { first: pages, last: pages });
    expect(last).toContain('Reference');
    expect(last).toContain('角色');
    expect(pdfText(pdf)).toContain('MO-2026-0120');
  });

  it('starts a new page at each page break and numbers the pages', async () => {
    const pdf = await toPdf({
      language: 'en',
      title: 'Minutes',
      blocks: [heading('Part one'), pageBreak(), heading('Part two'), pageBreak(), heading('Part three')],
    });
    expect(pageCount(pdf)).toBe(3);
    expect(pdfText(pdf, { first: 2, last: 2 })).toContain('Part two');
    expect(pdfText(pdf, { first: 3, last: 3 })).toMatch(/Part three[\s\S]*3 ?\/ ?3/);
  });

  it('fails with an error naming the missing font file', async () => {
    const missing = join(dir, 'no-such-font.ttc');
    await expect(
      toPdf({ language: 'en', title: 'x', blocks: [] }, { regular: missing, bold: missing }),
    ).rejects.toThrow(missing);
  });

  it('writes a five-page trilingual document in reasonable time', async () => {
    const blocks = [];
    for (let page = 1; page <= 5; page += 1) {
      blocks.push(heading(`Secção ${page} — 人口販賣 — Section ${page}`));
      for (let i = 0; i < 5; i += 1) {
        blocks.push(
          paragraph(
            '被害人已獲轉介至社會工作局，並接受庇護及輔導服務。A victim was referred to social welfare. ',
            'A vítima foi encaminhada para o Instituto de Acção Social, com acentuação e proteção.',
          ),
        );
      }
      blocks.push(
        table(
          [
            ['MO-1', 'Relatório', '被害人'],
            ['MO-2', 'Situação', '疑犯'],
          ],
          { header: ['Ref', 'Título', '角色'] },
        ),
      );
      if (page < 5) blocks.push(pageBreak());
    }
    const doc: GuiaDocument = { language: 'zh-Hant', title: '報告 Relatório Report', blocks };
    await toPdf(doc); // fonts read once per process: measure a warm run, as a server would see it
    const started = performance.now();
    const pdf = await toPdf(doc);
    const elapsed = performance.now() - started;
    console.warn(`five-page PDF: ${Math.round(elapsed)} ms, ${pdf.length} bytes`);
    expect(pageCount(pdf)).toBe(5);
    expect(elapsed).toBeLessThan(5000);
  });
});
