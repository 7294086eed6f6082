import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  defaultReferencePattern,
  formatCaseReference,
  formatPseudonym,
  validateReferencePattern,
} from './case-reference.js';

const pj2020 = { agency: 'PJ', year: 2020, seq: 7 };

describe('case references', () => {
  it('formats the default pattern as agency, year and a 4-digit number', () => {
    expect(defaultReferencePattern).toBe('{AGENCY}-{YYYY}-{SEQ:4}');
    expect(formatCaseReference(defaultReferencePattern, pj2020)).toBe('PJ-2020-0007');
  });

  it.each([
    ['{SEQ}/{YYYY}', '7/2020'],
    ['{SEQ:3}/{YY}/{AGENCY}', '007/20/PJ'],
    ['INQ {AGENCY} {SEQ:6}', 'INQ PJ 000007'],
    ['{YY}{SEQ:2}', '2007'],
    ['{AGENCY}{AGENCY}-{SEQ}', 'PJPJ-7'],
  ])('formats %s as %s', (pattern, expected) => {
    expect(formatCaseReference(pattern, pj2020)).toBe(expected);
  });

  it('pads the two-digit year', () => {
    expect(formatCaseReference('{YY}-{SEQ}', { agency: 'PJ', year: 2005, seq: 1 })).toBe('05-1');
  });

  it('prints a number wider than the padding in full rather than cutting it', () => {
    expect(formatCaseReference(defaultReferencePattern, { ...pj2020, seq: 12345 })).toBe('PJ-2020-12345');
  });

  it('gives different numbers different references under any valid pattern', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(defaultReferencePattern, '{SEQ}', '{YY}{SEQ:2}', '{SEQ:3}/{YYYY}'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (pattern, a, b) => {
          fc.pre(a !== b);
          expect(formatCaseReference(pattern, { ...pj2020, seq: a })).not.toBe(
            formatCaseReference(pattern, { ...pj2020, seq: b }),
          );
        },
      ),
    );
  });

  it('refuses to format with an invalid pattern', () => {
    expect(() => formatCaseReference('{AGENCY}-{YEAR}-{SEQ}', pj2020)).toThrow(/unknown_token \{YEAR\}/);
    expect(() => formatCaseReference('{AGENCY}', pj2020)).toThrow(/missing_seq/);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses sequence number %s', (seq) => {
    expect(() => formatCaseReference(defaultReferencePattern, { ...pj2020, seq })).toThrow(RangeError);
  });

  it.each([999, 10000, 2020.5])('refuses year %s', (year) => {
    expect(() => formatCaseReference(defaultReferencePattern, { ...pj2020, year })).toThrow(RangeError);
  });
});

describe('reference patterns', () => {
  it.each([
    defaultReferencePattern,
    '{SEQ}',
    '{SEQ:1}',
    '{SEQ:12}',
    'MP/{YYYY}/{SEQ:5}',
    '{YY}.{SEQ} ({AGENCY})',
  ])('accepts %s', (pattern) => {
    expect(validateReferencePattern(pattern)).toBeNull();
  });

  it.each([
    ['', 'reference_pattern.empty'],
    ['   ', 'reference_pattern.empty'],
    ['{AGENCY}-{YYYY}', 'reference_pattern.missing_seq'],
    ['CASE', 'reference_pattern.missing_seq'],
    ['{AGENCY}-{YEAR}-{SEQ}', 'reference_pattern.unknown_token'],
    ['{seq}', 'reference_pattern.unknown_token'],
    ['{}{SEQ}', 'reference_pattern.unknown_token'],
    ['{SEQ:}', 'reference_pattern.unknown_token'],
    ['{SEQ:x}', 'reference_pattern.unknown_token'],
    ['{SEQ:0}', 'reference_pattern.bad_seq_width'],
    ['{SEQ:13}', 'reference_pattern.bad_seq_width'],
    ['{AGENCY-{SEQ}', 'reference_pattern.unbalanced_brace'],
    ['{SEQ}}', 'reference_pattern.unbalanced_brace'],
    ['}{SEQ}', 'reference_pattern.unbalanced_brace'],
    ['{SEQ', 'reference_pattern.unbalanced_brace'],
    ['{SEQ}\n', 'reference_pattern.control_character'],
    [`{SEQ}${'-'.repeat(64)}`, 'reference_pattern.too_long'],
  ])('refuses %j with %s', (pattern, problem) => {
    expect(validateReferencePattern(pattern)).toBe(problem);
  });

  it('formats every pattern it accepts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('{AGENCY}', '{YYYY}', '{YY}', '{SEQ}', '{SEQ:4}', '-', '/', 'X', '{', '}', '{BAD}'),
          {
            maxLength: 8,
          },
        ),
        (pieces) => {
          const pattern = pieces.join('');
          if (validateReferencePattern(pattern) === null) {
            expect(formatCaseReference(pattern, pj2020)).toContain('7');
          } else {
            expect(() => formatCaseReference(pattern, pj2020)).toThrow(RangeError);
          }
        },
      ),
    );
  });
});

describe('pseudonyms', () => {
  it.each([
    ['V', 2020, 3, 'V-2020-0003'],
    ['S', 2019, 42, 'S-2019-0042'],
    ['W', 2024, 12345, 'W-2024-12345'],
  ] as const)('formats %s %s %s as %s', (prefix, year, seq, expected) => {
    expect(formatPseudonym(prefix, year, seq)).toBe(expected);
  });

  it('refuses a sequence number below 1', () => {
    expect(() => formatPseudonym('V', 2020, 0)).toThrow(RangeError);
  });
});

describe('reference patterns at their edges', () => {
  it.each([
    ['a tab', 'PJ\t{SEQ}', 'reference_pattern.control_character'],
    ['a unit separator', 'PJ\u001f{SEQ}', 'reference_pattern.control_character'],
    ['delete', 'PJ\u007f{SEQ}', 'reference_pattern.control_character'],
    ['a closing brace before an opening one', 'PJ}-{SEQ}', 'reference_pattern.unbalanced_brace'],
    ['a closing brace at the start', '}{SEQ}', 'reference_pattern.unbalanced_brace'],
    ['a closing brace after the last token', '{SEQ}}', 'reference_pattern.unbalanced_brace'],
    ['a token with text before SEQ', '{XSEQ:4}', 'reference_pattern.unknown_token'],
    ['a token with text after the width', '{SEQ:4X}', 'reference_pattern.unknown_token'],
  ])('refuses %s', (_name, pattern, problem) => {
    expect(validateReferencePattern(pattern)).toBe(problem);
  });

  it('accepts a pattern of exactly the longest length, and a space', () => {
    const longest = `${'A'.repeat(64 - '{SEQ}'.length)}{SEQ}`;
    expect(longest).toHaveLength(64);
    expect(validateReferencePattern(longest)).toBeNull();
    expect(validateReferencePattern(`${longest}A`)).toBe('reference_pattern.too_long');
    expect(validateReferencePattern('PJ {SEQ}')).toBeNull();
  });

  it('keeps the text between, before and after the tokens', () => {
    expect(formatCaseReference('{SEQ}', pj2020)).toBe('7');
    expect(formatCaseReference('CASE/{AGENCY}/{YY}/{SEQ:3}/MO', pj2020)).toBe('CASE/PJ/20/007/MO');
  });

  it('formats the first and last years of four digits and refuses the others, saying why', () => {
    expect(formatCaseReference('{YYYY}-{SEQ}', { ...pj2020, year: 1000 })).toBe('1000-7');
    expect(formatCaseReference('{YYYY}-{SEQ}', { ...pj2020, year: 9999 })).toBe('9999-7');
    expect(() => formatCaseReference('{SEQ}', { ...pj2020, year: 999 })).toThrow(
      'year must have 4 digits: 999',
    );
    expect(() => formatCaseReference('{SEQ}', { ...pj2020, year: 10000 })).toThrow(
      'year must have 4 digits: 10000',
    );
    expect(() => formatCaseReference('{SEQ}', { ...pj2020, seq: 0 })).toThrow(
      'sequence number must be a positive integer: 0',
    );
  });

  it('names the problem and the token of an invalid pattern', () => {
    expect(() => formatCaseReference('{AGENCY}-{SEQ:0}', pj2020)).toThrow(
      'invalid reference pattern "{AGENCY}-{SEQ:0}": reference_pattern.bad_seq_width {SEQ:0}',
    );
    expect(() => formatCaseReference('{AGENCY}', pj2020)).toThrow(
      'invalid reference pattern "{AGENCY}": reference_pattern.missing_seq',
    );
  });
});
