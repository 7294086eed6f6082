import { describe, expect, it } from 'vitest';
import { duplicateKeyMaterial, nameTokens, normalisedName } from './person-names.js';

describe('person name normalisation', () => {
  it('matches the same name written differently', () => {
    const forms = ['CHAN Tai-man', 'Chan Tai Man', 'tai man chan', 'Ｃｈａｎ Tai Man'];
    expect(new Set(forms.map((f) => normalisedName(f))).size).toBe(1);
    expect(normalisedName('José', 'Gonçalves')).toBe(normalisedName('Jose GONCALVES'));
  });

  it('keeps Chinese names whole', () => {
    expect(nameTokens('陳大文')).toEqual(['陳大文']);
  });

  it('builds duplicate-key material only when there is a name', () => {
    expect(duplicateKeyMaterial({ birthDate: '1990-01-01' })).toBeNull();
    // A name alone would flag strangers and tell anyone typing a name that it is on record.
    expect(duplicateKeyMaterial({ givenNames: 'Tai Man', familyName: 'Chan' })).toBeNull();
    expect(
      duplicateKeyMaterial({
        givenNames: 'Tai Man',
        familyName: 'Chan',
        birthDate: '1990-01-01',
        identityNumber: 'm123-456(7)',
      }),
    ).toBe('chan man tai|1990-01-01|M1234567');
  });
});
