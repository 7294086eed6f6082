import { describe, expect, it } from 'vitest';

import { languages } from '../languages.js';
import { macaoLegalQualifications, traffickingQualificationCodes } from './legal-qualifications.js';

describe('Macao legal qualifications', () => {
  it('have unique snake_case codes', () => {
    const codes = macaoLegalQualifications.map((qualification) => qualification.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^mo_[a-z0-9_]+$/);
  });

  it.each(macaoLegalQualifications.map((qualification) => [qualification.code, qualification]))(
    '%s is labelled in every language and names its law and article',
    (_code, qualification) => {
      for (const language of languages) expect(qualification.label[language].trim()).not.toBe('');
      expect(qualification.law.trim()).not.toBe('');
      expect(qualification.article.trim()).not.toBe('');
    },
  );

  it('count the trafficking article, adults and minors, as trafficking and the related offences not', () => {
    expect(traffickingQualificationCodes(macaoLegalQualifications)).toEqual([
      'mo_pc_153a',
      'mo_pc_153a_minor',
    ]);
  });

  it('give each offence its own label in each language', () => {
    for (const language of languages) {
      const labels = macaoLegalQualifications.map((qualification) => qualification.label[language]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
