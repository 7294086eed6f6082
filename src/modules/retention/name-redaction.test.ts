import { describe, expect, it } from 'vitest';
import { nameRedactor } from './name-redaction.js';

const redact = (givenNames: string | null, familyName: string | null, text: string) =>
  nameRedactor({ givenNames, familyName }, 'V-0007')?.(text) ?? { text, mentions: 0 };

describe('redacting a person’s names from free text', () => {
  it('replaces her full name, each of her names alone, whatever the case and accents, by her pseudonym', () => {
    expect(
      redact(
        'Maria José',
        'da Silva',
        'Met MARIA JOSE DA SILVA at the shelter; maria said José SILVA is her cousin.',
      ),
    ).toEqual({
      text: 'Met V-0007 at the shelter; V-0007 said V-0007 is her cousin.',
      mentions: 3,
    });
    expect(redact('Ｍａｒｉａ', 'Santos', 'Santos-Maria arrived').text).toBe('V-0007 arrived');
  });

  it('leaves words that merely contain her name, and short lower-case words, alone', () => {
    expect(redact('Ana', 'Li', 'Banana and li-ion; Ana Li, then LI and Li.')).toEqual({
      text: 'Banana and li-ion; V-0007, then V-0007 and V-0007.',
      mentions: 3,
    });
  });

  it('finds Chinese names written without spaces, in either order and with a form of address', () => {
    expect(redact('大文', '陳', '陳大文說大文的老闆不准陳小姐離開。')).toEqual({
      text: 'V-0007說V-0007的老闆不准V-0007離開。',
      mentions: 3,
    });
    // A one-character family name alone is too common a character to erase.
    expect(redact('大文', '陳', '陳列室').text).toBe('陳列室');
  });

  it('changes nothing in a text naming someone else, and cannot match an empty identity', () => {
    expect(redact('Maria', 'Santos', 'Carla Sousa called.')).toEqual({
      text: 'Carla Sousa called.',
      mentions: 0,
    });
    expect(nameRedactor({ givenNames: null, familyName: 'da' }, 'V-0007')).toBeNull();
  });
});
