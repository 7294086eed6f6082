import { describe, expect, it } from 'vitest';
import { isLanguage, negotiateLanguage } from './languages.js';

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

  it('prefers the higher weight whatever the order, and reads the weight among other parameters', () => {
    expect(negotiateLanguage('en;q=0.5, pt')).toBe('pt');
    expect(negotiateLanguage('en;q=0.5, pt;level=1;q=0.9')).toBe('pt');
    expect(negotiateLanguage('en;q=0.5, pt;level=1')).toBe('pt');
  });

  it('ignores a language refused with q=0, or with a weight that is not a finite number', () => {
    expect(negotiateLanguage('pt;q=0', 'en')).toBe('en');
    expect(negotiateLanguage('pt;q=Infinity, en;q=0.5', 'zh-Hant')).toBe('en');
    expect(negotiateLanguage('pt;q=abc', 'en')).toBe('en');
  });

  it('matches a language by the start of its tag, in any case', () => {
    expect(negotiateLanguage('pt-BR', 'en')).toBe('pt');
    expect(negotiateLanguage('EN-GB', 'pt')).toBe('en');
    expect(negotiateLanguage('zh-Hans-CN', 'en')).toBe('zh-Hant');
    expect(negotiateLanguage('xen, ept', 'zh-Hant')).toBe('zh-Hant');
  });
});

describe('isLanguage', () => {
  it('knows the three languages and nothing else', () => {
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('zh-Hant')).toBe(true);
    expect(isLanguage('pt')).toBe(true);
    expect(isLanguage('zh')).toBe(false);
    expect(isLanguage(1)).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
