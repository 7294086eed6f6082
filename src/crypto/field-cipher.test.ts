import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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

  it('refuses a value of another format or too short to hold a nonce and a tag', () => {
    const sealed = cipher.encrypt('secret', 'c');
    expect(() => cipher.decrypt(`g2:${sealed.slice(3)}`, 'c')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(sealed.slice(3), 'c')).toThrow(DecryptionError);
    expect(() => cipher.decrypt('g1:', 'c')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(`g1:${Buffer.alloc(27).toString('base64')}`, 'c')).toThrow(DecryptionError);
  });

  it('round-trips an empty value, which holds only the nonce and the tag', () => {
    const sealed = cipher.encrypt('', 'c');
    expect(Buffer.from(sealed.slice(3), 'base64')).toHaveLength(28);
    expect(cipher.decrypt(sealed, 'c')).toBe('');
  });

  it('names the column it could not decrypt, not the value', () => {
    const error = (() => {
      try {
        cipher.decrypt('g1:AAAA', 'person.name');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.name).toBe('DecryptionError');
    expect(error?.message).toBe('Cannot decrypt a value of person.name: wrong data key or altered data');
  });

  it('stores an absent or empty optional value as null', () => {
    expect(cipher.encryptOptional(null, 'c')).toBeNull();
    expect(cipher.encryptOptional(undefined, 'c')).toBeNull();
    expect(cipher.encryptOptional('', 'c')).toBeNull();
    expect(cipher.decryptOptional(null, 'c')).toBeNull();
    const sealed = cipher.encryptOptional('Macao', 'c');
    expect(sealed).toMatch(/^g1:/);
    expect(cipher.decryptOptional(sealed, 'c')).toBe('Macao');
  });

  it('derives its encryption, index and key-check keys from the data key, each under its own label', () => {
    const dataKey = randomBytes(32);
    const own = createFieldCipher(dataKey);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
    expect(own.blindIndex('chan tai man', 'name')).toBe(
      createHmac('sha256', derive('guia blind index v1'))
        .update('name\u0000chan tai man')
        .digest('base64url'),
    );
    expect(own.keyCheck()).toBe(
      createHmac('sha256', derive('guia key check v1')).update('guia key check').digest('base64url'),
    );
    // A value sealed by hand under the derived encryption key, bound to its column, opens.
    const nonce = randomBytes(12);
    const aes = createCipheriv('aes-256-gcm', derive('guia field encryption v1'), nonce);
    aes.setAAD(Buffer.from('person.name', 'utf8'));
    const body = Buffer.concat([aes.update('陳大文', 'utf8'), aes.final()]);
    const sealed = `g1:${Buffer.concat([nonce, body, aes.getAuthTag()]).toString('base64')}`;
    expect(own.decrypt(sealed, 'person.name')).toBe('陳大文');
  });

  it('refuses a key check of another length without throwing, and a data key that is not 32 bytes', () => {
    expect(cipher.matchesKeyCheck('short')).toBe(false);
    expect(cipher.matchesKeyCheck('')).toBe(false);
    expect(() => createFieldCipher(randomBytes(16))).toThrow('The data key must be 32 bytes');
  });
});
