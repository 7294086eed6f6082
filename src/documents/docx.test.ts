import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDocx } from './docx.js';
import { bullets, heading, pageBreak, paragraph, table, type GuiaDocument } from './model.js';

const dir = mkdtempSync(join(tmpdir(), 'guia-docx-'));

/** word/document.xml of a DOCX (a zip), read with unzip. */
function documentXml(docx: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(file, docx);
  return execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
}

/** The document's text, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

const trilingual: GuiaDocument = {
  language: 'pt',
  title: 'Relatório de situação',
  subtitle: '打擊人口販賣 — Anti-trafficking',
  meta: ['MO-2026-0001', '2026-12-02'],
  blocks: [
    heading('Vítimas'),
    paragraph('A ', { text: 'vítima', bold: true }, ' foi encaminhada — proteção e acentuação.'),
    bullets(['被害人已獲轉介', 'Referred to social welfare']),
    table([['V-7Q2K', 'Mulher', '女']], { header: ['Pseudónimo', 'Sexo', '性別'] }),
    pageBreak(),
    heading('Anexo', 2),
  ],
};

describe('DOCX documents', () => {
  it('holds every piece of text in the three languages', async () => {
    const text = paragraphs(documentXml(await toDocx(trilingual)));
    expect(text).toEqual(
      expect.arrayContaining([
        'Relatório de situação',
        '打擊人口販賣 — Anti-trafficking',
        'MO-2026-0001',
        'Vítimas',
        'A vítima foi encaminhada — proteção e acentuação.',
        '被害人已獲轉介',
        'Referred to social welfare',
        'Pseudónimo',
        '性別',
        'V-7Q2K',
        '女',
        'Anexo',
      ]),
    );
  });

  it('marks the table header to repeat on each page, the bullets as a list and the page break', async () => {
    const xml = documentXml(await toDocx(trilingual));
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml.match(/<w:numPr>/g)).toHaveLength(2);
    expect(xml).toContain('<w:pageBreakBefore/>');
  });

  it('declares the document language and a Traditional Chinese East Asian font', async () => {
    const file = join(dir, 'styles.docx');
    writeFileSync(file, await toDocx({ language: 'zh-Hant', title: '被害人', blocks: [] }));
    const styles = execFileSync('unzip', ['-p', file, 'word/styles.xml'], { encoding: 'utf8' });
    expect(styles).toMatch(/<w:lang [^>]*w:val="zh-MO"/);
    expect(styles).toContain('w:eastAsia="Microsoft JhengHei"');
  });

  it('keeps paragraph runs in order with their emphasis', async () => {
    const xml = documentXml(await toDocx(trilingual));
    expect(xml).toMatch(/<w:b\/>[\s\S]*?<w:t[^>]*>vítima<\/w:t>/);
  });
});
