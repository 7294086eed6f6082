import { describe, expect, it } from 'vitest';
import {
  assertAcceptablePassword,
  decoyPasswordHash,
  hashPassword,
  oneTimePassword,
  passwordMatches,
} from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP minimum and matches only the same password', async () => {
    const hashed = await hashPassword('harbour lantern ferry 27');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwordMatches(hashed, 'harbour lantern ferry 27')).toBe(true);
    expect(await passwordMatches(hashed, 'harbour lantern ferry 28')).toBe(false);
  });

  it('answers false, not an error, for a stored hash that is not a hash', async () => {
    expect(await passwordMatches('not a hash', 'harbour lantern ferry 27')).toBe(false);
  });

  it('keeps one decoy hash for unknown e-mails, which no password matches', async () => {
    const decoy = await decoyPasswordHash();
    expect(await decoyPasswordHash()).toBe(decoy);
    expect(decoy).toMatch(/^\$argon2id\$/);
  });

  it('refuses a weak password naming the field, and accepts a strong one', () => {
    expect(() => assertAcceptablePassword('short', [])).toThrow(
      expect.objectContaining({
        code: 'password.too_short',
        fieldErrors: [{ path: 'password', code: 'password.too_short' }],
      }),
    );
    expect(() => assertAcceptablePassword('maria.santos2024', ['maria.santos'], 'newPassword')).toThrow(
      expect.objectContaining({ fieldErrors: [{ path: 'newPassword', code: 'password.too_common' }] }),
    );
    expect(() => assertAcceptablePassword('harbour lantern ferry 27', ['maria.santos'])).not.toThrow();
  });

  it('makes one-time passwords of 4 groups of 4 unambiguous characters, never the same twice', () => {
    const made = Array.from({ length: 50 }, () => oneTimePassword());
    for (const password of made) expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(made).size).toBe(made.length);
    // Every letter of the alphabet turns up, the last one too.
    const used = new Set(made.join('').replaceAll('-', ''));
    expect(used.size).toBeGreaterThan(25);
  });
});
