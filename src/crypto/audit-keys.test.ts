import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAuditKeys } from './audit-keys.js';

describe('audit keys', () => {
  it('derives the chain and checkpoint keys from the data key, each under its own label', () => {
    const dataKey = randomBytes(32);
    const keys = deriveAuditKeys(dataKey);
    const hkdf = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
    expect(keys.chain.equals(hkdf('guia audit chain v1'))).toBe(true);
    expect(keys.checkpoint.equals(hkdf('guia audit checkpoint v1'))).toBe(true);
    expect(keys.chain.equals(keys.checkpoint)).toBe(false);
    expect(keys.chain.equals(dataKey)).toBe(false);
    expect(deriveAuditKeys(dataKey).chain.equals(keys.chain)).toBe(true);
  });

  it('refuses a data key that is not 32 bytes', () => {
    expect(() => deriveAuditKeys(randomBytes(31))).toThrow('The data key must be 32 bytes');
    expect(() => deriveAuditKeys(randomBytes(33))).toThrow('The data key must be 32 bytes');
  });
});
