import { commonPasswordBases } from './common-passwords.js';

export const minimumPasswordLength = 12;

export type PasswordProblem = 'password.too_short' | 'password.too_common';

/** The first problem with a new password, or null. Pure: the caller decides how to report it. */
export function passwordProblem(password: string, context: string[] = []): PasswordProblem | null {
  if ([...password].length < minimumPasswordLength) return 'password.too_short';
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
