import { describe, expect, it } from 'vitest';
import { nameProblem, SafeName } from './text.js';

describe('names', () => {
  it.each([
    ['a null character', 'Lei\u0000 Ka Man', 'control_character'],
    ['a line feed', 'Lei\nKa Man', 'control_character'],
    ['the unit separator', 'Lei\u001f', 'control_character'],
    ['delete', 'Lei\u007f', 'control_character'],
    ['a C1 control', 'Lei\u009f', 'control_character'],
    ['the Arabic letter mark', 'Lei\u061c', 'bidi_control'],
    ['a right-to-left mark', 'Lei\u200f', 'bidi_control'],
    ['a left-to-right mark', '\u200eLei', 'bidi_control'],
    ['a right-to-left override', '\u202eieL', 'bidi_control'],
    ['a left-to-right embedding', '\u202aLei', 'bidi_control'],
    ['a first-strong isolate', '\u2068Lei\u2069', 'bidi_control'],
    ['a left-to-right isolate', '\u2066Lei', 'bidi_control'],
  ])('refuses %s', (_name, text, problem) => {
    expect(nameProblem(text)).toBe(problem);
  });

  it.each(['Lei Ka Man', '陳大文', 'José Ção', 'O’Brien-Smith', '\u00a0Lei', 'Lei\u2070'])(
    'accepts %s',
    (text) => {
      expect(nameProblem(text)).toBeNull();
    },
  );

  it('stores a name trimmed and in NFC, within its length', () => {
    const name = SafeName(5);
    expect(name.parse('  Jose\u0301 ')).toBe('José');
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('abcdef').success).toBe(false);
    expect(name.parse('abcde')).toBe('abcde');
  });

  it('refuses a name with a control or bidi character, saying which', () => {
    const result = SafeName(50).safeParse('Lei\u202e');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['bidi_control']);
    expect(SafeName(50).safeParse('Lei\u0007').error?.issues[0]?.message).toBe('control_character');
  });
});
