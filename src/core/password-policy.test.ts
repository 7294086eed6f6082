import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

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
