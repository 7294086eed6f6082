import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

// Identity fields are encrypted with AES-256-GCM. Each value carries its own random
// 96-bit nonce; the column it belongs to is bound as additional data, so a ciphertext
// copied into another column (a name into a notes field) fails to decrypt.
// Searchable fields carry a keyed hash (HMAC-SHA-256) beside the ciphertext: equality
// search without decrypting, and no dictionary attack without the key.

const format = 'g1';

export type FieldCipher = {
  encrypt(plain: string, column: string): string;
  decrypt(sealed: string, column: string): string;
  /** For nullable columns: an absent or empty value is stored as null, not as a sealed empty string. */
  encryptOptional(plain: string | null | undefined, column: string): string | null;
  decryptOptional(sealed: string | null, column: string): string | null;
  blindIndex(normalised: string, purpose: string): string;
  /** A value stored beside the data that proves, at start-up, that this is the key it was written with. */
  keyCheck(): string;
  matchesKeyCheck(stored: string): boolean;
};

export class DecryptionError extends Error {
  constructor(column: string) {
    super(`Cannot decrypt a value of ${column}: wrong data key or altered data`);
    this.name = 'DecryptionError';
  }
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('guia field encryption v1');
  const indexKey = derive('guia blind index v1');
  const checkKey = derive('guia key check v1');

  return {
    encrypt(plain, column) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce);
      // Stryker disable next-line StringLiteral: 'utf8' is the default encoding here, so "" encodes the same
      cipher.setAAD(Buffer.from(column, 'utf8'));
      // Stryker disable next-line StringLiteral: 'utf8' is the default encoding here, so "" encodes the same
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${format}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')}`;
    },
    decrypt(sealed, column) {
      const [prefix, payload] = sealed.split(':', 2);
      if (prefix !== format || !payload) throw new DecryptionError(column);
      const raw = Buffer.from(payload, 'base64');
      // Stryker disable next-line ConditionalExpression: a shorter value fails authentication below too; this refuses it early
      if (raw.length < 28) throw new DecryptionError(column);
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
        // Stryker disable next-line StringLiteral: 'utf8' is the default encoding here, so "" encodes the same
        decipher.setAAD(Buffer.from(column, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new DecryptionError(column);
      }
    },
    encryptOptional(plain, column) {
      return plain ? this.encrypt(plain, column) : null;
    },
    decryptOptional(sealed, column) {
      return sealed ? this.decrypt(sealed, column) : null;
    },
    blindIndex(normalised, purpose) {
      return createHmac('sha256', indexKey).update(`${purpose}\u0000${normalised}`).digest('base64url');
    },
    keyCheck() {
      return createHmac('sha256', checkKey).update('guia key check').digest('base64url');
    },
    matchesKeyCheck(stored) {
      const expected = Buffer.from(this.keyCheck());
      const actual = Buffer.from(stored);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
