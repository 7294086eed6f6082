import { describe, expect, it } from 'vitest';
import { chineseNumber, legalReference } from './legal-reference.js';
import { countryName, searchCountries } from './countries.js';

describe("legal references in each language's legal style", () => {
  it("writes a numbered law as Macao's legislation does", () => {
    expect(legalReference('Law 6/97/M', '8', 'en')).toBe('Law 6/97/M, art. 8');
    expect(legalReference('Law 6/97/M', '8', 'pt')).toBe('Lei n.º 6/97/M, art. 8.º');
    expect(legalReference('Law 6/97/M', '8', 'zh-Hant')).toBe('第6/97/M號法律第八條');
  });
  it('writes the Penal Code with lettered articles and paragraphs', () => {
    expect(legalReference('Penal Code', '153-A', 'pt')).toBe('Código Penal, art. 153.º-A');
    expect(legalReference('Penal Code', '153-A(2)', 'pt')).toBe('Código Penal, art. 153.º-A, n.º 2');
    expect(legalReference('Penal Code', '153-A(2)', 'zh-Hant')).toBe('《刑法典》第一百五十三條-A第二款');
    expect(legalReference('Penal Code', '170', 'en')).toBe('Penal Code, art. 170');
  });
  it('counts in Chinese numerals', () => {
    expect([8, 10, 15, 103, 153, 170, 1000].map(chineseNumber)).toEqual([
      '八',
      '十',
      '十五',
      '一百零三',
      '一百五十三',
      '一百七十',
      '一千',
    ]);
  });
});

describe('countries by name', () => {
  it('names Macao officially in each language and keeps unknown codes as they are', () => {
    expect(['en', 'zh-Hant', 'pt'].map((l) => countryName('MAC', l as 'en'))).toEqual([
      'Macao, China',
      '中國澳門',
      'Macau, China',
    ]);
    expect(countryName('PHL', 'zh-Hant')).toBe('菲律賓');
    expect(countryName('ZZZ', 'en')).toBe('ZZZ');
  });
  it('finds a country as one types, by code or by a name in any language, accents ignored', () => {
    expect(searchCountries('PHL', 'en')[0]!.alpha3).toBe('PHL');
    expect(searchCountries('filip', 'en').map((c) => c.alpha3)).toContain('PHL');
    expect(searchCountries('澳門', 'en').map((c) => c.alpha3)).toEqual(['MAC']);
    expect(searchCountries('sao tome', 'pt').map((c) => c.alpha3)).toEqual(['STP']);
  });
});
