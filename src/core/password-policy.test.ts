import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordStrength } from './password-policy.js';

describe('passwordProblem', () => {
  it('refuses passwords shorter than 12 characters', () => {
    expect(passwordProblem('Sh0rt!pass')).toBe('password.too_short');
  });

  it.each(['password1234', 'Password2024!', '123456789012', 'qwertyuiopas', 'aaaaaaaaaaaa', 'abcabcabcabc'])(
    'refuses the common password %s',
    (password) => {
      expect(passwordProblem(password)).toBe('password.too_common');
    },
  );

  it('refuses a password made of the user e-mail name', () => {
    expect(passwordProblem('maria.santos2024', ['maria.santos'])).toBe('password.too_common');
  });

  it('refuses a password holding the user name or e-mail name in another case, with a little around it', () => {
    const context = ['maria.santos', 'Maria Santos'];
    expect(passwordProblem('My Maria.Santos!', context)).toBe('password.too_common');
    expect(passwordProblem('hi MARIA SANTOS 99', context)).toBe('password.too_common');
    expect(passwordProblem('xmaria.santosx', context)).toBe('password.too_common');
  });

  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('harbour lantern ferry 27')).toBeNull();
    expect(passwordProblem('澳門半島的燈塔很漂亮呀')).toBe('password.too_short');
    expect(passwordProblem('澳門半島的燈塔在東望洋山頂上')).toBeNull();
  });
});

describe('passwordProblem at its edges', () => {
  it('refuses a unit repeated twice, as long as half the password', () => {
    expect(passwordProblem('harborharbor')).toBe('password.too_common');
  });

  it('accepts a passphrase that starts or ends with a doubled character', () => {
    expect(passwordProblem('aardvark lantern ferry 77')).toBeNull();
  });

  it('judges context words of four characters or more, and ignores shorter ones', () => {
    expect(passwordProblem('12345678lina', ['Lina'])).toBe('password.too_common');
    expect(passwordProblem('123456789lin', ['lin'])).toBeNull();
  });

  it('allows a context word inside a password with four characters or more around it', () => {
    expect(passwordProblem('maria.santosabcd', ['maria.santos'])).toBeNull();
    expect(passwordProblem('maria.santosabc', ['maria.santos'])).toBe('password.too_common');
  });

  it('does not refuse a password of the same length as a context word it does not hold', () => {
    expect(passwordProblem('maria.santos99', ['santos.maria'])).toBeNull();
  });

  it('has no context words unless given', () => {
    expect(passwordProblem('Stryker was here!')).toBeNull();
  });
});

describe('password length limits (ASVS 2.1.2)', () => {
  it('accepts 64 and 128 characters and refuses 129', () => {
    const words = 'harbour lantern ferry monsoon typhoon '.repeat(4);
    expect(passwordProblem(words.slice(0, 64))).toBeNull();
    expect(passwordProblem(words.slice(0, 128))).toBeNull();
    expect(passwordProblem(words.slice(0, 129))).toBe('password.too_long');
  });

  it('counts characters as people see them: 128 Chinese characters are allowed, even of two UTF-16 units each', () => {
    expect(passwordProblem('澳門燈塔'.repeat(31) + '東望洋山')).toBeNull();
    const chinese = (n: number) =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20000 + i)).join('');
    expect(chinese(128)).toHaveLength(256);
    expect(passwordProblem(chinese(128))).toBeNull();
    expect(passwordProblem(chinese(129))).toBe('password.too_long');
  });
});

describe('passwordStrength (ASVS 2.1.8)', () => {
  it('is 0 exactly when the server would refuse the password, whatever it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140, unit: 'grapheme' }), (password) => {
        expect(passwordStrength(password) === 0).toBe(passwordProblem(password) !== null);
      }),
      { numRuns: 300 },
    );
  });

  it('rates a password made of the user e-mail name 0, as the server refuses it', () => {
    expect(passwordStrength('maria.santos2024', ['maria.santos'])).toBe(0);
  });

  it('rates a mostly repeated password weak and a sentence of words strong', () => {
    expect(passwordStrength('aaaaaaaaaaab')).toBe(1);
    expect(passwordStrength('qpwoeirutyal')).toBe(1);
    expect(passwordStrength('kT9#mQ2$vL8!')).toBe(2);
    expect(passwordStrength('correcthorsebatterystaple')).toBe(3);
    expect(passwordStrength('harbour lantern ferry 27')).toBe(4);
    expect(passwordStrength('澳門半島的燈塔在東望洋山頂上')).toBe(4);
  });
});
