import { describe, expect, it } from 'vitest';
import { nameRedactor } from './name-redaction.js';

const redact = (givenNames: string | null, familyName: string | null, text: string) =>
  nameRedactor({ givenNames, familyName }, 'V-0007')?.(text) ?? { text, mentions: 0 };

describe('redacting a person’s names from free text', () => {
  it.each([
    [
      'her full name and each of her names alone, whatever the case and accents',
      ['Maria José', 'da Silva'],
      'Met MARIA JOSE DA SILVA at the shelter; maria said José SILVA is her cousin.',
      'Met V-0007 at the shelter; V-0007 said V-0007 is her cousin.',
      3,
    ],
    [
      'her name in full-width letters, hyphenated',
      ['Ｍａｒｉａ', 'Santos'],
      'Santos-Maria arrived',
      'V-0007 arrived',
      1,
    ],
    [
      'her names as whole words only, short ones only capitalised',
      ['Ana', 'Li'],
      'Banana and li-ion; Ana Li, then LI and Li.',
      'Banana and li-ion; V-0007, then V-0007 and V-0007.',
      3,
    ],
    [
      'a Chinese name without spaces, in either order and with a form of address',
      ['大文', '陳'],
      '陳大文說大文的老闆不准陳小姐離開。',
      'V-0007說V-0007的老闆不准V-0007離開。',
      3,
    ],
    // A one-character family name alone is too common a character to erase.
    ['not a one-character family name alone', ['大文', '陳'], '陳列室', '陳列室', 0],
    [
      'nothing in a text naming someone else',
      ['Maria', 'Santos'],
      'Carla Sousa called.',
      'Carla Sousa called.',
      0,
    ],
  ] as const)('replaces by her pseudonym %s', (_name, [given, family], text, expected, mentions) => {
    expect(redact(given, family, text)).toEqual({ text: expected, mentions });
  });

  it('has nothing to match in an identity without names (a particle alone is no name)', () => {
    expect(nameRedactor({ givenNames: null, familyName: 'da' }, 'V-0007')).toBeNull();
  });
});
