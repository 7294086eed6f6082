import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './languages.js';

describe('negotiateLanguage', () => {
  it.each([
    ['zh-MO,zh;q=0.9', 'zh-Hant'],
    ['pt-PT,pt;q=0.9,en;q=0.8', 'pt'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.2,pt;q=0.8', 'pt'],
    ['zh-TW', 'zh-Hant'],
  ] as const)('picks the best supported language from %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('falls back when nothing is supported or the header is missing', () => {
    expect(negotiateLanguage('fr, de;q=0.5', 'pt')).toBe('pt');
    expect(negotiateLanguage(undefined)).toBe('en');
  });

  it('ignores languages refused with q=0', () => {
    expect(negotiateLanguage('pt;q=0, zh-HK;q=0.3')).toBe('zh-Hant');
  });
});
