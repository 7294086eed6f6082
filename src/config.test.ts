import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, todayIn } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('sqlite');
    expect(config.dataKey.kind).toBe('file');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://guia@localhost/guia' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://guia@localhost/guia' });
  });

  it('names every bad variable and its problem', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', GUIA_ADMIN_PASSWORD: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: must start with postgres:\/\//m);
    expect(problems).toMatch(/^GUIA_ADMIN_PASSWORD: must be at least 12 characters/m);
  });

  it('refuses an administrator password of more than 128 characters at start-up, naming the variable', () => {
    expect(() => loadConfig({ GUIA_ADMIN_PASSWORD: 'harbour lantern '.repeat(8) + 'x' })).toThrow(
      /GUIA_ADMIN_PASSWORD: must be at most 128 characters/,
    );
    expect(loadConfig({ GUIA_ADMIN_PASSWORD: 'harbour lantern '.repeat(8) }).adminPassword).toHaveLength(128);
  });

  it('refuses a data key in both the environment and a file', () => {
    expect(() => loadConfig({ GUIA_DATA_KEY: `${'A'.repeat(43)}=`, GUIA_DATA_KEY_FILE: '/tmp/key' })).toThrow(
      /set one of them/,
    );
  });

  it('reads GUIA_TRUST_PROXY as a hop count or proxy addresses, and refuses "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ GUIA_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ GUIA_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
    ]);
    expect(() => loadConfig({ GUIA_TRUST_PROXY: 'true' })).toThrow(/GUIA_TRUST_PROXY: "true" would trust/);
    expect(() => loadConfig({ GUIA_TRUST_PROXY: '10.0.0.300' })).toThrow(/GUIA_TRUST_PROXY: not a hop count/);
    expect(() => loadConfig({ GUIA_TRUST_PROXY: '0' })).toThrow(/GUIA_TRUST_PROXY/);
  });

  it('reads GUIA_EXCLUSIVE_ROLES as groups of known roles, or none', () => {
    expect(loadConfig({}).exclusiveRoles).toBeUndefined();
    expect(
      loadConfig({ GUIA_EXCLUSIVE_ROLES: 'administrator:auditor,secretariat:auditor' }).exclusiveRoles,
    ).toEqual([
      ['administrator', 'auditor'],
      ['secretariat', 'auditor'],
    ]);
    expect(loadConfig({ GUIA_EXCLUSIVE_ROLES: 'none' }).exclusiveRoles).toEqual([]);
    expect(() => loadConfig({ GUIA_EXCLUSIVE_ROLES: 'administrator:wizard' })).toThrow(/unknown role/);
  });
});

describe('todayIn', () => {
  it("turns the date at the committee's midnight, also when asked within the same minute before", () => {
    // Macao is UTC+8: its midnight is 16:00 UTC.
    expect(todayIn('Asia/Macau', new Date('2026-12-01T15:59:00.000Z'))).toBe('2026-12-01');
    expect(todayIn('Asia/Macau', new Date('2026-12-01T15:59:59.999Z'))).toBe('2026-12-01');
    expect(todayIn('Asia/Macau', new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-02');
    expect(todayIn('UTC', new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-01');
    // Back in a minute already asked for, in another zone first: each zone keeps its own day.
    expect(todayIn('Asia/Macau', new Date('2026-12-01T15:59:30.000Z'))).toBe('2026-12-01');
  });

  it('keeps offsets of seconds before 1973 (Monrovia was 44 min 30 s behind UTC)', () => {
    expect(todayIn('Africa/Monrovia', new Date('1960-06-01T00:44:00.000Z'))).toBe('1960-05-31');
    expect(todayIn('Africa/Monrovia', new Date('1960-06-01T00:44:40.000Z'))).toBe('1960-06-01');
  });
});
