import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, DecryptionError } from './field-cipher.js';

describe('field cipher', () => {
  const cipher = createFieldCipher(randomBytes(32));

  it('round-trips text and never repeats a ciphertext', () => {
    const a = cipher.encrypt('陳大文 Chan Tai Man', 'person.name');
    const b = cipher.encrypt('陳大文 Chan Tai Man', 'person.name');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Chan');
    expect(cipher.decrypt(a, 'person.name')).toBe('陳大文 Chan Tai Man');
  });

  it('refuses a ciphertext moved to another column', () => {
    const sealed = cipher.encrypt('secret', 'person.name');
    expect(() => cipher.decrypt(sealed, 'person.notes')).toThrow(DecryptionError);
  });

  it('refuses an altered ciphertext and a different key', () => {
    const sealed = cipher.encrypt('secret', 'c');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => cipher.decrypt(`g1:${raw.toString('base64')}`, 'c')).toThrow(DecryptionError);
    expect(() => createFieldCipher(randomBytes(32)).decrypt(sealed, 'c')).toThrow(DecryptionError);
  });

  it('proves the key with a key check that another key does not match', () => {
    expect(cipher.matchesKeyCheck(cipher.keyCheck())).toBe(true);
    expect(createFieldCipher(randomBytes(32)).matchesKeyCheck(cipher.keyCheck())).toBe(false);
  });

  it('gives equal blind indexes for equal input and purpose only', () => {
    expect(cipher.blindIndex('chan tai man', 'name')).toBe(cipher.blindIndex('chan tai man', 'name'));
    expect(cipher.blindIndex('chan tai man', 'name')).not.toBe(cipher.blindIndex('chan tai man', 'id'));
  });
});
