import { commonPasswordBases } from './common-passwords.js';

export const minimumPasswordLength = 12;
/**
 * ASVS 2.1.2: at least 64 characters allowed, more than 128 refused. Long passphrases are
 * welcome; a longer "password" is a paste gone wrong or an attempt to make hashing costly.
 */
export const maximumPasswordLength = 128;

export type PasswordProblem = 'password.too_short' | 'password.too_long' | 'password.too_common';

/**
 * The first problem with a new password, or null. Pure: the caller decides how to report it.
 * Lengths count characters as people see them (code points), not UTF-16 units.
 */
export function passwordProblem(password: string, context: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < minimumPasswordLength) return 'password.too_short';
  if (length > maximumPasswordLength) return 'password.too_long';
  const lowered = password.toLowerCase();
  // Unicode classes, not \W: every Chinese character is "non-word" to \W.
  const base = lowered.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '').replace(/^[\p{N}\p{P}\p{S}\s]+/u, '');
  if (base.length === 0 || commonPasswordBases.has(base)) return 'password.too_common';
  if (/^(.)\1+$/u.test(lowered) || isRepeatedUnit(lowered)) return 'password.too_common';
  // A password built from the user's own e-mail or name is the first thing an attacker tries.
  for (const word of context.map((c) => c.toLowerCase()).filter((c) => c.length >= 4)) {
    if (base === word || (lowered.includes(word) && base.length - word.length < 4))
      return 'password.too_common';
  }
  return null;
}

function isRepeatedUnit(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}

/** 0: refused (passwordProblem says why); 1 weak, 2 fair, 3 good, 4 strong. */
export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

/**
 * How hard the password is to guess, for the strength meter (ASVS 2.1.8). It starts from
 * `passwordProblem`, so the meter never calls "strong" what the server refuses. The estimate
 * is rough on purpose: bits from the kinds of characters used, with each repeated character
 * counted at half weight, so "aaaaaaaaaaab" stays weak and a sentence of words does well.
 */
export function passwordStrength(password: string, context: string[] = []): PasswordStrength {
  if (passwordProblem(password, context)) return 0;
  const characters = [...password];
  const classes: [RegExp, number][] = [
    [/\p{Ll}/u, 26],
    [/\p{Lu}/u, 26],
    [/\p{N}/u, 10],
    [/[\p{P}\p{S}\s]/u, 33],
    // Chinese and other scripts without case: thousands of characters in everyday use.
    [/\p{Lo}/u, 2_000],
  ];
  const pool = classes.reduce((sum, [pattern, size]) => sum + (pattern.test(password) ? size : 0), 0);
  const distinct = new Set(characters).size;
  const bits = Math.log2(pool) * (distinct + (characters.length - distinct) / 2);
  return bits < 60 ? 1 : bits < 80 ? 2 : bits < 100 ? 3 : 4;
}
