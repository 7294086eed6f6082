import { randomBytes, randomInt } from 'node:crypto';
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
