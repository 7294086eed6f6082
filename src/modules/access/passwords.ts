import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { GuiaError } from '../../core/errors.js';
import { passwordProblem } from '../../core/password-policy.js';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): slow enough to make
// offline guessing expensive, fast enough for a sign-in on a small server.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this hash when the e-mail is unknown keeps both answers equally slow,
// so timing does not tell an attacker which accounts exist.
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = () => (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));

export function assertAcceptablePassword(password: string, context: string[], field = 'password'): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new GuiaError(problem, {}, [{ path: field, code: problem }]);
}

/** A one-time password for a new or reset account: 4 groups of 4 from an unambiguous alphabet (~80 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Ten recovery codes of 40 random bits each (`xxxxx-xxxxx`), shown once. Each is stored as
 * argon2id with its own salt (ASVS 2.6.2, 2.6.3): whoever holds the database must search
 * 2^40 memory-hard hashes per code. Lighter than a password's hash, as the code is random,
 * not chosen, and a sign-in checks it against every unused code of the account.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

const recoveryCodeOptions = { memoryCost: 4_096, timeCost: 1, parallelism: 1 };

export const hashRecoveryCode = (code: string) => hash(code.toLowerCase(), recoveryCodeOptions);

/**
 * Whether a typed code is the stored one. The stored value's prefix tells the two forms
 * apart: `$argon2id$…` for codes issued now; codes issued before were unsalted SHA-256
 * (base64url) and still work, once, until the user enrols again.
 */
export async function recoveryCodeMatches(stored: string, code: string): Promise<boolean> {
  const typed = code.toLowerCase();
  if (stored.startsWith('$argon2')) return passwordMatches(stored, typed);
  const expected = Buffer.from(stored, 'base64url');
  const given = createHash('sha256').update(typed).digest();
  return expected.length === given.length && timingSafeEqual(expected, given);
}
